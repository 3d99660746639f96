import type { YamlPath } from '../../files/yaml-file.js';
import { knativeContainer } from './check-container.js';
import { KNATIVE_API_VERSION, LOCATION_LABEL, SECRETS_ANNOTATION, type KnativeSecretVolume, type KnativeService } from './knative-service.js';
import { parseSecretAliases } from './secret-aliases.js';
import { shownPath, type ShapeCheck } from './shape-check.js';

const TEMPLATE: YamlPath = ['spec', 'template'];
const POD: YamlPath = [...TEMPLATE, 'spec'];

/**
 * Reads the configuration-carrying parts of a Knative Service and reports, into `check`, everything that
 * is malformed — a wrong kind, no containers, an env entry without a name, a value that is neither `value`
 * nor `valueFrom.secretKeyRef` — without stopping at the first problem. Fields envdrift does not read
 * (image, probes, resources, traffic, status) are not checked: `gcloud run services replace` does that.
 */
export function checkKnativeService(check: ShapeCheck): KnativeService {
  const service: KnativeService = { secretAliases: new Map(), containers: [], secretVolumes: new Map() };
  const root = check.yaml.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    check.problem([], `expected a Cloud Run service manifest (apiVersion: ${KNATIVE_API_VERSION}, kind: Service), as written by gcloud run services describe NAME --format export`);
    return service;
  }
  const document = root as Record<string, unknown>;
  checkKind(check, document);

  const metadata = check.map(document.metadata, ['metadata'], true);
  if (metadata) {
    const name = check.string(metadata.name, ['metadata', 'name'], true);
    if (name) service.name = name;
    // gcloud writes the project number quoted; a bare number is what `services replace` accepts too.
    const namespace = typeof metadata.namespace === 'number' ? String(metadata.namespace) : check.string(metadata.namespace, ['metadata', 'namespace'], false);
    if (namespace) service.namespace = namespace;
    const labels = check.map(metadata.labels, ['metadata', 'labels'], false);
    const region = labels?.[LOCATION_LABEL];
    if (typeof region === 'string') service.region = region;
  }

  const spec = check.map(document.spec, ['spec'], true);
  const template = spec && check.map(spec.template, TEMPLATE, true);
  if (!template) return service;
  const templateMetadata = check.map(template.metadata, [...TEMPLATE, 'metadata'], false);
  const annotations = templateMetadata && check.map(templateMetadata.annotations, [...TEMPLATE, 'metadata', 'annotations'], false);
  const annotationPath: YamlPath = [...TEMPLATE, 'metadata', 'annotations', SECRETS_ANNOTATION];
  const secretsAnnotation = annotations && check.string(annotations[SECRETS_ANNOTATION], annotationPath, false);
  if (secretsAnnotation !== undefined) {
    const parsed = parseSecretAliases(secretsAnnotation);
    service.secretAliases = parsed.aliases;
    for (const problem of parsed.problems) check.problem(annotationPath, `${SECRETS_ANNOTATION}: ${problem}`);
  }

  const pod = check.map(template.spec, POD, true);
  if (!pod) return service;
  const volumes = check.list(pod.volumes, [...POD, 'volumes'], false) ?? [];
  const volumeNames = new Set<string>();
  volumes.forEach((volume, index) => {
    const at = [...POD, 'volumes', index];
    const fields = check.map(volume, at, true);
    if (!fields) return;
    const name = check.string(fields.name, [...at, 'name'], true);
    if (name === undefined) return;
    volumeNames.add(name);
    const secret = check.map(fields.secret, [...at, 'secret'], false);
    if (secret) {
      const read = secretVolume(check, secret, [...at, 'secret']);
      if (read) service.secretVolumes.set(name, read);
    }
  });

  const containers = check.list(pod.containers, [...POD, 'containers'], true);
  if (containers && containers.length === 0) check.problem([...POD, 'containers'], `${shownPath([...POD, 'containers'])} is empty; a service needs at least one container`);
  (containers ?? []).forEach((container, index) => {
    const read = knativeContainer(check, container, [...POD, 'containers', index], volumeNames);
    if (read) service.containers.push(read);
  });
  return service;
}

function checkKind(check: ShapeCheck, document: Record<string, unknown>): void {
  const apiVersion = check.string(document.apiVersion, ['apiVersion'], true);
  if (apiVersion !== undefined && apiVersion !== KNATIVE_API_VERSION) {
    check.problem(['apiVersion'], `apiVersion is '${shorten(apiVersion)}'; expected ${KNATIVE_API_VERSION} (a Cloud Run service as gcloud run services describe --format export writes it)`);
  }
  const kind = check.string(document.kind, ['kind'], true);
  if (kind !== undefined && kind !== 'Service') {
    const job = kind === 'Job' ? ' (a Cloud Run job has no service to check)' : '';
    check.problem(['kind'], `kind is '${shorten(kind)}'; expected Service${job}`);
  }
}

function secretVolume(check: ShapeCheck, secret: Record<string, unknown>, at: YamlPath): KnativeSecretVolume | undefined {
  const secretName = check.string(secret.secretName, [...at, 'secretName'], true);
  const items: KnativeSecretVolume['items'] = [];
  (check.list(secret.items, [...at, 'items'], false) ?? []).forEach((item, index) => {
    const itemAt = [...at, 'items', index];
    const fields = check.map(item, itemAt, true);
    if (!fields) return;
    const key = check.string(fields.key, [...itemAt, 'key'], true);
    const path = check.string(fields.path, [...itemAt, 'path'], true);
    if (key !== undefined && path !== undefined) items.push({ key, path });
  });
  return secretName === undefined ? undefined : { secretName, at: [...at, 'secretName'], items };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
