import type { Argv } from 'yargs';
import { UserError } from '../files/user-error.js';
import { ExitCode } from '../engine/verdict.js';
import { hasHistoryChanges, isHistoryIncomplete } from '../model/history-report.js';
import { historyReporters } from '../reporters/history/index.js';
import { wantsColor } from './color.js';
import { requestFromArgs, withSourceOptions } from './common-options.js';

export function historyCommand(cli: Argv): Argv {
  return cli.command(
    'history [scope]',
    'What changed, when and by whom: revisions of the deployed services, secret versions, and (--rules) the first revision that broke a rule',
    (command) =>
      withSourceOptions(command)
        .positional('scope', { type: 'string', describe: 'ENV or ENV/SERVICE (default: every configured service)' })
        .option('since', { type: 'string', default: '7d', describe: 'Start of the window: 24h, 7d, 2w, a date (2025-09-01, UTC) or an RFC 3339 timestamp' })
        .option('until', { type: 'string', describe: 'End of the window, in the same forms (default: now; a date means its end)' })
        .option('rules', { type: 'boolean', default: false, describe: "Evaluate the config's rules against every revision: when each finding appeared and disappeared" })
        .option('format', { alias: 'f', type: 'string', choices: Object.keys(historyReporters), default: 'text', describe: 'Output format' }),
    async (argv) => {
      const request = requestFromArgs(argv);
      const scope = parseScope(argv.scope);
      if (scope && argv.env?.length) throw new UserError('give the environment either as ENV[/SERVICE] or with --env, not both');
      // Loaded only for this command: the CLI's cold start is paid by every check.
      const { historyWindow } = await import('../history/history-window.js');
      const { runHistory } = await import('../history/run-history.js');
      const window = historyWindow(argv.since, argv.until, Date.now());
      const { report, notices } = await runHistory({ ...request, ...(scope && { scope }), ...window, rules: argv.rules });
      for (const notice of notices) process.stderr.write(`envdrift: ${notice}\n`);
      process.stdout.write(historyReporters[argv.format]!(report, { color: argv.format === 'text' && wantsColor(process.stdout, process.env) }));
      // As for diff: 1 when something changed in the window; 3 when something could not be read; 0 when quiet.
      process.exitCode = hasHistoryChanges(report) ? ExitCode.findings : isHistoryIncomplete(report) ? ExitCode.incomplete : ExitCode.clean;
    },
  );
}

function parseScope(text: string | undefined): { environment: string; service?: string } | undefined {
  if (text === undefined) return undefined;
  const found = /^([^/\s]+)(?:\/([^/\s]+))?$/.exec(text.trim());
  if (!found) throw new UserError(`history scope '${text}': expected ENV or ENV/SERVICE, e.g. staging/backend`);
  return { environment: found[1]!, ...(found[2] && { service: found[2] }) };
}
