import type { ConfigVariant, Entry, SourceProblem } from '../../model/inventory.js';
import { intrinsicRules } from '../../model/intrinsic-rules.js';

/**
 * A serving revision whose configuration differs from the template is drift of its own: what serves
 * traffic is not what the next deploy (or a reader of the service) assumes. Compares key by key.
 */
export function revisionDrift(template: ConfigVariant, revision: ConfigVariant): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const inTemplate = lastByKey(template.entries);
  const inRevision = lastByKey(revision.entries);
  const report = (key: string, entry: Entry, message: string) =>
    problems.push({ ruleId: 'envdrift/revision-drift', ...intrinsicRules['envdrift/revision-drift'], key, origin: entry.origin, message });

  for (const [key, served] of inRevision) {
    const planned = inTemplate.get(key);
    if (!planned) {
      report(key, served, `${key} is set in serving ${revision.name} but not in the template`);
      continue;
    }
    const difference = describeDifference(planned, served);
    if (difference) report(key, served, `${key} ${difference} serving ${revision.name}`);
  }
  for (const [key, planned] of inTemplate) {
    if (!inRevision.has(key)) report(key, planned, `${key} is in the template but missing from serving ${revision.name}`);
  }
  return problems;
}

/** How the template's entry differs from the served one, phrased to end with "…in serving REVISION". */
function describeDifference(planned: Entry, served: Entry): string | undefined {
  const a = planned.source;
  const b = served.source;
  const kind = (source: Entry['source']) => (source.kind === 'secret' ? 'secret reference' : 'literal');
  if (a.kind !== b.kind) return `is a ${kind(a)} in the template but a ${kind(b)} in`;
  if (a.kind === 'secret' && b.kind === 'secret') {
    return a.secret !== b.secret || a.version !== b.version ? `references ${a.secret}@${a.version} in the template but ${b.secret}@${b.version} in` : undefined;
  }
  return planned.value?.fingerprint !== served.value?.fingerprint ? 'has a different value in the template than in' : undefined;
}

function lastByKey(entries: readonly Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.key, entry]));
}
