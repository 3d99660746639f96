import { findingIdentity } from '../model/finding-identity.js';
import type { Finding, Report, UnusedSuppression } from '../model/report.js';
import { entryCoverage, type Baseline, type BaselineEntry } from '../model/suppression.js';

/**
 * Marks the findings a baseline accepted when it was written as suppressed (`source: 'baseline'`), so only
 * new findings fail. Findings are matched by identity (rule, target, file or Cloud Run resource; never the
 * value or the line). When more findings share an identity than the baseline accepted, none of them is
 * accepted: envdrift cannot tell which one is new, and it fails rather than guess. Entries that accepted
 * fewer findings than they record are listed as unused, so the baseline can be shrunk.
 */
export function applyBaseline(report: Report, baseline: Baseline, declaredEnvironments: readonly string[]): Report {
  const byIdentity = new Map<string, BaselineEntry>(baseline.entries.map((entry) => [entry.identity, entry]));
  const open = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.suppressed) continue;
    const identity = findingIdentity(finding);
    if (!byIdentity.has(identity)) continue;
    const list = open.get(identity);
    if (list) list.push(finding);
    else open.set(identity, [finding]);
  }

  const accepted = new Set<Finding>();
  for (const [identity, findings] of open) {
    if (findings.length <= byIdentity.get(identity)!.count) for (const finding of findings) accepted.add(finding);
  }
  const reason = `accepted in baseline ${baseline.file} (written ${baseline.createdAt})`;
  const findings = report.findings.map((finding): Finding => (accepted.has(finding) ? { ...finding, suppressed: { reason, expires: baseline.expires, source: 'baseline' } } : finding));

  const unused: UnusedSuppression[] = [];
  const unevaluated: UnusedSuppression[] = [];
  for (const entry of baseline.entries) {
    const found = open.get(entry.identity)?.length ?? 0;
    if (found >= entry.count) continue;
    const scope = { ruleId: entry.ruleId, ...(entry.environment !== undefined && { environment: entry.environment }), ...(entry.service !== undefined && { service: entry.service }) };
    const coverage = entryCoverage(scope, report, declaredEnvironments);
    if (coverage === 'not-checked') continue;
    const described = { kind: 'baseline' as const, source: entry.source, ...scope, ...(entry.key !== undefined && { key: entry.key }) };
    // Calling a finding that could not be evaluated "fixed" would advise deleting an entry the next complete run needs.
    if (coverage === 'not-evaluated') unevaluated.push({ ...described, note: 'not evaluated this run (its rule could not be checked everywhere); keep the entry' });
    else unused.push({ ...described, note: found === 0 ? 'no longer occurs (fixed)' : `${entry.count - found} of ${entry.count} accepted findings no longer occur` });
  }
  return {
    ...report,
    findings,
    unusedSuppressions: [...(report.unusedSuppressions ?? []), ...unused],
    unevaluatedSuppressions: [...(report.unevaluatedSuppressions ?? []), ...unevaluated],
  };
}
