import type { YamlPath } from '../../files/yaml-file.js';

/**
 * The parts of a Cloud Run service manifest (Knative `serving.knative.dev/v1` `Service`, as
 * `gcloud run services describe --format export` writes it) that carry configuration, each with the YAML path
 * it was read from so findings and errors can point at it. Everything else in the file is left alone.
 */
export interface KnativeService {
  /** `metadata.name`: the Cloud Run service name. */
  name?: string;
  /** `metadata.namespace`: the project number or id (gcloud writes the number). */
  namespace?: string;
  /** `metadata.labels['cloud.googleapis.com/location']`: the region gcloud deploys to. */
  region?: string;
  /** The `run.googleapis.com/secrets` annotation of the template: alias → `projects/P/secrets/NAME`. */
  secretAliases: Map<string, string>;
  containers: KnativeContainer[];
  /** Secret volumes by volume name (other volume types carry no configuration envdrift reads). */
  secretVolumes: Map<string, KnativeSecretVolume>;
}

export interface KnativeContainer {
  name?: string;
  at: YamlPath;
  /** True when the container declares `ports`: the one that receives requests, where env usually lives. */
  servesTraffic: boolean;
  hasEnv: boolean;
  env: KnativeEnvVar[];
  volumeMounts: Array<{ volume: string; mountPath: string; at: YamlPath }>;
}

export interface KnativeEnvVar {
  name: string;
  at: YamlPath;
  /** `value` (an absent value is the empty string, as in Kubernetes) … */
  value?: string;
  /** … or `valueFrom.secretKeyRef`: `name` is a secret in the service's project or an alias, `key` the version. */
  secretKeyRef?: { name: string; key: string; at: YamlPath };
}

export interface KnativeSecretVolume {
  /** A secret in the service's project, or an alias from the annotation. */
  secretName: string;
  at: YamlPath;
  /** `key` is the version, `path` the file name under the mount path; none means the latest version as one file. */
  items: Array<{ key: string; path: string }>;
}

export const KNATIVE_API_VERSION = 'serving.knative.dev/v1';
export const SECRETS_ANNOTATION = 'run.googleapis.com/secrets';
export const LOCATION_LABEL = 'cloud.googleapis.com/location';
