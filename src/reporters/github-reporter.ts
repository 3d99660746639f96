import type { Report } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import type { Severity } from '../model/inventory.js';
import { partitionSuppressed } from './fail-threshold.js';
import { foldProblems, type Problem } from './problems.js';
import type { Reporter } from './reporter-types.js';
import { plural, summaryLine, summarize } from './summary.js';
import { showInvisible } from './visible-text.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (docs/output-formats.md): one annotation per finding, on its file and
 * line where it has one; one warning per target and reason that could not be evaluated; suppressed findings
 * are not annotated. GitHub shows only the first 10 annotations of each level per step, so errors come
 * first, then what was not evaluated (it makes the verdict incomplete), then warnings and notices. Every
 * command is one line, whatever the report text holds, so report text can never issue a command of its own.
 */
export const githubReporter: Reporter = (report) => {
  const { active, suppressed } = partitionSuppressed(report.findings);
  const problems = foldProblems(active);
  const bySeverity = (severity: Severity) => problems.filter((problem) => problem.severity === severity).map(problemCommand);
  const lines = [...bySeverity('error'), ...notEvaluatedCommands(report), ...bySeverity('warning'), ...unusedCommands(report), ...bySeverity('info')];
  const accepted = suppressed.length > 0 ? `; ${plural(suppressed.length, 'suppressed finding')} not annotated` : '';
  lines.push(`envdrift: ${summaryLine(summarize({ ...report, findings: active }))}${accepted}`);
  return `${lines.join('\n')}\n`;
};

/** One warning per target and reason (an unreadable file stops every rule on it): the rules it stopped, listed. */
function notEvaluatedCommands(report: Report): string[] {
  const groups = new Map<string, { target: string; reason: string; checks: string[] }>();
  for (const item of report.unevaluated) {
    const target = [item.environment, item.service].filter(Boolean).join('/') || 'all environments';
    const check = `${item.ruleId}${item.key ? ` (${item.key})` : ''}${item.variant ? ` [${item.variant}]` : ''}`;
    const id = JSON.stringify([target, item.reason]);
    const group = groups.get(id) ?? groups.set(id, { target, reason: item.reason, checks: [] }).get(id)!;
    group.checks.push(check);
  }
  return [...groups.values()].map(({ target, reason, checks }) =>
    command('warning', { title: 'not evaluated' }, `${target}: ${reason}\n${plural(checks.length, 'check')} not evaluated (this is not a pass): ${checks.join(', ')}`),
  );
}

/** An entry that accepted nothing, annotated where it is written (`file:line`) so it can be deleted there. */
function unusedCommands(report: Report): string[] {
  return (report.unusedSuppressions ?? []).map((entry) => {
    const at = /^(.*):(\d+)$/.exec(entry.source);
    const target = [entry.environment, entry.service].filter(Boolean).join('/');
    const about = [entry.ruleId, target, entry.key].filter(Boolean).join(' ');
    return command('warning', { file: at ? at[1] : entry.source, line: at ? at[2] : undefined, title: `unused ${entry.kind}` }, `${about}: ${entry.note}; the entry can be removed`);
  });
}

/** One annotation per problem, on the headline finding's file and line, titled with every rule that flagged it. */
function problemCommand(problem: Problem): string {
  const { headline } = problem;
  const origin = headline.location;
  const properties: Record<string, string | number | undefined> = {};
  if (origin.kind === 'file' || origin.kind === 'manifest') Object.assign(properties, { file: origin.file, line: origin.line, col: origin.line !== undefined ? origin.column : undefined });
  else if (origin.kind === 'snapshot') properties.file = origin.file;
  properties.title = problem.ruleIds.join(', ');

  const variants = problem.variants.filter((variant) => variant !== '.env');
  const lines = [`${headline.message}${variants.length > 0 ? ` [${variants.join(', ')}]` : ''}`];
  if (headline.detail !== headline.message) lines.push(headline.detail);
  for (const other of problem.otherMessages) lines.push(`also (${other.ruleId}): ${other.message}`);
  // Without a file, the annotation has no place on a diff: it must say itself where the problem is.
  for (const location of problem.locations) if (location.kind !== 'file' && location.kind !== 'manifest') lines.push(`at ${describeOrigin(location)}`);
  for (const related of problem.related) lines.push(`see ${describeOrigin(related.origin)}: ${related.note}`);
  lines.push(`fix: ${headline.remediation}`);
  return command(COMMAND[problem.severity], properties, lines.join('\n'));
}

/**
 * `::name key=value,…::message`, escaped as GitHub's own toolkit (@actions/core) escapes; control characters
 * (an escape sequence would repaint the log) are written out visibly.
 */
export function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

export function escapeData(text: string): string {
  return showInvisible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
