import { describeOrigin } from './describe-origin.js';
import { findingIdentity } from './finding-identity.js';
import type { Finding, Report } from './report.js';

/** Version of the baseline format (docs/suppressions.md); other versions are refused when read. */
export const BASELINE_VERSION = 1;

/** What `--write-baseline` writes: identities of the accepted findings, plus enough to read it. Never a value. */
export interface BaselineDocument {
  envdriftBaseline: typeof BASELINE_VERSION;
  createdAt: string;
  createdBy: string;
  /** The last day the baseline applies (a year after it is written; edit to shorten, never past a year). */
  expires: string;
  findings: BaselineFinding[];
}

export interface BaselineFinding {
  identity: string;
  ruleId: string;
  environment: string | null;
  service: string | null;
  variant: string | null;
  key: string | null;
  /** The file (without line: lines move) or Cloud Run resource, for the reader; matching uses `identity`. */
  location: string;
  count: number;
}

/**
 * The baseline of a report: every finding no suppression-file entry accepted, grouped by identity, sorted so
 * that rewriting a baseline only changes the lines of findings that came or went.
 */
export function baselineOf(report: Report, meta: { createdAt: string; createdBy: string; expires: string }): BaselineDocument {
  const byIdentity = new Map<string, BaselineFinding>();
  for (const finding of report.findings) {
    if (finding.suppressed && finding.suppressed.source !== 'baseline') continue;
    const identity = findingIdentity(finding);
    const known = byIdentity.get(identity);
    if (known) known.count++;
    else byIdentity.set(identity, describe(finding, identity));
  }
  const findings = [...byIdentity.values()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return { envdriftBaseline: BASELINE_VERSION, createdAt: meta.createdAt, createdBy: meta.createdBy, expires: meta.expires, findings };
}

export function renderBaseline(document: BaselineDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function describe(finding: Finding, identity: string): BaselineFinding {
  const origin = finding.location;
  return {
    identity,
    ruleId: finding.ruleId,
    environment: finding.environment ?? null,
    service: finding.service ?? null,
    variant: finding.variant ?? null,
    key: finding.key ?? null,
    location: origin.kind === 'file' || origin.kind === 'manifest' ? origin.file : describeOrigin(origin),
    count: 1,
  };
}

function sortKey(entry: BaselineFinding): string {
  return [entry.ruleId, entry.environment ?? '', entry.service ?? '', entry.key ?? '', entry.identity].join('\u0000');
}
