import type { Severity } from '../model/inventory.js';

/** `envdrift.yaml` after validation, with every path resolved against the config file's folder. */
export interface EnvdriftConfig {
  /** Absolute path of the config file (for messages). */
  file: string;
  /** Folder that relative paths in the config are resolved against. */
  baseDir: string;
  /** Rule files and folders of the project, resolved. */
  ruleFiles: string[];
  /** Rule packs shipped with envdrift, with the parameters the config gives them. */
  packs: PackUse[];
  environments: EnvironmentConfig[];
  /** Severities the project sets for rules (`severity:` in envdrift.yaml), in the order written. */
  severities?: SeverityOverride[];
}

/** `severity: { RULE: LEVEL }`: a rule's severity in this project, or `off` to drop the rule. */
export interface SeverityOverride {
  ruleId: string;
  severity: Severity | 'off';
  /** Where it is written, for errors and for `envdrift rules`. */
  setAt: { file: string; line: number; column: number };
}

export interface EnvironmentConfig {
  name: string;
  production: boolean;
  services: ServiceConfig[];
  /** Where this environment is deployed, when it is read from Cloud Run. */
  cloudrun?: CloudRunEnvironment;
}

export interface CloudRunEnvironment {
  project: string;
  /** Regions to read; absent means every region the project has Cloud Run services in. */
  regions?: string[];
  /** Also read every service carrying all these labels, e.g. `{ env: staging }`. */
  labels?: Record<string, string>;
  /** With `labels`: the label whose value is a discovered service's logical name (default: its Cloud Run name). */
  nameLabel?: string;
}

export interface ServiceConfig {
  name: string;
  urls: string[];
  sources: SourceSpec[];
  /** Where the service is declared in the config file, for findings about the service as a whole. */
  declaredAt: { file: string; line: number; column: number };
}

/**
 * Where a service's configuration comes from. A union so later sources (`cloudrun`, `snapshot`, `manifest`)
 * slot in beside `dotenv` without reshaping the config.
 */
export type SourceSpec = DotenvSourceSpec | CloudRunSourceSpec;

export interface DotenvSourceSpec {
  type: 'dotenv';
  /** Files in order; a later file overrides an earlier one, like `docker compose` env files. */
  files: string[];
}

export interface CloudRunSourceSpec {
  type: 'cloudrun';
  project: string;
  regions?: string[];
  /** The Cloud Run resource name (short), e.g. `netra-backend-staging`. */
  serviceName: string;
  /** What the resource is: a service (the default), a job or a worker pool. */
  resourceKind?: CloudRunResourceKind;
}

/** The three Cloud Run resources that run containers, as envdrift.yaml names them (`kind:`). */
export type CloudRunResourceKind = 'service' | 'job' | 'worker-pool';

export interface PackUse {
  name: string;
  /** Values for the pack's declared parameters (e.g. which service produces tokens, for `auth`). */
  parameters: Record<string, unknown>;
  /** Where the config names the pack and each parameter, so parameter problems point there; absent for the default pack. */
  declaredAt?: { file: string; line: number; column: number };
  parameterAt?: Record<string, { key: { line: number; column: number }; value: { line: number; column: number } }>;
}
