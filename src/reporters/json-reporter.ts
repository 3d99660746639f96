import { describeOrigin } from '../model/describe-origin.js';
import type { UnusedSuppression } from '../model/report.js';
import type { Reporter } from './reporter-types.js';
import { summarize } from './summary.js';

/** Version of the JSON report format, documented in docs/json-report.md. Bump on any breaking change. */
export const JSON_REPORT_VERSION = 1;

/** Machine-readable report (docs/json-report.md). Same data as text, nothing more: never a value. */
export const jsonReporter: Reporter = (report, context) => {
  const document = {
    schemaVersion: JSON_REPORT_VERSION,
    tool: { name: 'envdrift', version: context.toolVersion },
    failOn: context.failOn,
    summary: summarize(report),
    findings: report.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      detail: finding.detail,
      environment: finding.environment ?? null,
      service: finding.service ?? null,
      variant: finding.variant ?? null,
      key: finding.key ?? null,
      location: { ...finding.location, text: describeOrigin(finding.location) },
      related: finding.related.map((related) => ({ location: { ...related.origin, text: describeOrigin(related.origin) }, note: related.note })),
      remediation: finding.remediation,
      // Findings of one problem share it: text, Markdown and GitHub annotations show each group once.
      group: finding.group ?? null,
      // Present only when known / when suppressed, so findings without them keep the shape they always had.
      ...(finding.valueFingerprint !== undefined && { valueFingerprint: finding.valueFingerprint }),
      ...(finding.suppressed && { suppressed: { reason: finding.suppressed.reason, expires: finding.suppressed.expires, source: finding.suppressed.source } }),
    })),
    unevaluated: report.unevaluated.map((item) => ({
      ruleId: item.ruleId,
      environment: item.environment ?? null,
      service: item.service ?? null,
      variant: item.variant ?? null,
      key: item.key ?? null,
      reason: item.reason,
    })),
    rules: report.rules,
    unusedSuppressions: (report.unusedSuppressions ?? []).map(suppressionEntry),
    // Entries whose rule could not be evaluated everywhere: neither used nor fixed, so they must be kept.
    unevaluatedSuppressions: (report.unevaluatedSuppressions ?? []).map(suppressionEntry),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};

function suppressionEntry(entry: UnusedSuppression) {
  return {
    kind: entry.kind,
    source: entry.source,
    ruleId: entry.ruleId,
    environment: entry.environment ?? null,
    service: entry.service ?? null,
    key: entry.key ?? null,
    note: entry.note,
  };
}
