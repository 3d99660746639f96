import type { Finding, Report } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import type { Severity } from '../model/inventory.js';
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

  for (const [group, findings] of groupFindings(report)) {
    lines.push(paint('bold', group));
    for (const finding of findings) {
      const severity = paint(severityStyle[finding.severity], finding.severity.padEnd(7));
      const variant = finding.variant && finding.variant !== '.env' ? ` [${finding.variant}]` : '';
      lines.push(`  ${severity} ${safe(finding.message)}${safe(variant)}`);
      if (finding.detail !== finding.message) lines.push(`          ${safe(finding.detail)}`);
      lines.push(paint('gray', `          at ${safe(describeOrigin(finding.location))}  (${finding.ruleId})`));
      for (const related of finding.related) lines.push(paint('gray', `          see ${safe(describeOrigin(related.origin))}: ${safe(related.note)}`));
      lines.push(`          fix: ${safe(finding.remediation)}`);
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
    for (const item of report.unevaluated) {
      const target = [item.environment, item.service].filter(Boolean).join('/');
      const key = item.key ? ` ${item.key}` : '';
      lines.push(`  ${item.ruleId}  ${safe(target)}${safe(key)}: ${safe(item.reason)}`);
    }
    lines.push('');
  }

  const summary = summarize(report);
  const standing = summary.error + summary.warning + summary.info;
  const mark = summary.error > 0 ? paint('red', '✖') : summary.unevaluated > 0 ? paint('yellow', '!') : standing > 0 ? paint('yellow', '•') : paint('bold', '✔');
  lines.push(`${mark} ${summaryLine(summary, countSuppressions(report))}`);
  return `${lines.join('\n')}\n`;
};

/** "staging/backend SERVICE_ID"; `*` where an entry names no environment or service. */
function targetOf(target: { environment?: string; service?: string; key?: string }): string {
  const where = `${target.environment ?? '*'}/${target.service ?? '*'}`;
  return target.key ? `${where} ${target.key}` : where;
}

/** Findings that stand, by environment and service; suppressed ones have their own short section. */
function groupFindings(report: Report): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  const ordered = report.findings.filter((finding) => !finding.suppressed).sort(
    (a, b) =>
      report.environments.indexOf(a.environment ?? '') - report.environments.indexOf(b.environment ?? '') ||
      (a.service ?? '').localeCompare(b.service ?? '') ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  for (const finding of ordered) {
    const group = [finding.environment, finding.service].filter(Boolean).join(' / ') || 'general';
    const list = groups.get(group);
    if (list) list.push(finding);
    else groups.set(group, [finding]);
  }
  return groups;
}
