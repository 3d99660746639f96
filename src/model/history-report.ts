import type { Severity } from './inventory.js';

/**
 * What `envdrift history` found: per service its revisions in a time window with the key-level changes
 * between consecutive ones, the secret versions those services reference, and (with `--rules`) when each
 * finding first appeared. Holds no value of a sensitive key: changes carry texts of plain keys only.
 */
export interface HistoryReport {
  /** The window, as RFC 3339 timestamps (UTC); with `--snapshot A --snapshot B`, when A and B were taken. */
  since: string;
  until: string;
  /** Set when two snapshots were compared instead of revisions read (their file names, A then B). */
  snapshots?: { a: string; b: string };
  services: ServiceHistory[];
  secrets: SecretHistory[];
  /** Evaluated rules per revision (`--rules`); absent without it. */
  rules?: RuleSpan[];
  /** Configured services that have no revision history (no Cloud Run source), so are not in it. */
  skipped: Array<{ environment: string; service: string; reason: string }>;
}

export type ChangeKind =
  | 'added'
  | 'removed'
  | 'value-changed'
  | 'literal-to-secret'
  | 'secret-to-literal'
  /** The reference points at another secret. */
  | 'secret-changed'
  /** Same secret, another version (pinned number changed, or `latest` meant another version). */
  | 'version-changed'
  | 'container-added'
  | 'container-removed';

/** One key-level change between a revision and the one before it. */
export interface KeyChange {
  change: ChangeKind;
  /** The env var name or mount path; for container changes, the container's name. */
  key: string;
  /** Set when the revision has several containers and the key is not in the first. */
  container?: string;
  /** e.g. `"https://a" → "https://b"`, `jwt-a@latest (version 4) → jwt-b@latest (version 2)`; never a sensitive value. */
  detail: string;
}

/** A secret reference of a revision and what it meant when the revision was created. */
export interface RevisionSecret {
  key: string;
  secret: string;
  version: string;
  /** The version number `latest` (or the pinned number) meant at the revision's creation, when known. */
  resolvedVersion?: string;
  /** The version's state now, when it is not ENABLED (DISABLED, DESTROYED, MISSING). */
  stateNow?: string;
}

export interface RevisionHistory {
  name: string;
  /** RFC 3339. */
  createTime: string;
  creator?: string;
  /** Share of traffic it serves now (0 when none). */
  trafficPercent: number;
  tags: string[];
  /** The revision the service's current template produced. */
  isTemplate: boolean;
  /** Against the revision before it; absent for the first revision the service ever had. */
  changes?: KeyChange[];
  secrets: RevisionSecret[];
}

export interface ServiceHistory {
  environment: string;
  service: string;
  /** `projects/P/locations/R/services/S`, when found. */
  resource?: string;
  /** The last revision created before the window: what the first revision in the window is compared with. */
  before?: RevisionHistory;
  /** Revisions created in the window, oldest first. */
  revisions: RevisionHistory[];
  /** Why the revision list could not be read; then nothing about this service is known. */
  unreadable?: string;
}

export type SecretEventKind = 'created' | 'destroyed' | 'disabled-now' | 'destroyed-now';

export interface SecretEvent {
  event: SecretEventKind;
  version: string;
  /** RFC 3339; absent for states Secret Manager keeps no time for (disabling, enabling). */
  at?: string;
  /** For `created`: what `latest` meant just before and after. */
  latestFrom?: string;
  latestTo?: string;
}

export interface SecretHistory {
  /** `projects/P/secrets/S`, as the revisions reference it (project id or number). */
  secret: string;
  /** `ENV/SERVICE KEY` of the references in the window. */
  referencedBy: string[];
  events: SecretEvent[];
  unreadable?: string;
}

/** A point in the timeline: the revision whose creation changed the picture. */
export interface TimelinePoint {
  environment: string;
  service: string;
  revision: string;
  createTime: string;
  creator?: string;
}

/** One finding of a rule across the window: since when it holds, and when it stopped holding. */
export interface RuleSpan {
  ruleId: string;
  severity: Severity;
  environment?: string;
  service?: string;
  key?: string;
  message: string;
  /** Where it first appears; absent when it already held before the window began. */
  appeared?: TimelinePoint;
  /** The revision with which it stopped holding; absent when it still holds at the end of the window. */
  disappeared?: TimelinePoint;
}

/**
 * Changes in the window: a revision that changed configuration (or a service's first revision), a secret
 * version created or destroyed, or a finding that appeared or disappeared. A redeploy of the same
 * configuration is not one.
 */
export function hasHistoryChanges(report: HistoryReport): boolean {
  return (
    report.services.some((service) => service.revisions.some((revision) => revision.changes === undefined || revision.changes.length > 0)) ||
    report.secrets.some((secret) => secret.events.some((event) => event.event === 'created' || event.event === 'destroyed')) ||
    (report.rules ?? []).some((span) => span.appeared !== undefined || span.disappeared !== undefined)
  );
}

export function isHistoryIncomplete(report: HistoryReport): boolean {
  return report.services.some((service) => service.unreadable !== undefined) || report.secrets.some((secret) => secret.unreadable !== undefined);
}
