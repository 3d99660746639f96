import type { Report } from '../model/report.js';
import type { Severity } from '../model/inventory.js';

export interface Summary {
  error: number;
  warning: number;
  info: number;
  unevaluated: number;
  services: number;
  environments: number;
}

/** Counts by severity are of findings that stand: a suppressed finding is listed, but not counted here. */
export function summarize(report: Report): Summary {
  const count = (severity: Severity) => report.findings.filter((finding) => finding.severity === severity && !finding.suppressed).length;
  return {
    error: count('error'),
    warning: count('warning'),
    info: count('info'),
    unevaluated: report.unevaluated.length,
    services: report.servicesChecked,
    environments: report.environments.length,
  };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What suppressions did in a run: findings they accepted, entries that accepted nothing. */
export interface SuppressionCounts {
  suppressed: number;
  unused: number;
}

export function countSuppressions(report: Report): SuppressionCounts {
  return { suppressed: report.findings.filter((finding) => finding.suppressed).length, unused: report.unusedSuppressions?.length ?? 0 };
}

/**
 * "3 errors, 1 warning, 0 info; 2 checks not evaluated; 6 services in 2 environments", with "; 4 suppressed"
 * and "; 1 unused suppression" after the counts when there are any.
 */
export function summaryLine(summary: Summary, suppressions?: SuppressionCounts, findings?: number): string {
  const counted = summary.error + summary.warning + summary.info;
  // When the counts are of problems that fold several findings, say how many findings stand behind them.
  const behind = findings !== undefined && findings !== counted ? ` (${plural(findings, 'finding')})` : '';
  return [
    `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info${behind}`,
    ...(suppressions && suppressions.suppressed > 0 ? [`${suppressions.suppressed} suppressed`] : []),
    ...(suppressions && suppressions.unused > 0 ? [plural(suppressions.unused, 'unused suppression')] : []),
    `${plural(summary.unevaluated, 'check')} not evaluated`,
    `${plural(summary.services, 'service')} in ${plural(summary.environments, 'environment')}`,
  ].join('; ');
}
