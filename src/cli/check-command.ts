import type { Argv } from 'yargs';
import { runCheck } from '../app/run-check.js';
import { exitCodeFor, FAIL_ON_CHOICES, type FailOn } from '../engine/verdict.js';
import { reporters } from '../reporters/index.js';
import { parseOutputTargets } from './output-targets.js';
import { toolVersion } from './tool-version.js';
import { writeOutputs } from './write-outputs.js';

export function checkCommand(cli: Argv): Argv {
  return cli.command(
    'check',
    'Check every configured environment against the rules',
    (command) =>
      command
        .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: ./envdrift.yaml)' })
        .option('format', {
          alias: 'f',
          type: 'string',
          array: true,
          default: ['text'],
          describe: `Output format, optionally to a file: F or F:FILE (repeatable). Formats: ${Object.keys(reporters).join(', ')}`,
        })
        .option('fail-on', { type: 'string', choices: FAIL_ON_CHOICES, default: 'error', describe: 'Lowest severity that makes the exit code 1' })
        .option('env', { alias: 'e', type: 'string', array: true, describe: 'Only these environments (repeatable)' })
        .option('snapshot', { type: 'string', describe: 'Check a snapshot (from envdrift snapshot) instead of reading the sources' }),
    async (argv) => {
      const failOn = argv['fail-on'] as FailOn;
      const targets = parseOutputTargets(argv.format, Object.keys(reporters));
      const cwd = process.cwd();
      const { report } = await runCheck({
        cwd,
        ...(argv.config !== undefined && { configPath: argv.config }),
        environments: argv.env ?? [],
        ...(argv.snapshot !== undefined && { snapshotPath: argv.snapshot }),
        ...(process.env.ENVDRIFT_FINGERPRINT_KEY && { fingerprintKey: process.env.ENVDRIFT_FINGERPRINT_KEY }),
      });
      writeOutputs(report, targets, { toolVersion: toolVersion(), failOn }, cwd);
      process.exitCode = exitCodeFor(report, failOn);
    },
  );
}
