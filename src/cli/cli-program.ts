import { formatProblem, UserError } from '../files/user-error.js';
import { ExitCode } from '../engine/verdict.js';
import { checkCommand } from './check-command.js';
import { demoCommand } from './demo-command.js';
import { diffCommand } from './diff-command.js';
import { historyCommand } from './history-command.js';
import { initCommand } from './init-command.js';
import { installLastResortHandlers } from './last-resort.js';
import { rulesCommand } from './rules-command.js';
import { snapshotCommand } from './snapshot-command.js';
import { toolVersion } from './tool-version.js';
import { hideBin, yargs } from './word-wrapping-yargs.js';

/** More problems than this are summarised in one line: 100k unknown keys must not print 100k lines. */
const MAX_PRINTED_PROBLEMS = 200;

/** Prints a user error (its problems, each with file:line:column) without a stack trace. */
function reportUserError(error: UserError): void {
  process.stderr.write(`envdrift: ${error.message}\n`);
  for (const problem of error.problems.slice(0, MAX_PRINTED_PROBLEMS)) process.stderr.write(`  ${formatProblem(problem)}\n`);
  const more = error.problems.length - MAX_PRINTED_PROBLEMS;
  if (more > 0) process.stderr.write(`  … and ${more} more problems (${error.problems.length} in all); fix these first\n`);
}

/** The whole CLI: parse the arguments, run the command, turn a failure into a message and an exit code. */
export async function runCli(): Promise<void> {
  try {
    await main();
  } catch (error: unknown) {
    reportFailure(error);
  }
}

async function main(): Promise<void> {
  installLastResortHandlers(Boolean(process.env.ENVDRIFT_DEBUG));
  // `envdrift check | head` closes the pipe early: stop writing quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const cli = yargs(hideBin(process.argv))
    .scriptName('envdrift')
    .usage('$0 <command> [options]')
    .version(toolVersion())
    .strict()
    // Without this, an unknown --fial-on is reported twice (as fial-on and fialOn).
    .parserConfiguration({ 'camel-case-expansion': false })
    // A single-value flag given twice (`--fail-on error --fail-on warning`, as a CI template may add one) takes
    // its last value, instead of becoming a list that no check understands.
    .middleware((argv) => {
      // getOptions() is yargs API that its type definitions leave out.
      const lists = new Set((cli as unknown as { getOptions(): { array: string[] } }).getOptions().array);
      for (const [name, value] of Object.entries(argv)) if (name !== '_' && Array.isArray(value) && !lists.has(name)) argv[name] = value.at(-1);
    })
    .demandCommand(1, 'Name a command: envdrift check | diff | history | snapshot | init | demo | rules | explain')
    .recommendCommands()
    .epilog('Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error, 3 incomplete (something could not be read).')
    .fail((message, error) => {
      if (error) throw error;
      throw new UserError(`${message}\nRun 'envdrift --help' for usage.`);
    })
    .wrap(Math.min(100, process.stdout.columns ?? 100));
  checkCommand(cli);
  snapshotCommand(cli);
  demoCommand(cli);
  rulesCommand(cli);
  diffCommand(cli);
  historyCommand(cli);
  initCommand(cli);
  await cli.parseAsync();
}

function reportFailure(error: unknown): void {
  if (error instanceof UserError) {
    reportUserError(error);
  } else {
    // A bug, not the user's fault: say so briefly. Its message may quote input (a JSON parser's excerpt of a
    // key file), so only the error's kind is printed; message and stack on request (ENVDRIFT_DEBUG).
    process.stderr.write(`envdrift: internal error (${errorKind(error)})\n`);
    if (process.env.ENVDRIFT_DEBUG) process.stderr.write(`${(error as Error)?.message ?? String(error)}\n${(error as Error)?.stack ?? ''}\n`);
    process.stderr.write('This is a bug in envdrift; please report it with the command you ran.\n');
  }
  process.exitCode = ExitCode.usage;
}

function errorKind(error: unknown): string {
  const name = (error as Error)?.name;
  return typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'unknown';
}
