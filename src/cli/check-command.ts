import type { Argv } from 'yargs';
import { runCheck, type CheckRequest } from '../app/run-check.js';
import { exitCodeFor, FAIL_ON_CHOICES, type FailOn } from '../engine/verdict.js';
import { reporters } from '../reporters/index.js';
import { printNotices, requestFromArgs, withSourceOptions } from './common-options.js';
import { parseOutputTargets } from './output-targets.js';
import { toolVersion } from './tool-version.js';
import { writeOutputs } from './write-outputs.js';

/** The output options of `check` (and `demo`, which is a check of the bundled live example). */
export function withOutputOptions<T>(command: Argv<T>) {
  return command
    .option('format', {
      alias: 'f',
      type: 'string',
      array: true,
      default: ['text'],
      describe: `Output format, optionally to a file: F or F:FILE (repeatable). Formats: ${Object.keys(reporters).join(', ')}`,
    })
    .option('fail-on', { type: 'string', choices: FAIL_ON_CHOICES, default: 'error', describe: 'Lowest severity that makes the exit code 1' });
}

/** Runs a check, writes every requested output, prints notices and sets the exit code. */
export async function checkAndReport(request: CheckRequest, output: { format: string[]; 'fail-on': string }): Promise<void> {
  const failOn = output['fail-on'] as FailOn;
  const targets = parseOutputTargets(output.format, Object.keys(reporters));
  const { report, inventory } = await runCheck(request);
  printNotices(inventory);
  writeOutputs(report, targets, { toolVersion: toolVersion(), failOn }, request.cwd);
  process.exitCode = exitCodeFor(report, failOn);
}

export function checkCommand(cli: Argv): Argv {
  return cli.command(
    'check',
    'Check every configured environment against the rules',
    (command) =>
      withOutputOptions(withSourceOptions(command)).option('snapshot', { type: 'string', describe: 'Check a snapshot (from envdrift snapshot) instead of reading the sources' }),
    async (argv) => {
      const request = requestFromArgs(argv);
      await checkAndReport({ ...request, ...(argv.snapshot !== undefined && { snapshotPath: argv.snapshot }) }, argv);
    },
  );
}
