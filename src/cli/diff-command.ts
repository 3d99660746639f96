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
    'diff [a] [b]',
    'Show what differs between two configurations: services, environments, revisions, snapshots (values as fingerprints only)',
    (command) =>
      withSourceOptions(command)
        .positional('a', { type: 'string', describe: 'ENV, ENV/SERVICE, ENV/SERVICE@REVISION or SNAPSHOT.json:ENV/SERVICE; with --deploy, the service it changes (default: the one it deploys)' })
        .positional('b', { type: 'string', describe: 'the same forms; compared with A (not with --manifest or --deploy)' })
        .option('manifest', { type: 'string', describe: 'Compare service A as deployed with this Cloud Run service YAML: what the deploy would change' })
        .option('deploy', { type: 'string', array: true, describe: 'Compare service A as deployed with what this workflow, Cloud Build config, script or Terraform plan will leave running (repeatable)' })
        .option('map', { type: 'string', array: true, default: [], describe: 'Compare differently named keys: KEY_IN_A=KEY_IN_B (repeatable)' })
        .option('format', { alias: 'f', type: 'string', choices: Object.keys(diffReporters), default: 'text', describe: 'Output format' })
        .option('all', { type: 'boolean', default: false, describe: 'Also list keys that are the same' })
        .option('ignore-file', { type: 'string', describe: 'Suppression file: rule breaks it accepts are marked suppressed (default: envdrift.ignore.yaml next to the config, if there is one)' }),
    async (argv) => {
      const request = { ...requestFromArgs(argv), ...(argv['ignore-file'] !== undefined && { ignoreFile: argv['ignore-file'] }) };
      const deploys = argv.deploy ?? [];
      if (deploys.length > 0 && (argv.b !== undefined || argv.manifest !== undefined)) {
        throw new UserError('--deploy compares a deployed service with what the deploy leaves running: give at most one operand (the service), and no --manifest; e.g. envdrift diff staging/backend --deploy deploy.yml');
      }
      if (deploys.length === 0 && (argv.a === undefined || (argv.b === undefined) === (argv.manifest === undefined))) {
        throw new UserError('envdrift diff takes two operands (A B), or one service and --manifest FILE or --deploy FILE: e.g. envdrift diff staging/backend --manifest service.yaml');
      }
      const deploy = deploys.length > 0 ? await deploySide(request, argv.a, deploys) : undefined;
      const a = deploy?.operand ?? parseOperand(argv.a!);
      const replaceB = argv.manifest === undefined ? undefined : await manifestSide(request, a, argv.manifest);
      // Loaded only for this command: the CLI's cold start is paid by every check.
      const { runDiff } = await import('../diff/run-diff.js');
      const b = replaceB || deploy ? a : parseOperand(argv.b!);
      const report = await runDiff({ ...request, a, b, mapping: parseKeyMapping(argv.map), ...(replaceB && { replaceB }), ...(deploy && { deploy: { files: deploys, label: deploy.label } }) });
      process.stdout.write(diffReporters[argv.format]!(report, { color: argv.format === 'text' && wantsColor(process.stdout, process.env), showSame: argv.all }));
      // As `git diff --exit-code`: 1 when they differ; 3 when something could not be compared; 0 when equal.
      process.exitCode = hasDifferences(report) ? ExitCode.findings : isIncomplete(report) ? ExitCode.incomplete : ExitCode.clean;
    },
  );
}

/** Side B of `--deploy`: service A (named, or the one the files deploy) with the deploy steps applied. */
async function deploySide(request: RunRequest, a: string | undefined, files: string[]) {
  const { deployOperand } = await import('../diff/deploy-operand.js');
  const found = await deployOperand(request, a === undefined ? undefined : parseOperand(a), files);
  for (const notice of found.notices) process.stderr.write(`envdrift: ${notice}\n`);
  return found;
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
