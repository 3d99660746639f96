import { createHash } from 'node:crypto';
import { describeOrigin } from '../model/describe-origin.js';
import type { Finding } from '../model/report.js';

/**
 * One problem is often flagged more than once: by a pack rule and a user rule, or by one rule on a service's
 * template and on each serving revision. Each finding keeps its rule (tools filter by rule id), and findings
 * of one problem share a `group` id, so the text, Markdown and GitHub formats show the problem once.
 *
 * Two steps, both keyed on what a person would call "the same place":
 * 1. one rule, one cause (same key and detail) across a service's variants folds into one;
 * 2. folds of different rules merge when they point at the same places — the same key at the same
 *    location(s), or, for a disagreement between several places, the same set of places.
 */
export function assignProblemGroups(findings: readonly Finding[]): Finding[] {
  const folds = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = [finding.ruleId, finding.environment ?? '', finding.service ?? '', finding.key ?? '', finding.detail].join('\u0000');
    const fold = folds.get(key);
    if (fold) fold.push(finding);
    else folds.set(key, [finding]);
  }
  const groupOf = new Map<Finding, string>();
  for (const fold of folds.values()) {
    const id = groupId(placesKey(fold));
    for (const finding of fold) groupOf.set(finding, id);
  }
  return findings.map((finding) => ({ ...finding, group: groupOf.get(finding)! }));
}

/** What makes two folds the same problem: where they are, not which rule or words found them. */
function placesKey(fold: readonly Finding[]): string {
  const first = fold[0]!;
  const involvesOthers = fold.some((finding) => finding.related.length > 0);
  const places = new Set<string>();
  for (const finding of fold) {
    places.add(describeOrigin(finding.location));
    // A disagreement is about all its places: located at one side by one rule, at the other by another.
    if (involvesOthers) for (const related of finding.related) places.add(describeOrigin(related.origin));
  }
  const sorted = [...places].sort();
  return involvesOthers ? ['places', first.environment ?? '', ...sorted].join('\u0000') : ['key', first.environment ?? '', first.service ?? '', first.key ?? '', ...sorted].join('\u0000');
}

function groupId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
