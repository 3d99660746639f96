/**
 * The parts of Cloud Run v2 resources envdrift reads, as the official client decodes them (camelCase
 * fields, enums as strings). Structural, so these modules do not depend on the client's generated types.
 */
export interface RunEnvVar {
  name?: string | null;
  value?: string | null;
  valueSource?: { secretKeyRef?: { secret?: string | null; version?: string | null } | null } | null;
}

export interface RunContainer {
  name?: string | null;
  env?: RunEnvVar[] | null;
  volumeMounts?: Array<{ name?: string | null; mountPath?: string | null }> | null;
}

export interface RunVolume {
  name?: string | null;
  secret?: { secret?: string | null; items?: Array<{ path?: string | null; version?: string | null }> | null } | null;
}

/**
 * A service template, a revision, a job's task template or a worker pool template: all carry containers,
 * volumes and the service account the containers run as.
 */
export interface RunWorkload {
  containers?: RunContainer[] | null;
  volumes?: RunVolume[] | null;
  serviceAccount?: string | null;
}

export interface RunTrafficStatus {
  type?: string | null;
  revision?: string | null;
  percent?: number | null;
  tag?: string | null;
}

export interface RunService {
  name?: string | null;
  labels?: Record<string, string> | null;
  template?: RunWorkload | null;
  trafficStatuses?: RunTrafficStatus[] | null;
  latestReadyRevision?: string | null;
  latestCreatedRevision?: string | null;
  generation?: string | number | { toString(): string } | null;
  observedGeneration?: string | number | { toString(): string } | null;
  uri?: string | null;
  urls?: string[] | null;
}

export type RunRevision = RunWorkload & { name?: string | null };

/** A Cloud Run job: `template` (an ExecutionTemplate) holds the task template every execution's tasks run. */
export interface RunJob {
  name?: string | null;
  labels?: Record<string, string> | null;
  template?: { template?: RunWorkload | null } | null;
}

/** A Cloud Run worker pool: `template` is what its next revision gets, like a service's. */
export interface RunWorkerPool {
  name?: string | null;
  labels?: Record<string, string> | null;
  template?: RunWorkload | null;
}
