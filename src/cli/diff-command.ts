import type { Argv } from 'yargs';
import { resolve } from 'node:path';
import { prepareRun, type RunRequest } from '../pipeline/prepare-run.js';
import { UserError } from '../files/user-error.js';
import { parseKeyMapping, parseOperand, type DiffOperand } from '../diff/diff-operand.js';
import { hasDifferences, isIncomplete } from '../model/diff-report.js';
import { ExitCode } from '../engine/verdict.js';
import { diffReporters } from '../reporters/diff/index.js';
import { wantsColor } from './color.js';
import { requestFromArgs, withSourceOptions } from './common-options.js';

export function diffCommand(cli: Argv): Argv {
  return cli.command(
    'diff <a> [b]',
    'Show what differs between two configurations: services, environments, revisions, snapshots (values as fingerprints only)',
    (command) =>
      withSourceOptions(command)
        .positional('a', { type: 'string', demandOption: true, describe: 'ENV, ENV/SERVICE, ENV/SERVICE@REVISION or SNAPSHOT.json:ENV/SERVICE' })
        .positional('b', { type: 'string', describe: 'the same forms; compared with A (not with --manifest)' })
        .option('manifest', { type: 'string', describe: 'Compare service A as deployed with this Cloud Run service YAML: what the deploy would change' })
        .option('map', { type: 'string', array: true, default: [], describe: 'Compare differently named keys: KEY_IN_A=KEY_IN_B (repeatable)' })
        .option('format', { alias: 'f', type: 'string', choices: Object.keys(diffReporters), default: 'text', describe: 'Output format' })
        .option('all', { type: 'boolean', default: false, describe: 'Also list keys that are the same' })
        .option('ignore-file', { type: 'string', describe: 'Suppression file: rule breaks it accepts are marked suppressed (default: envdrift.ignore.yaml next to the config, if there is one)' }),
    async (argv) => {
      const request = { ...requestFromArgs(argv), ...(argv['ignore-file'] !== undefined && { ignoreFile: argv['ignore-file'] }) };
      const a = parseOperand(argv.a);
      if ((argv.b === undefined) === (argv.manifest === undefined)) {
        throw new UserError('envdrift diff takes two operands (A B), or one service and --manifest FILE: e.g. envdrift diff staging/backend --manifest service.yaml');
      }
      const replaceB = argv.manifest === undefined ? undefined : await manifestSide(request, a, argv.manifest);
      // Loaded only for this command: the CLI's cold start is paid by every check.
      const { runDiff } = await import('../diff/run-diff.js');
      const report = await runDiff({ ...request, a, b: replaceB ? a : parseOperand(argv.b!), mapping: parseKeyMapping(argv.map), ...(replaceB && { replaceB }) });
      process.stdout.write(diffReporters[argv.format]!(report, { color: argv.format === 'text' && wantsColor(process.stdout, process.env), showSame: argv.all }));
      // As `git diff --exit-code`: 1 when they differ; 3 when something could not be compared; 0 when equal.
      process.exitCode = hasDifferences(report) ? ExitCode.findings : isIncomplete(report) ? ExitCode.incomplete : ExitCode.clean;
    },
  );
}

/** The manifest as side B: what `gcloud run services replace` would deploy for service A. */
async function manifestSide(request: RunRequest, a: DiffOperand, manifest: string) {
  if (!a.service || a.snapshot || a.variant) throw new UserError(`--manifest compares a manifest with a deployed service: give ENV/SERVICE as A, got '${a.text}'`);
  const { manifestReplacement } = await import('../sources/manifest/manifest-replacement.js');
  const run = prepareRun(request);
  const file = resolve(request.cwd, manifest);
  const replacement = manifestReplacement({ file, as: `${a.environment}/${a.service}` }, { declared: run.declared, selected: run.config }, run.describer, run.shownName);
  for (const notice of replacement.notices ?? []) process.stderr.write(`envdrift: ${notice}\n`);
  return { variant: replacement.services[0]!.variants[0]!, label: `${run.shownName(file)} (manifest)` };
}
