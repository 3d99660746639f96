import { isProtoJson, type ProtoJson } from '../../../src/demo/fake-gcp/proto-json.js';
import { compact, durationSeconds, lastSegment, list, object } from './json-shapes.js';

/**
 * The pieces of a Knative (Cloud Run v1) object rendered from their v2 counterparts: a revision's spec
 * (containers, env, volumes), traffic targets, conditions and the annotations v1 keeps settings in.
 */

/** The part shared by a v2 RevisionTemplate and a v2 Revision: containers, volumes, limits, identity. */
export function knativeRevisionSpec(source: ProtoJson, secretAliases: SecretAliases): ProtoJson {
  return compact({
    containerConcurrency: source.maxInstanceRequestConcurrency,
    timeoutSeconds: durationSeconds(source.timeout),
    serviceAccountName: source.serviceAccount,
    containers: list(source.containers).map((container) => knativeContainer(container, secretAliases)),
    volumes: list(source.volumes).flatMap((volume) => knativeVolume(volume, secretAliases)),
  });
}

function knativeContainer(container: ProtoJson, secretAliases: SecretAliases): ProtoJson {
  return compact({
    name: container.name,
    image: container.image,
    command: container.command,
    args: container.args,
    workingDir: container.workingDir,
    env: list(container.env).map((variable) => {
      const ref = object(object(variable.valueSource).secretKeyRef);
      if (Object.keys(ref).length === 0) return compact({ name: variable.name, value: variable.value ?? '' });
      return { name: variable.name, valueFrom: { secretKeyRef: { name: secretAliases.alias(String(ref.secret)), key: String(ref.version ?? 'latest') } } };
    }),
    ports: list(container.ports).map((port) => compact({ name: port.name, containerPort: port.containerPort })),
    resources: isProtoJson(container.resources) ? compact({ limits: container.resources.limits }) : undefined,
    volumeMounts: list(container.volumeMounts).map((mount) => ({ name: mount.name, mountPath: mount.mountPath })),
  });
}

function knativeVolume(volume: ProtoJson, secretAliases: SecretAliases): ProtoJson[] {
  if (isProtoJson(volume.secret)) {
    const secret = volume.secret;
    return [{
      name: volume.name,
      secret: compact({
        secretName: secretAliases.alias(String(secret.secret)),
        defaultMode: secret.defaultMode,
        items: list(secret.items).map((item) => compact({ key: item.version ?? 'latest', path: item.path, mode: item.mode })),
      }),
    }];
  }
  if (isProtoJson(volume.emptyDir)) return [{ name: volume.name, emptyDir: compact({ medium: volume.emptyDir.medium === 'MEMORY' ? 'Memory' : undefined, sizeLimit: volume.emptyDir.sizeLimit }) }];
  return [];
}

/** A v2 TrafficTarget (spec) or TrafficTargetStatus (status, where LATEST also names the resolved revision). */
export function knativeTraffic(target: ProtoJson): ProtoJson {
  return compact({
    revisionName: lastSegment(target.revision),
    latestRevision: target.type === 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST',
    percent: target.percent ?? 0,
    tag: target.tag,
    url: target.uri,
  });
}

export function knativeConditions(conditions: unknown[]): ProtoJson[] | undefined {
  const rendered = conditions.filter(isProtoJson).map((condition) =>
    compact({
      type: condition.type,
      status: condition.state === 'CONDITION_SUCCEEDED' ? 'True' : condition.state === 'CONDITION_FAILED' ? 'False' : 'Unknown',
      reason: condition.reason,
      message: condition.message,
      lastTransitionTime: condition.lastTransitionTime,
      severity: SEVERITY[String(condition.severity)],
    }),
  );
  return rendered.length > 0 ? rendered : undefined;
}

/**
 * v1 names secrets in `secretKeyRef.name` only by short name; a secret in another project gets a local alias
 * declared in the `run.googleapis.com/secrets` annotation (`alias:projects/N/secrets/NAME`).
 */
export class SecretAliases {
  readonly #aliases = new Map<string, string>();

  alias(secret: string): string {
    const found = /^projects\/[^/]+\/secrets\/([^/]+)$/.exec(secret);
    if (!found) return secret;
    const alias = this.#aliases.get(secret) ?? found[1]!;
    this.#aliases.set(secret, alias);
    return alias;
  }

  annotation(): string | undefined {
    if (this.#aliases.size === 0) return undefined;
    return [...this.#aliases].map(([secret, alias]) => `${alias}:${secret}`).join(',');
  }
}

export const INGRESS: Record<string, string> = {
  INGRESS_TRAFFIC_ALL: 'all',
  INGRESS_TRAFFIC_INTERNAL_ONLY: 'internal',
  INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER: 'internal-and-cloud-load-balancing',
  INGRESS_TRAFFIC_NONE: 'none',
};

export const EXECUTION_ENVIRONMENT: Record<string, string> = {
  EXECUTION_ENVIRONMENT_GEN1: 'gen1',
  EXECUTION_ENVIRONMENT_GEN2: 'gen2',
};

const SEVERITY: Record<string, string> = { ERROR: 'Error', WARNING: 'Warning', INFO: 'Info' };

export function scalingAnnotations(scaling: ProtoJson): ProtoJson {
  return compact({
    'autoscaling.knative.dev/minScale': scaling.minInstanceCount === undefined ? undefined : String(scaling.minInstanceCount),
    'autoscaling.knative.dev/maxScale': scaling.maxInstanceCount === undefined ? undefined : String(scaling.maxInstanceCount),
  });
}

