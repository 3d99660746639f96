import { homedir } from 'node:os';
import type { Argv } from 'yargs';
import type { RunRequest } from '../pipeline/prepare-run.js';
import { UserError } from '../files/user-error.js';
import type { Inventory } from '../model/inventory.js';
import type { ProgressListener } from '../sources/collect-inventory.js';

/** Default overall time limit for reading Google Cloud, and the most any one call may take. */
const DEFAULT_TIMEOUT_SECONDS = 60;
const PER_CALL_MS = 15_000;

/** Options every command that reads sources shares. */
export function withSourceOptions<T>(command: Argv<T>) {
  return command
    .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: ./envdrift.yaml)' })
    .option('env', { alias: 'e', type: 'string', array: true, describe: 'Only these environments (repeatable)' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_SECONDS, describe: 'Overall seconds for reading Google Cloud; what is not read by then is reported as not evaluated' });
}

interface SourceArgs {
  config?: string;
  env?: string[];
  timeout: number;
}

/** The request a command's arguments and the process environment describe. */
export function requestFromArgs(argv: SourceArgs): RunRequest {
  if (!(argv.timeout > 0)) throw new UserError(`--timeout ${argv.timeout}: expected a positive number of seconds`);
  return {
    cwd: process.cwd(),
    ...(argv.config !== undefined && { configPath: argv.config }),
    environments: argv.env ?? [],
    ...(process.env.ENVDRIFT_FINGERPRINT_KEY && { fingerprintKey: process.env.ENVDRIFT_FINGERPRINT_KEY }),
    // The one clock of a run (suppression expiry), read here because only the CLI may; UTC, like CI logs.
    today: new Date().toISOString().slice(0, 10),
    gcp: {
      env: process.env,
      homeDir: homedir(),
      timeouts: { perCallMs: Math.min(PER_CALL_MS, argv.timeout * 1000), overallSeconds: argv.timeout },
      ...(showsProgress() && { progress: terminalProgress() }),
    },
  };
}

/** What the person must do about what could not be read (log in, say), once, on standard error. */
export function printNotices(inventory: Inventory): void {
  for (const notice of inventory.notices ?? []) process.stderr.write(`envdrift: ${notice}\n`);
}

/** Progress is for people watching a terminal: never in CI logs, never when standard error is redirected. */
function showsProgress(): boolean {
  return process.stderr.isTTY === true && !process.env.CI;
}

/** One self-overwriting status line on standard error, cleared when the scan is done. */
function terminalProgress(): ProgressListener {
  return (what, done, total) => {
    process.stderr.write(`\r\u001b[2Kenvdrift: reading ${what} ${done}/${total}`);
    if (done === total) process.stderr.write('\r\u001b[2K');
  };
}
