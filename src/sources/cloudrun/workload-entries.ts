import type { ValueDescriber, ValueLocation } from '../../fingerprints/describe-value.js';
import type { Entry, Origin } from '../../model/inventory.js';
import type { RunWorkload } from './run-types.js';

type CloudRunOrigin = Extract<Origin, { kind: 'cloudrun' }>;

/**
 * Turns a template's or revision's containers into entries: every container's env (sidecars included), and
 * every secret mounted as a file, keyed by its path inside the container. Plain values go through the
 * describer at once; secret references stay references until Secret Manager resolves them.
 */
export function entriesOfWorkload(workload: RunWorkload, base: Omit<CloudRunOrigin, 'container'>, where: ValueLocation, describer: ValueDescriber): Entry[] {
  const entries: Entry[] = [];
  const volumes = new Map((workload.volumes ?? []).map((volume) => [volume.name ?? '', volume]));
  for (const container of workload.containers ?? []) {
    const origin: CloudRunOrigin = { ...base, ...(container.name ? { container: container.name } : {}) };
    for (const variable of container.env ?? []) {
      const key = variable.name ?? '';
      const reference = variable.valueSource?.secretKeyRef;
      if (reference) {
        entries.push({ key, origin, source: { kind: 'secret', secret: reference.secret ?? '', version: reference.version || 'latest', project: base.project } });
      } else {
        entries.push({ key, origin, source: { kind: 'literal' }, value: describer.describe(key, variable.value ?? '', where) });
      }
    }
    for (const mount of container.volumeMounts ?? []) {
      const secret = volumes.get(mount.name ?? '')?.secret;
      if (!secret) continue;
      const mountPath = (mount.mountPath ?? '').replace(/\/+$/, '');
      // Without items, Cloud Run mounts the latest version as a file named after the secret.
      const items = secret.items?.length ? secret.items : [{ path: lastSegment(secret.secret ?? ''), version: 'latest' }];
      for (const item of items) {
        entries.push({
          key: `${mountPath}/${item.path ?? ''}`,
          origin,
          source: { kind: 'secret', secret: secret.secret ?? '', version: item.version || 'latest', project: base.project },
        });
      }
    }
  }
  return entries;
}

function lastSegment(name: string): string {
  return name.split('/').pop() ?? name;
}
