import type { Origin } from './inventory.js';

/** How one key compares between the two sides of a diff. */
export type KeyStatus =
  | 'same'
  | 'only-in-a'
  | 'only-in-b'
  | 'different-value'
  | 'literal-vs-secret'
  | 'different-secret'
  /** The values could not be compared (a secret not read, fingerprints made with different keys). */
  | 'not-comparable';

/** One side's entry, as a diff may show it: never a value of a sensitive key, only its fingerprint label. */
export interface SideSummary {
  key: string;
  /** `literal` or `secret NAME@VERSION`. */
  source: string;
  /** The value when its key is not sensitive. */
  text?: string;
  origin: Origin;
}

export interface KeyDiff {
  /** The key as named on side A, and on side B when a mapping renames it. */
  keyA: string;
  keyB: string;
  status: KeyStatus;
  /** Short human explanation, e.g. "jwt-secret-key-staging@latest vs jwt-secret-staging@latest". */
  detail: string;
  a?: SideSummary;
  b?: SideSummary;
  /** Rule ids with findings on this key on either side: the differences that break something. */
  rules: string[];
  /** Rule ids whose findings on this key a suppression entry accepts (as in `check`), and that no other finding breaks. */
  suppressedRules: string[];
}

/** The comparison of one service on side A with one on side B. */
export interface ServiceDiff {
  /** e.g. "staging/backend (template)" and "production/backend (template)". */
  labelA: string;
  labelB: string;
  keys: KeyDiff[];
  /** Set when one side could not be read: then nothing was compared, and the diff is not a pass. */
  unreadable?: string;
}

export interface DiffReport {
  a: string;
  b: string;
  services: ServiceDiff[];
}

/** True when the report shows a difference; what could not be compared is not one (see isIncomplete). */
export function hasDifferences(report: DiffReport): boolean {
  return report.services.some((service) => service.keys.some((key) => key.status !== 'same' && key.status !== 'not-comparable'));
}

export function isIncomplete(report: DiffReport): boolean {
  return report.services.some((service) => service.unreadable !== undefined || service.keys.some((key) => key.status === 'not-comparable'));
}
