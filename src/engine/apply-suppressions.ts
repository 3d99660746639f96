import { nameMatcher } from '../util/glob.js';
import type { Finding, Report, UnusedSuppression } from '../model/report.js';
import { entryCoverage, type SuppressionEntry } from '../model/suppression.js';

/**
 * Marks the findings that suppression entries accept as `suppressed` (they stay in the report, visible, but
 * never count toward the exit code) and lists the entries that accepted nothing. Pure: expiry was checked
 * when the file was loaded, against the date the CLI passed in. Findings already suppressed keep their mark;
 * when several entries match a finding, the first in the file is the one shown.
 */
export function applySuppressions(report: Report, entries: readonly SuppressionEntry[], declaredEnvironments: readonly string[]): Report {
  const matchers = entries.map((entry) => ({ entry, matches: entryMatcher(entry), used: false }));
  const findings = report.findings.map((finding): Finding => {
    if (finding.suppressed) return finding;
    const matching = matchers.filter((matcher) => matcher.matches(finding));
    for (const matcher of matching) matcher.used = true;
    const first = matching[0]?.entry;
    return first ? { ...finding, suppressed: { reason: first.reason, expires: first.expires, source: first.source } } : finding;
  });
  const unused: UnusedSuppression[] = [];
  const unevaluated: UnusedSuppression[] = [];
  for (const { entry } of matchers.filter((matcher) => !matcher.used)) {
    const described = { kind: 'suppression' as const, source: entry.source, ruleId: entry.rule, ...scopeOf(entry) };
    const coverage = entryCoverage(described, report, declaredEnvironments);
    if (coverage === 'checked') unused.push({ ...described, note: 'matched no finding' });
    else if (coverage === 'not-evaluated') unevaluated.push({ ...described, note: 'not evaluated this run (its rule could not be checked everywhere); keep the entry' });
  }
  return {
    ...report,
    findings,
    unusedSuppressions: [...(report.unusedSuppressions ?? []), ...unused],
    unevaluatedSuppressions: [...(report.unevaluatedSuppressions ?? []), ...unevaluated],
  };
}

function entryMatcher(entry: SuppressionEntry): (finding: Finding) => boolean {
  const target = (pattern: string | undefined) => {
    if (pattern === undefined) return () => true;
    const matches = nameMatcher([pattern]);
    return (value: string | undefined) => value !== undefined && matches(value);
  };
  const environment = target(entry.environment);
  const service = target(entry.service);
  const key = target(entry.key);
  return (finding) =>
    finding.ruleId === entry.rule &&
    environment(finding.environment) &&
    service(finding.service) &&
    key(finding.key) &&
    (entry.fingerprint === undefined || finding.valueFingerprint === entry.fingerprint);
}

function scopeOf(entry: SuppressionEntry): { environment?: string; service?: string; key?: string } {
  return {
    ...(entry.environment !== undefined && { environment: entry.environment }),
    ...(entry.service !== undefined && { service: entry.service }),
    ...(entry.key !== undefined && { key: entry.key }),
  };
}
