import type { YamlPath } from '../../files/yaml-file.js';
import type { ValueDescriber, ValueLocation } from '../../fingerprints/describe-value.js';
import type { Entry, Origin, SecretRef } from '../../model/inventory.js';
import { SECRETS_ANNOTATION, type KnativeService } from './knative-service.js';
import type { ShapeCheck } from './shape-check.js';

type ManifestOrigin = Extract<Origin, { kind: 'manifest' }>;

/** What a secret id may look like in Secret Manager; anything else in `secretKeyRef.name` must be an alias. */
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * Turns a checked manifest into entries the way `entriesOfWorkload` turns a Cloud Run v2 template into them:
 * every container's env (sidecars included) and every secret mounted as a file, keyed by its path. Each
 * entry points at the line of its name. Plain values go through the describer at once; secret references
 * stay references (aliases resolved to `projects/P/secrets/NAME`) until Secret Manager resolves them.
 * A reference that cannot be placed in a project is reported into `check`.
 */
export function entriesOfManifest(service: KnativeService, check: ShapeCheck, where: ValueLocation, describer: ValueDescriber, project: string | undefined): Entry[] {
  const originAt = (path: YamlPath): ManifestOrigin => ({ kind: 'manifest', file: check.yaml.file, ...check.yaml.locate(path) });
  const secretRef = (name: string, version: string, at: YamlPath): SecretRef | undefined => {
    const secret = resolveSecretName(name, service, project, check, at);
    return secret === undefined ? undefined : { kind: 'secret', secret, version, ...(project !== undefined && { project }) };
  };

  const entries: Entry[] = [];
  for (const container of service.containers) {
    for (const variable of container.env) {
      const origin = originAt(variable.at);
      if (variable.secretKeyRef) {
        const source = secretRef(variable.secretKeyRef.name, variable.secretKeyRef.key, variable.secretKeyRef.at);
        if (source) entries.push({ key: variable.name, origin, source });
      } else {
        entries.push({ key: variable.name, origin, source: { kind: 'literal' }, value: describer.describe(variable.name, variable.value ?? '', where) });
      }
    }
    for (const mount of container.volumeMounts) {
      const volume = service.secretVolumes.get(mount.volume);
      if (!volume) continue;
      const mountPath = mount.mountPath.replace(/\/+$/, '');
      // Without items, Cloud Run mounts the latest version as a file named after the secret.
      const items = volume.items.length > 0 ? volume.items : [{ key: 'latest', path: lastSegment(service.secretAliases.get(volume.secretName) ?? volume.secretName) }];
      for (const item of items) {
        const source = secretRef(volume.secretName, item.key, volume.at);
        if (source) entries.push({ key: `${mountPath}/${item.path}`, origin: originAt(mount.at), source });
      }
    }
  }
  return entries;
}

/** An alias from the annotation becomes the full resource name; a plain name lives in the service's project. */
function resolveSecretName(name: string, service: KnativeService, project: string | undefined, check: ShapeCheck, at: YamlPath): string | undefined {
  const aliased = service.secretAliases.get(name);
  if (aliased !== undefined) return aliased;
  if (!SECRET_ID.test(name)) {
    check.problem(at, `'${name}' is neither a secret name nor an alias declared in the ${SECRETS_ANNOTATION} annotation; a secret of another project needs an alias there (ALIAS:projects/PROJECT/secrets/NAME)`);
    return undefined;
  }
  if (project === undefined) {
    check.problem(at, `secret '${name}' lives in the service's project, but the manifest has no metadata.namespace and envdrift.yaml names no Cloud Run project for it; add metadata.namespace: PROJECT`);
    return undefined;
  }
  return name;
}

function lastSegment(name: string): string {
  return name.split('/').pop() ?? name;
}
