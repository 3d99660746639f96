import type { YamlPath } from '../../files/yaml-file.js';
import type { KnativeContainer, KnativeEnvVar } from './knative-service.js';
import { shownPath, type ShapeCheck } from './shape-check.js';

const VOLUMES: YamlPath = ['spec', 'template', 'spec', 'volumes'];

/**
 * One container of the template: its env (each entry a name with a string `value`, or with
 * `valueFrom.secretKeyRef`, which is all Cloud Run supports) and the volumes it mounts.
 */
export function knativeContainer(check: ShapeCheck, value: unknown, at: YamlPath, volumeNames: Set<string>): KnativeContainer | undefined {
  const fields = check.map(value, at, true);
  if (!fields) return undefined;
  const name = check.string(fields.name, [...at, 'name'], false);
  const env = check.list(fields.env, [...at, 'env'], false);
  const container: KnativeContainer = {
    ...(name !== undefined && { name }),
    at,
    servesTraffic: Array.isArray(fields.ports) && fields.ports.length > 0,
    hasEnv: env !== undefined,
    env: [],
    volumeMounts: [],
  };
  (env ?? []).forEach((variable, index) => {
    const read = envVar(check, variable, [...at, 'env', index]);
    if (read) container.env.push(read);
  });
  (check.list(fields.volumeMounts, [...at, 'volumeMounts'], false) ?? []).forEach((mount, index) => {
    const mountAt = [...at, 'volumeMounts', index];
    const mountFields = check.map(mount, mountAt, true);
    if (!mountFields) return;
    const volume = check.string(mountFields.name, [...mountAt, 'name'], true);
    const mountPath = check.string(mountFields.mountPath, [...mountAt, 'mountPath'], true);
    if (volume !== undefined && !volumeNames.has(volume)) {
      check.problem([...mountAt, 'name'], `${shownPath(mountAt)} mounts volume '${volume}', which ${shownPath(VOLUMES)} does not declare`);
    }
    if (volume !== undefined && mountPath !== undefined) container.volumeMounts.push({ volume, mountPath, at: [...mountAt, 'mountPath'] });
  });
  return container;
}

function envVar(check: ShapeCheck, value: unknown, at: YamlPath): KnativeEnvVar | undefined {
  const fields = check.map(value, at, true);
  if (!fields) return undefined;
  check.knownKeys(fields, at, ['name', 'value', 'valueFrom'], 'name with value or valueFrom.secretKeyRef');
  if (fields.name === undefined || fields.name === null || fields.name === '') {
    check.problem(at, `${shownPath(at)} has no 'name'`);
    return undefined;
  }
  const name = check.string(fields.name, [...at, 'name'], true);
  if (name === undefined) return undefined;
  const variable: KnativeEnvVar = { name, at: [...at, 'name'] };
  const literal = check.string(fields.value, [...at, 'value'], false);
  if (fields.valueFrom === undefined || fields.valueFrom === null) {
    variable.value = literal ?? '';
    return variable;
  }
  if (fields.value !== undefined && fields.value !== null) {
    check.problem([...at, 'valueFrom'], `${name} (${shownPath(at)}) has both value and valueFrom; give one of them`, 'key');
  }
  const from = check.map(fields.valueFrom, [...at, 'valueFrom'], true);
  if (!from) return undefined;
  for (const other of Object.keys(from).filter((key) => key !== 'secretKeyRef')) {
    check.problem([...at, 'valueFrom', other], `${name} (${shownPath(at)}) takes its value from valueFrom.${other}, which Cloud Run does not support; expected valueFrom.secretKeyRef`, 'key');
  }
  const refAt = [...at, 'valueFrom', 'secretKeyRef'];
  if (from.secretKeyRef === undefined || from.secretKeyRef === null) {
    if (Object.keys(from).length === 0) check.problem([...at, 'valueFrom'], `${name} (${shownPath(at)}) has an empty valueFrom; expected valueFrom.secretKeyRef with name and key`);
    return undefined;
  }
  const ref = check.map(from.secretKeyRef, refAt, true);
  if (!ref) return undefined;
  check.knownKeys(ref, refAt, ['name', 'key', 'optional'], 'name (the secret) and key (its version)');
  const secret = check.string(ref.name, [...refAt, 'name'], true);
  const key = check.string(ref.key, [...refAt, 'key'], true);
  if (secret === undefined || key === undefined) return undefined;
  variable.secretKeyRef = { name: secret, key, at: [...refAt, 'name'] };
  return variable;
}
