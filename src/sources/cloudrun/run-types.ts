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

/** A service template or a revision: both carry containers and volumes. */
export interface RunWorkload {
  containers?: RunContainer[] | null;
  volumes?: RunVolume[] | null;
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
