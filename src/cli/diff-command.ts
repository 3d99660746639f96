import type { Argv } from 'yargs';
import { parseKeyMapping, parseOperand } from '../diff/diff-operand.js';
import { hasDifferences, isIncomplete } from '../diff/diff-types.js';
import { runDiff } from '../diff/run-diff.js';
import { ExitCode } from '../engine/verdict.js';
import { diffReporters } from '../reporters/diff/index.js';
import { wantsColor } from './color.js';
import { requestFromArgs, withSourceOptions } from './common-options.js';

export function diffCommand(cli: Argv): Argv {
  return cli.command(
    'diff <a> <b>',
    'Show what differs between two configurations: services, environments, revisions, snapshots (values as fingerprints only)',
    (command) =>
      withSourceOptions(command)
        .positional('a', { type: 'string', demandOption: true, describe: 'ENV, ENV/SERVICE, ENV/SERVICE@REVISION or SNAPSHOT.json:ENV/SERVICE' })
        .positional('b', { type: 'string', demandOption: true, describe: 'the same forms; compared with A' })
        .option('map', { type: 'string', array: true, default: [], describe: 'Compare differently named keys: KEY_IN_A=KEY_IN_B (repeatable)' })
        .option('format', { alias: 'f', type: 'string', choices: Object.keys(diffReporters), default: 'text', describe: 'Output format' })
        .option('all', { type: 'boolean', default: false, describe: 'Also list keys that are the same' }),
    async (argv) => {
      const report = await runDiff({ ...requestFromArgs(argv), a: parseOperand(argv.a), b: parseOperand(argv.b), mapping: parseKeyMapping(argv.map) });
      process.stdout.write(diffReporters[argv.format]!(report, { color: argv.format === 'text' && wantsColor(process.stdout, process.env), showSame: argv.all }));
      // As `git diff --exit-code`: 1 when they differ; 3 when something could not be compared; 0 when equal.
      process.exitCode = hasDifferences(report) ? ExitCode.findings : isIncomplete(report) ? ExitCode.incomplete : ExitCode.clean;
    },
  );
}
