/**
 * The normalised picture of configuration that sources fill and the engine reads.
 *
 * Nothing in here may hold a secret: sources turn every value into a `ValueView` at the boundary
 * (see `describe-value.ts`), which keeps plain text only for keys that do not look sensitive.
 */

/** Where an entry (or a problem) came from, precise enough for a person to go and fix it. */
export type Origin =
  | { kind: 'file'; file: string; line?: number; column?: number }
  | {
      kind: 'cloudrun';
      project: string;
      region: string;
      /** The resource's short name (a service's, a job's or a worker pool's). */
      service: string;
      /** The API collection the resource lives in; absent for services (`projects/P/locations/R/jobs/J`). */
      resourceType?: CloudRunResourceType;
      /** Absent for the service template (what the next revision gets). */
      revision?: string;
      container?: string;
    }
  | { kind: 'snapshot'; file: string; describes: string }
  | { kind: 'manifest'; file: string; line?: number; column?: number };

/** Cloud Run's collections of resources that run containers, as the Admin API v2 names them. */
export type CloudRunResourceType = 'services' | 'jobs' | 'workerPools';

/** What a value looks like from the outside, computed where the raw value was read. */
export interface ValueView {
  /** Keyed HMAC-SHA256 of the exact value; equal values have equal fingerprints within one run. */
  fingerprint: string;
  /** Fingerprint of the value with surrounding whitespace removed, to tell "differs only by whitespace". */
  trimmedFingerprint: string;
  /** The value itself, only when the key does not look sensitive. */
  text?: string;
  /** True when the value starts or ends with whitespace (spaces, tabs, newlines). */
  surroundingWhitespace: boolean;
  /** True when the value contains a line break anywhere. */
  containsNewline: boolean;
  /** Results of rule-requested predicates, evaluated on the raw value inside the source (see probes). */
  checks: Record<string, boolean>;
}

/** A plain value written into the configuration. */
export interface LiteralSource {
  kind: 'literal';
}

/** A reference to a Secret Manager secret version (Cloud Run `secretKeyRef`, manifest `secretKeyRef`). */
export interface SecretRef {
  kind: 'secret';
  /** As written: a short name in the service's project, or `projects/N/secrets/NAME`. */
  secret: string;
  /** As written: `latest`, a number or an alias. */
  version: string;
  /** The project the short name resolves in. */
  project?: string;
  /** Metadata state of the version once resolved (`ENABLED`, `DISABLED`, `DESTROYED`, `MISSING`). */
  state?: string;
  /** The version number an alias such as `latest` resolved to. */
  resolvedVersion?: string;
}

export type ValueSource = LiteralSource | SecretRef;

/** One key as found in one place. */
export interface Entry {
  key: string;
  source: ValueSource;
  origin: Origin;
  /** Absent when the value could not be read (then `unreadable` says why). */
  value?: ValueView;
  /** Why the value is unknown, e.g. "secret version not accessible: PERMISSION_DENIED". */
  unreadable?: string;
}

/**
 * One concrete configuration of a service: the single view a `.env` file gives, or the Cloud Run template,
 * or one serving revision. Rules run against each variant, so drift in a revision is never averaged away.
 */
export interface ConfigVariant {
  /** Human name of the variant, e.g. "local .env", "template", "revision backend-00042-xyz". */
  name: string;
  /** Where a missing key would have to be added (the service's most specific file, or the Cloud Run service). */
  origin: Origin;
  /** Entries in source order; a key may appear more than once (duplicates are findings). */
  entries: Entry[];
  /** Who the deployed workload runs as, when it is deployed (Cloud Run); whose access to its secrets is checked. */
  identity?: RuntimeIdentity;
}

/**
 * A Cloud Run workload's runtime identity: its service account as configured, or none, in which case Cloud Run
 * runs it as the project's default compute service account (`PROJECT_NUMBER-compute@developer.gserviceaccount.com`).
 */
export interface RuntimeIdentity {
  /** The project the workload runs in (its default compute service account belongs to it). */
  project: string;
  /** The configured service account's e-mail; absent means the default compute service account. */
  serviceAccount?: string;
}

/** A problem a source found while reading, reported as a finding of an intrinsic rule. */
export interface SourceProblem {
  /** Stable rule id under which the problem is reported, e.g. `envdrift/duplicate-key`. */
  ruleId: string;
  severity: Severity;
  message: string;
  remediation: string;
  origin: Origin;
  key?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface ServiceInventory {
  name: string;
  /** URLs under which other services reach this one (for `reference` rules). */
  urls: string[];
  variants: ConfigVariant[];
  /** Set when the service's configuration could not be read at all; rules on it are unevaluated. */
  unreadable?: string;
  problems: SourceProblem[];
  /**
   * What kinds of configuration its sources hold (`.env` files are local; Cloud Run and manifests are deployed).
   * When the service could not be read, only rules that apply to these kinds are reported as not evaluated.
   * Unknown (all kinds) when absent.
   */
  configurationKinds?: Array<'local' | 'deployed'>;
  /** envdrift's own checks on this service that a source could not make (an IAM policy it could not read). */
  unchecked?: UncheckedProblem[];
}

/** An intrinsic check a source could not make, and why: reported as not evaluated, never as a pass. */
export interface UncheckedProblem {
  ruleId: string;
  variant?: string;
  key?: string;
  reason: string;
}

export interface EnvironmentInventory {
  name: string;
  production: boolean;
  services: ServiceInventory[];
}

export interface Inventory {
  environments: EnvironmentInventory[];
  /** What a person must do about what could not be read (log in, say); printed once, never part of a finding. */
  notices?: string[];
}
