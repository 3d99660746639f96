import type { Unevaluated } from '../model/report.js';

/** One thing that could not be read (a file, a service, a secret version) and every check it blocked. */
export interface UnreadThing {
  reason: string;
  /** Where it blocked checks: "staging/backend", "production/auth SERVICE_SECRET". */
  places: string[];
  /** The checks it blocked, by rule id (envdrift's own `envdrift/read` included). */
  ruleIds: string[];
  blocked: number;
}

/**
 * Folds "not evaluated" results by what could not be read: one unreadable file or secret version blocks many
 * checks, and a person needs to fix the one thing, not read a line per rule. The JSON report keeps every result.
 */
export function foldUnevaluated(unevaluated: readonly Unevaluated[]): UnreadThing[] {
  const things = new Map<string, UnreadThing>();
  for (const item of unevaluated) {
    let thing = things.get(item.reason);
    if (!thing) things.set(item.reason, (thing = { reason: item.reason, places: [], ruleIds: [], blocked: 0 }));
    const place = `${[item.environment, item.service].filter(Boolean).join('/')}${item.key ? ` ${item.key}` : ''}`;
    if (place && !thing.places.includes(place)) thing.places.push(place);
    if (!thing.ruleIds.includes(item.ruleId)) thing.ruleIds.push(item.ruleId);
    thing.blocked += 1;
  }
  return [...things.values()];
}
