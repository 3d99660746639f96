import { createHash } from 'node:crypto';
import { describeOrigin } from './describe-origin.js';
import type { Finding } from './report.js';

/**
 * A stable identity of a finding across runs: which rule, about what, where — not its wording (which may
 * quote a changed value) nor the value itself. Used for SARIF `partialFingerprints` and baselines.
 */
export function findingIdentity(finding: Finding): string {
  const parts = [finding.ruleId, finding.environment ?? '', finding.service ?? '', finding.variant ?? '', finding.key ?? '', originWithoutLine(finding)];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Lines move when unrelated lines are added; the file (or Cloud Run resource) is the stable part. */
function originWithoutLine(finding: Finding): string {
  const origin = finding.location;
  return origin.kind === 'file' || origin.kind === 'manifest' ? `${origin.kind}:${origin.file}` : describeOrigin(origin);
}
