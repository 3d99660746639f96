import type { Origin, Severity } from './inventory.js';
import type { ConfigurationOverview } from './configuration-overview.js';

/** One thing that is wrong, at one place a person can go and fix. Never holds a secret value. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The rule's message (its template filled in), or the precise detail when the rule has none. */
  message: string;
  /** What exactly was found, e.g. "found 'netra-auth-1757260376', expected 'netra-backend'". */
  detail: string;
  remediation: string;
  environment?: string;
  service?: string;
  /** Which configuration of the service, e.g. "template" or "revision backend-00042-xyz". */
  variant?: string;
  key?: string;
  location: Origin;
  /** Keyed fingerprint of the value the finding is about (stable across runs only with ENVDRIFT_FINGERPRINT_KEY). */
  valueFingerprint?: string;
  /** Set when a suppression entry accepted this finding; suppressed findings never fail a run but stay visible. */
  suppressed?: Suppression;
  /** Other places involved (the other members of a `match`, the first of a duplicated key). */
  related: RelatedLocation[];
  /**
   * Findings that are one problem share this id: several rules flagging the same key at the same place, or one
   * rule flagging the same cause on a service's template and revisions. Set by the engine.
   */
  group?: string;
}

export interface RelatedLocation {
  origin: Origin;
  note: string;
}

/** A rule (for one target) that could not be evaluated because its inputs were unknown. Never a pass. */
export interface Unevaluated {
  ruleId: string;
  environment?: string;
  service?: string;
  variant?: string;
  key?: string;
  reason: string;
}

export interface Report {
  findings: Finding[];
  unevaluated: Unevaluated[];
  /** Rule ids that ran, in order, including intrinsic ones. */
  rules: Array<{ id: string; kind: string; severity: Severity; description: string }>;
  environments: string[];
  servicesChecked: number;
  /**
   * Suppression and baseline entries that accepted no finding of this run (so they can be deleted), set by
   * `applySuppressions` / `applyBaseline`. Warnings, never failures.
   */
  unusedSuppressions?: UnusedSuppression[];
  /**
   * Suppression and baseline entries that accepted less than they expect while their rule could not be
   * evaluated everywhere: neither used nor fixed, so they must be kept. Reported as "not evaluated".
   */
  unevaluatedSuppressions?: UnusedSuppression[];
  /** What was found where (keys, literal or secret reference, value groups), never a value; for grid reports. */
  configuration?: ConfigurationOverview;
}

/** Why a finding is accepted for now: a person's reason, until a date, written at a place. */
export interface Suppression {
  reason: string;
  /** ISO date (YYYY-MM-DD), the last day the entry (or baseline) applies; after it, it is itself an error. */
  expires: string;
  /** Where the suppression entry is, e.g. `envdrift.ignore.yaml:12`, or `baseline` for a baseline file. */
  source: string;
}

/** A suppression or baseline entry that accepted nothing in this run. */
export interface UnusedSuppression {
  /** `suppression` (an entry of the suppression file) or `baseline` (an entry of a baseline). */
  kind: 'suppression' | 'baseline';
  /** Where the entry is written, `file:line`. */
  source: string;
  ruleId: string;
  environment?: string;
  service?: string;
  key?: string;
  /** Why it is reported, e.g. "matched no finding" or "1 of 3 accepted findings no longer occur". */
  note: string;
}
