import type { Report } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import type { Severity } from '../model/inventory.js';
import { foldProblems, type Problem } from './problems.js';
import { foldUnevaluated } from './unread-things.js';
import type { Reporter } from './reporter-types.js';
import { showInvisible as safe } from './visible-text.js';
import { countSuppressions, plural, summarize, summaryLine } from './summary.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const ANSI = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1 } as const;

/** Human text for a terminal: findings grouped by environment and service, each with its fix. */
export const textReporter: Reporter = (report, context) => {
  const paint = (style: keyof typeof ANSI, text: string) => (context.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const severityStyle: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue' };
  const lines: string[] = [];

  for (const [group, problems] of groupProblems(report)) {
    lines.push(paint('bold', group));
    for (const problem of problems) {
      const { headline } = problem;
      const severity = paint(severityStyle[problem.severity], problem.severity.padEnd(7));
      const variants = problem.variants.filter((variant) => variant !== '.env');
      const variant = variants.length > 0 ? ` [${variants.join(', ')}]` : '';
      lines.push(`  ${severity} ${safe(headline.message)}${safe(variant)}`);
      if (headline.detail !== headline.message) lines.push(`          ${safe(headline.detail)}`);
      for (const other of problem.otherMessages) lines.push(`          also (${other.ruleId}, ${other.severity}): ${safe(other.message)}`);
      problem.locations.forEach((location, index) => {
        const rules = index === problem.locations.length - 1 ? `  (${problem.ruleIds.join(', ')})` : '';
        lines.push(paint('gray', `          at ${safe(describeOrigin(location))}${rules}`));
      });
      for (const related of problem.related) lines.push(paint('gray', `          see ${safe(describeOrigin(related.origin))}: ${safe(related.note)}`));
      lines.push(`          fix: ${safe(headline.remediation)}`);
    }
    lines.push('');
  }

  const suppressed = report.findings.filter((finding) => finding.suppressed);
  if (suppressed.length > 0) {
    lines.push(paint('bold', `Suppressed (${suppressed.length}; accepted for now, they do not fail the run)`));
    // Each suppression-file entry was one person's decision: list them. A baseline can accept hundreds: count them.
    const byBaseline = suppressed.filter((finding) => finding.suppressed!.source === 'baseline');
    for (const finding of suppressed.filter((candidate) => candidate.suppressed!.source !== 'baseline')) {
      const { reason, expires, source } = finding.suppressed!;
      lines.push(paint('gray', `  ${finding.severity.padEnd(7)} ${finding.ruleId}  ${safe(targetOf(finding))}: ${safe(reason)} (until ${expires}, ${safe(source)})`));
    }
    if (byBaseline.length > 0) {
      const { reason, expires } = byBaseline[0]!.suppressed!;
      lines.push(paint('gray', `  ${plural(byBaseline.length, 'finding')} ${safe(reason)}, until ${expires} (listed in --format json)`));
    }
    lines.push('');
  }

  const unused = report.unusedSuppressions ?? [];
  if (unused.length > 0) {
    lines.push(paint('bold', `Unused suppressions (${unused.length}; they accepted nothing and can be removed)`));
    for (const entry of unused) lines.push(`  ${paint('yellow', 'warning')} ${safe(entry.source)}  ${entry.ruleId}  ${safe(targetOf(entry))}: ${safe(entry.note)}`);
    lines.push('');
  }

  if (report.unevaluated.length > 0) {
    lines.push(paint('bold', 'Not evaluated (could not be read; this is not a pass)'));
    for (const thing of foldUnevaluated(report.unevaluated)) {
      const where = thing.places.length > 0 ? ` (${safe(thing.places.join(', '))})` : '';
      lines.push(`  ${safe(thing.reason)}${where}`);
      lines.push(paint('gray', `          blocks ${plural(thing.blocked, 'check')}: ${thing.ruleIds.join(', ')}`));
    }
    lines.push('');
  }

  // Counted as the person reads them: problems, by their most severe finding; the findings behind them in brackets.
  const standingFindings = report.findings.filter((finding) => !finding.suppressed);
  const problems = foldProblems(standingFindings);
  const countOf = (severity: Severity) => problems.filter((problem) => problem.severity === severity).length;
  const summary = { ...summarize(report), error: countOf('error'), warning: countOf('warning'), info: countOf('info') };
  const standing = summary.error + summary.warning + summary.info;
  const mark = summary.error > 0 ? paint('red', '✖') : summary.unevaluated > 0 ? paint('yellow', '!') : standing > 0 ? paint('yellow', '•') : paint('bold', '✔');
  lines.push(`${mark} ${summaryLine(summary, countSuppressions(report), standingFindings.length)}`);
  return `${lines.join('\n')}\n`;
};

/** "staging/backend SERVICE_ID"; `*` where an entry names no environment or service. */
function targetOf(target: { environment?: string; service?: string; key?: string }): string {
  const where = `${target.environment ?? '*'}/${target.service ?? '*'}`;
  return target.key ? `${where} ${target.key}` : where;
}

/** Problems that stand, by environment and service; suppressed findings have their own short section. */
function groupProblems(report: Report): Map<string, Problem[]> {
  const groups = new Map<string, Problem[]>();
  const ordered = foldProblems(report.findings.filter((finding) => !finding.suppressed)).sort(
    (a, b) =>
      report.environments.indexOf(a.headline.environment ?? '') - report.environments.indexOf(b.headline.environment ?? '') ||
      (a.headline.service ?? '').localeCompare(b.headline.service ?? '') ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  for (const problem of ordered) {
    const group = [problem.headline.environment, problem.headline.service].filter(Boolean).join(' / ') || 'general';
    const list = groups.get(group);
    if (list) list.push(problem);
    else groups.set(group, [problem]);
  }
  return groups;
}
