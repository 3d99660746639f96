import type { Argv } from 'yargs';
import { UserError } from '../files/user-error.js';
import { ExitCode } from '../engine/verdict.js';
import { hasHistoryChanges, isHistoryIncomplete } from '../model/history-report.js';
import { historyReporters } from '../reporters/history/index.js';
import { wantsColor } from './color.js';
import { requestFromArgs, withSourceOptions } from './common-options.js';
import type { RunRequest } from '../pipeline/prepare-run.js';

export function historyCommand(cli: Argv): Argv {
  return cli.command(
    'history [scope]',
    'What changed, when and by whom: revisions of the deployed services, secret versions, and (--rules) the first revision that broke a rule',
    (command) =>
      withSourceOptions(command)
        .positional('scope', { type: 'string', describe: 'ENV or ENV/SERVICE (default: every configured service)' })
        .option('since', { type: 'string', describe: 'Start of the window: 24h, 7d, 2w, a date (2025-09-01, UTC) or an RFC 3339 timestamp (default: 7d)' })
        .option('until', { type: 'string', describe: 'End of the window, in the same forms (default: now; a date means its end)' })
        .option('rules', { type: 'boolean', default: false, describe: "Evaluate the config's rules against every revision: when each finding appeared and disappeared" })
        .option('snapshot', { type: 'string', array: true, describe: 'Compare two snapshots instead (written by envdrift snapshot): --snapshot A --snapshot B' })
        .option('format', { alias: 'f', type: 'string', choices: Object.keys(historyReporters), default: 'text', describe: 'Output format' }),
    async (argv) => {
      const request = requestFromArgs(argv);
      const scope = parseScope(argv.scope);
      if (scope && argv.env?.length) throw new UserError('give the environment either as ENV[/SERVICE] or with --env, not both');
      // Loaded only for this command: the CLI's cold start is paid by every check.
      const { report, notices } = argv.snapshot === undefined ? await revisionHistory(request, scope, argv) : await snapshotsHistory(request, scope, argv.snapshot, argv);
      for (const notice of notices) process.stderr.write(`envdrift: ${notice}\n`);
      process.stdout.write(historyReporters[argv.format]!(report, { color: argv.format === 'text' && wantsColor(process.stdout, process.env) }));
      // As for diff: 1 when something changed in the window; 3 when something could not be read; 0 when quiet.
      process.exitCode = hasHistoryChanges(report) ? ExitCode.findings : isHistoryIncomplete(report) ? ExitCode.incomplete : ExitCode.clean;
    },
  );
}

async function revisionHistory(request: RunRequest, scope: Scope | undefined, argv: { since?: string | undefined; until?: string | undefined; rules: boolean }) {
  const { historyWindow } = await import('../history/history-window.js');
  const { runHistory } = await import('../history/run-history.js');
  const window = historyWindow(argv.since, argv.until, Date.now());
  return runHistory({ ...request, ...(scope && { scope }), ...window, rules: argv.rules });
}

/** `--snapshot A --snapshot B`: the two files are the window, so no --since or --until, and nothing is read from Google Cloud. */
async function snapshotsHistory(request: RunRequest, scope: Scope | undefined, files: string[], argv: { since?: string | undefined; until?: string | undefined; rules: boolean }) {
  if (files.length !== 2) throw new UserError(`--snapshot takes exactly two files (--snapshot A --snapshot B), got ${files.length}`);
  if (argv.since !== undefined || argv.until !== undefined) throw new UserError('--since and --until do not apply to --snapshot: the two snapshots are the window');
  const { prepareRun } = await import('../pipeline/prepare-run.js');
  const { snapshotHistory } = await import('../history/snapshot-history.js');
  const run = prepareRun(scope ? { ...request, environments: [scope.environment] } : request);
  return { report: snapshotHistory({ cwd: request.cwd, files: [files[0]!, files[1]!], ...(scope && { scope }), rules: argv.rules }, run), notices: [] as string[] };
}

type Scope = { environment: string; service?: string };

function parseScope(text: string | undefined): { environment: string; service?: string } | undefined {
  if (text === undefined) return undefined;
  const found = /^([^/\s]+)(?:\/([^/\s]+))?$/.exec(text.trim());
  if (!found) throw new UserError(`history scope '${text}': expected ENV or ENV/SERVICE, e.g. staging/backend`);
  return { environment: found[1]!, ...(found[2] && { service: found[2] }) };
}
