import type { Report } from '../engine/report-types.js';
import type { Severity } from '../inventory/types.js';

export interface Summary {
  error: number;
  warning: number;
  info: number;
  unevaluated: number;
  services: number;
  environments: number;
}

export function summarize(report: Report): Summary {
  const count = (severity: Severity) => report.findings.filter((finding) => finding.severity === severity).length;
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

/** "3 errors, 1 warning, 0 info; 2 checks not evaluated; 6 services in 2 environments" */
export function summaryLine(summary: Summary): string {
  return [
    `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info`,
    `${plural(summary.unevaluated, 'check')} not evaluated`,
    `${plural(summary.services, 'service')} in ${plural(summary.environments, 'environment')}`,
  ].join('; ');
}
