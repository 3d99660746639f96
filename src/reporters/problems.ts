import { describeOrigin } from '../model/describe-origin.js';
import type { Origin, Severity } from '../model/inventory.js';
import type { Finding, RelatedLocation } from '../model/report.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One problem as a person reads it: every finding of one group (src/engine/problem-groups.ts). */
export interface Problem {
  /** The most severe finding, whose message heads the entry. */
  headline: Finding;
  findings: Finding[];
  severity: Severity;
  /** Every rule that flagged it, most severe first. */
  ruleIds: string[];
  /** The service variants it was found on ("template", "revision …"). */
  variants: string[];
  /** Distinct places, in the order found. */
  locations: Origin[];
  /** What the other rules said, where it differs from the headline. */
  otherMessages: Array<{ ruleId: string; severity: Severity; message: string }>;
  /** Other places involved, without repeats and without the problem's own locations. */
  related: RelatedLocation[];
}

/** Folds findings into problems, keeping the order of their first finding; findings without a group stand alone. */
export function foldProblems(findings: readonly Finding[]): Problem[] {
  const groups = new Map<string | Finding, Finding[]>();
  for (const finding of findings) {
    const key = finding.group ?? finding;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map(toProblem);
}

function toProblem(group: Finding[]): Problem {
  const findings = group.map((finding, index) => ({ finding, index })).sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.index - b.index).map(({ finding }) => finding);
  const headline = findings[0]!;
  const distinct = <T>(items: T[], key: (item: T) => string) => [...new Map(items.map((item) => [key(item), item])).values()];
  // A disagreement is told from its headline's side, with the other places as related; other problems list
  // every place they were found (the template and each revision).
  const disagreement = headline.related.length > 0;
  const locations = disagreement ? [headline.location] : distinct(findings.map((finding) => finding.location), describeOrigin);
  const ownPlaces = new Set(locations.map(describeOrigin));
  const messages = new Set([headline.message]);
  const otherMessages = findings.filter((finding) => !messages.has(finding.message) && messages.add(finding.message)).map(({ ruleId, severity, message }) => ({ ruleId, severity, message }));
  return {
    headline,
    findings,
    severity: headline.severity,
    ruleIds: [...new Set(findings.map((finding) => finding.ruleId))],
    variants: [...new Set(findings.flatMap((finding) => (finding.variant !== undefined ? [finding.variant] : [])))],
    locations,
    otherMessages,
    related: distinct(
      (disagreement ? headline.related : findings.flatMap((finding) => finding.related)).filter((related) => disagreement || !ownPlaces.has(describeOrigin(related.origin))),
      (related) => `${describeOrigin(related.origin)}\u0000${related.note}`,
    ),
  };
}
