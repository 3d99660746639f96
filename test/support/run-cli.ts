import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as a user runs it: a separate Node process. */
export const CLI_PATH = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): CliResult {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 30_000,
    // A clean environment: no colour decisions or fingerprint keys leaking in from the developer's shell.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
