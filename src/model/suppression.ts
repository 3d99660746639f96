import { nameMatcher } from '../util/glob.js';
import type { Report } from './report.js';

/**
 * One entry of a suppression file (`envdrift.ignore.yaml`), validated: it names a rule and, optionally, a
 * target (names or globs) and the fingerprint of the value it accepts, and carries a reason and a last day.
 */
export interface SuppressionEntry {
  rule: string;
  environment?: string;
  service?: string;
  key?: string;
  /** Keyed fingerprint of the accepted value: once the value changes, the entry no longer applies. */
  fingerprint?: string;
  reason: string;
  /** YYYY-MM-DD, the last day the entry applies; the loader refuses entries already past it. */
  expires: string;
  /** `file:line` of the entry, shown with every finding it suppresses. */
  source: string;
}

/** A baseline: the findings accepted when it was written, by identity (never by value). */
export interface Baseline {
  /** The file as shown to the user. */
  file: string;
  createdAt: string;
  /** YYYY-MM-DD, the last day the baseline applies; the loader refuses a baseline already past it. */
  expires: string;
  entries: BaselineEntry[];
}

export interface BaselineEntry {
  /** `findingIdentity` of the accepted findings. */
  identity: string;
  /** How many findings had this identity when the baseline was written. */
  count: number;
  ruleId: string;
  environment?: string;
  service?: string;
  key?: string;
  /** `file:line` of the entry. */
  source: string;
}

/** The part of an entry that says which environment and service it is about (names or globs). */
interface Scope {
  ruleId: string;
  environment?: string;
  service?: string;
}

/**
 * What can be said about an entry that accepted fewer findings than it expects: `checked` (its environment
 * was checked and everything it could match was evaluated, so it is unused or fixed), `not-checked` (`--env`
 * left an environment it is about out of the run) or `not-evaluated` (something it could have matched went
 * unevaluated: an unread source hides findings, and that is not a fix).
 */
export type EntryCoverage = 'checked' | 'not-checked' | 'not-evaluated';

export function entryCoverage(scope: Scope, report: Report, declaredEnvironments: readonly string[]): EntryCoverage {
  const environmentMatches = nameMatcher(scope.environment === undefined ? undefined : [scope.environment]);
  const serviceMatches = nameMatcher(scope.service === undefined ? undefined : [scope.service]);
  // Every environment the entry could be about must have been checked; one left out by --env may hold its match.
  const relevant = declaredEnvironments.filter(environmentMatches);
  if (relevant.length === 0 || !relevant.every((environment) => report.environments.includes(environment))) return 'not-checked';
  const blocked = report.unevaluated.some(
    (item) =>
      // The rule's own gaps count wherever they are: a `match` finding located on the backend is hidden
      // when auth could not be read, a `distinct` finding in staging when production could not.
      item.ruleId === scope.ruleId ||
      (item.ruleId === 'envdrift/read' &&
        (item.environment === undefined || environmentMatches(item.environment)) &&
        (item.service === undefined || serviceMatches(item.service))),
  );
  return blocked ? 'not-evaluated' : 'checked';
}
