import type { Finding } from '../model/report.js';
import type { Severity } from '../model/inventory.js';
import type { ReportContext } from './reporter-types.js';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * Whether a finding is one that fails the run under `--fail-on` — the same rule as the exit code
 * (src/engine/verdict.ts), except that a suppressed finding never fails anything. Formats that have their
 * own notion of failure (a failed JUnit test case, a "failed" verdict) use this so they never disagree
 * with the exit code about which findings matter.
 */
export function failsRun(finding: Finding, failOn: ReportContext['failOn']): boolean {
  return finding.suppressed === undefined && failOn !== 'never' && RANK[finding.severity] >= RANK[failOn];
}

/** Findings that stand (not accepted by a suppression), and those that were accepted. */
export function partitionSuppressed(findings: readonly Finding[]): { active: Finding[]; suppressed: Finding[] } {
  return { active: findings.filter((finding) => !finding.suppressed), suppressed: findings.filter((finding) => finding.suppressed) };
}
