import type { Severity } from '../model/inventory.js';
import type { Report } from '../model/report.js';

export type FailOn = Severity | 'never';
export const FAIL_ON_CHOICES: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** The documented exit codes (README "Exit codes"). One convention for every command. */
export const ExitCode = {
  clean: 0,
  findings: 1,
  usage: 2,
  incomplete: 3,
} as const;

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * Findings at or above the threshold win (1): the run already failed and says so. Otherwise anything that
 * could not be evaluated makes the verdict incomplete (3), never clean. Suppressed findings (accepted by a
 * suppression entry or a baseline) never count; nothing can suppress what was not evaluated.
 */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  const threshold = failOn === 'never' ? Infinity : RANK[failOn];
  if (report.findings.some((finding) => finding.suppressed === undefined && RANK[finding.severity] >= threshold)) return ExitCode.findings;
  if (report.unevaluated.length > 0) return ExitCode.incomplete;
  return ExitCode.clean;
}
