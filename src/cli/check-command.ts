import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { runCheck } from '../check/run-check.js';
import type { RunRequest } from '../pipeline/prepare-run.js';
import { displayPath } from '../config/load-config.js';
import { UserError } from '../files/user-error.js';
import type { Report } from '../model/report.js';
import { exitCodeFor, FAIL_ON_CHOICES, type FailOn } from '../engine/verdict.js';
import { formatsWithOverview, reporters } from '../reporters/index.js';
import { printNotices, requestFromArgs, withSourceOptions } from './common-options.js';
import { parseOutputTargets, type OutputTarget } from './output-targets.js';
import { serviceLines } from './service-lines.js';
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

/** What `check` does with a baseline besides reading one (`RunRequest.baselinePath`). */
interface BaselineOutput {
  /** Write today's findings as the accepted baseline to this file. */
  writeBaseline?: string;
}

/** Runs a check, writes every requested output, prints notices and sets the exit code. */
export async function checkAndReport(request: RunRequest, output: { format: string[]; 'fail-on': string } & BaselineOutput): Promise<void> {
  const failOn = output['fail-on'] as FailOn;
  const targets = parseOutputTargets(output.format, Object.keys(reporters));
  const run = await runCheck({ ...request, overview: targets.some((target) => formatsWithOverview.has(target.format)) });
  printNotices(run.inventory);
  const report = output.writeBaseline === undefined ? run.report : await writeBaseline(run.report, output.writeBaseline, request);
  // SARIF consumers (GitHub code scanning) need a file for every result; Cloud Run findings point at the config.
  const configFile = displayPath(run.config.file, request.cwd);
  await writeOutputs(report, targets, { toolVersion: toolVersion(), failOn, configFile, serviceLines: serviceLines(run.config) }, request.cwd);
  warnUnused(report, targets);
  warnUnevaluatedEntries(report);
  process.exitCode = exitCodeFor(report, failOn);
}

/**
 * Writes the findings no suppression-file entry accepted as a baseline, then applies it: writing a baseline
 * accepts today's findings, so the run succeeds — unless something could not be read (exit 3), because a
 * baseline of an incomplete check is missing findings.
 */
async function writeBaseline(report: Report, file: string, request: RunRequest): Promise<Report> {
  // Loaded only when a baseline is written: every check pays the CLI's cold start.
  const [{ addDays, MAX_EXPIRY_DAYS }, { applyBaseline }, { baselineOf, renderBaseline }] = await Promise.all([
    import('../config/expiry.js'),
    import('../engine/apply-baseline.js'),
    import('../model/baseline-document.js'),
  ]);
  const today = request.today ?? new Date().toISOString().slice(0, 10);
  const document = baselineOf(report, { createdAt: today, createdBy: `envdrift ${toolVersion()}`, expires: addDays(today, MAX_EXPIRY_DAYS) });
  const path = resolve(request.cwd, file);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderBaseline(document));
  } catch (error) {
    throw new UserError(`--write-baseline ${file}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  const accepted = document.findings.reduce((count, finding) => count + finding.count, 0);
  process.stderr.write(`envdrift: wrote baseline ${file} accepting ${accepted} finding${accepted === 1 ? '' : 's'}\n`);
  if (report.unevaluated.length > 0) process.stderr.write('envdrift: the baseline is incomplete: some checks were not evaluated (see the report), so their findings are not in it\n');
  const shownName = displayPath(path, request.cwd);
  return applyBaseline(report, {
    file: shownName,
    createdAt: document.createdAt,
    expires: document.expires,
    entries: document.findings.map((finding) => ({ identity: finding.identity, count: finding.count, ruleId: finding.ruleId, source: shownName })),
  }, report.environments);
}

/** Unused entries are listed in the text and JSON reports; other formats (or none on screen) get one line on stderr. */
function warnUnused(report: Report, targets: readonly OutputTarget[]): void {
  const unused = report.unusedSuppressions ?? [];
  if (unused.length === 0 || targets.some((target) => target.file === undefined && target.format === 'text')) return;
  process.stderr.write(`envdrift: warning: ${unused.length} suppression or baseline entr${unused.length === 1 ? 'y' : 'ies'} accepted nothing and can be removed: ${unused.map((entry) => entry.source).join(', ')}\n`);
}

/**
 * Entries whose rule could not be evaluated everywhere are neither used nor fixed: say so on stderr whatever
 * the format, so nobody deletes an entry the next complete run needs (the report lists what was not evaluated).
 */
function warnUnevaluatedEntries(report: Report): void {
  for (const entry of report.unevaluatedSuppressions ?? []) {
    const about = [entry.ruleId, [entry.environment, entry.service].filter(Boolean).join('/'), entry.key].filter(Boolean).join(' ');
    process.stderr.write(`envdrift: ${entry.kind} entry ${entry.source} (${about}): ${entry.note}\n`);
  }
}

/** `--manifest FILE --as ENV/SERVICE` come together: a manifest alone does not say which service it replaces. */
function manifestArgs(path: string | undefined, as: string | undefined): RunRequest['manifest'] {
  if (path === undefined && as === undefined) return undefined;
  if (path === undefined) throw new UserError(`--as ${as} names the service a --manifest stands for; give the manifest too: --manifest FILE --as ${as}`);
  if (as === undefined) throw new UserError(`--manifest ${path} needs --as ENV/SERVICE to say which configured service it deploys, e.g. --manifest ${path} --as staging/backend`);
  return { path, as };
}

export function checkCommand(cli: Argv): Argv {
  return cli.command(
    'check',
    'Check every configured environment against the rules',
    (command) =>
      withOutputOptions(withSourceOptions(command))
        .option('snapshot', { type: 'string', describe: 'Check a snapshot (from envdrift snapshot) instead of reading the sources' })
        .option('ignore-file', { type: 'string', describe: 'Suppression file (default: envdrift.ignore.yaml next to the config, if there is one)' })
        .option('baseline', { type: 'string', describe: 'Accept the findings recorded in this baseline file; only new findings fail' })
        .option('write-baseline', { type: 'string', describe: "Record today's findings in this baseline file as accepted (exit 0, or 3 if incomplete)" })
        .option('manifest', { type: 'string', describe: 'Check this Cloud Run service YAML (gcloud run services describe --format export) in place of the deployed service named by --as' })
        .option('as', { type: 'string', describe: 'ENV/SERVICE the --manifest stands for, e.g. staging/backend' })
        .option('deploy', { type: 'string', array: true, describe: 'Check what this deploy declaration (GitHub Actions workflow, Cloud Build config, shell script, Terraform plan JSON) will leave running (repeatable)' })
        .conflicts('baseline', 'write-baseline')
        .conflicts('manifest', 'snapshot'),
    async (argv) => {
      const request = requestFromArgs(argv);
      const manifest = manifestArgs(argv.manifest, argv.as);
      await checkAndReport(
        {
          ...request,
          ...(manifest && { manifest }),
          ...(argv.deploy !== undefined && argv.deploy.length > 0 && { deploys: argv.deploy }),
          ...(argv.snapshot !== undefined && { snapshotPath: argv.snapshot }),
          ...(argv['ignore-file'] !== undefined && { ignoreFile: argv['ignore-file'] }),
          ...(argv.baseline !== undefined && { baselinePath: argv.baseline }),
        },
        { ...argv, ...(argv['write-baseline'] !== undefined && { writeBaseline: argv['write-baseline'] }) },
      );
    },
  );
}
