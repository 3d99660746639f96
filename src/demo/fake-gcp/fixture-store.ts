import type { FakeGcpFixture, FakeGcpProject, FakeGcpSecret } from './fixture-types.js';
import type { ProtoCodec } from './proto-codec.js';
import { isProtoJson, stringField, type ProtoJson } from './proto-json.js';
import { parseJobName, parseRevisionName, parseSecretName, parseSecretVersionName, parseServiceName, parseWorkerPoolName } from './resource-names.js';

export interface StoredRunResource {
  /** Short id: the service or revision name's last segment. */
  id: string;
  location: string;
  /** Service id, for revisions the service they belong to. */
  service: string;
  json: ProtoJson;
}

export interface StoredSecretVersion {
  number: number;
  state: string;
  json: ProtoJson;
  payload?: Uint8Array;
}

export interface StoredSecret {
  id: string;
  json: ProtoJson;
  /** Newest first, the order ListSecretVersions answers in. */
  versions: StoredSecretVersion[];
  aliases: Map<string, number>;
  iamPolicy: ProtoJson;
}

export interface StoredProject {
  id: string;
  number: string;
  locations: string[];
  services: StoredRunResource[];
  revisions: StoredRunResource[];
  jobs: StoredRunResource[];
  workerPools: StoredRunResource[];
  secrets: StoredSecret[];
  iamPolicy: ProtoJson;
}

/** The fixture, checked and indexed once at start; read-only afterwards (the fake never writes). */
export class FixtureStore {
  readonly #byRef = new Map<string, StoredProject>();

  constructor(readonly projects: StoredProject[]) {
    for (const project of projects) {
      this.#byRef.set(project.id, project);
      this.#byRef.set(project.number, project);
    }
  }

  /** A project by id or number, as both APIs accept either in names. */
  project(ref: string): StoredProject | undefined {
    return this.#byRef.get(ref);
  }
}

/** Checks `fixture` against the shipped message types and indexes it; throws one error listing every problem. */
export function loadFixture(fixture: FakeGcpFixture, codec: ProtoCodec): FixtureStore {
  const problems: string[] = [];
  if (!isProtoJson(fixture) || !Array.isArray(fixture.projects)) throw new Error('fake-gcp fixture: expected { "projects": [...] }');
  const projects = fixture.projects.map((project, index) => loadProject(project, `projects[${index}]`, codec, problems));
  const seen = new Set<string>();
  for (const [index, project] of projects.entries()) {
    for (const ref of [project.id, project.number]) {
      if (seen.has(ref)) problems.push(`projects[${index}]: project ${ref} appears twice`);
      seen.add(ref);
    }
  }
  if (problems.length > 0) throw new Error(`fake-gcp fixture is invalid:\n  ${problems.join('\n  ')}`);
  return new FixtureStore(projects);
}

function loadProject(project: FakeGcpProject, path: string, codec: ProtoCodec, problems: string[]): StoredProject {
  const id = String(project.projectId ?? '');
  const number = String(project.projectNumber ?? '');
  if (!/^[a-z][-a-z0-9]*$/.test(id)) problems.push(`${path}.projectId: expected a project id like "acme-staging", got ${JSON.stringify(project.projectId)}`);
  if (!/^\d+$/.test(number)) problems.push(`${path}.projectNumber: expected a decimal string like "123456789012", got ${JSON.stringify(project.projectNumber)}`);
  const inProject = (ref: string, where: string) => {
    if (ref !== id && ref !== number) problems.push(`${where}: name is in project ${ref}, not ${id} (${number})`);
  };

  const services = (project.services ?? []).flatMap((json, index) => {
    const where = `${path}.services[${index}]`;
    problems.push(...codec.problems('google.cloud.run.v2.Service', json, where));
    const name = tryParse(() => parseServiceName(stringField(json, 'name')), `${where}.name`, problems);
    if (!name) return [];
    inProject(name.project, `${where}.name`);
    return [{ id: name.service, location: name.location, service: name.service, json }];
  });
  const revisions = (project.revisions ?? []).flatMap((json, index) => {
    const where = `${path}.revisions[${index}]`;
    problems.push(...codec.problems('google.cloud.run.v2.Revision', json, where));
    const name = tryParse(() => parseRevisionName(stringField(json, 'name')), `${where}.name`, problems);
    if (!name) return [];
    inProject(name.project, `${where}.name`);
    return [{ id: name.revision, location: name.location, service: name.service, json }];
  });
  const jobs = (project.jobs ?? []).flatMap((json, index) => {
    const where = `${path}.jobs[${index}]`;
    problems.push(...codec.problems('google.cloud.run.v2.Job', json, where));
    const name = tryParse(() => parseJobName(stringField(json, 'name')), `${where}.name`, problems);
    if (!name) return [];
    inProject(name.project, `${where}.name`);
    return [{ id: name.job, location: name.location, service: name.job, json }];
  });
  const workerPools = (project.workerPools ?? []).flatMap((json, index) => {
    const where = `${path}.workerPools[${index}]`;
    problems.push(...codec.problems('google.cloud.run.v2.WorkerPool', json, where));
    const name = tryParse(() => parseWorkerPoolName(stringField(json, 'name')), `${where}.name`, problems);
    if (!name) return [];
    inProject(name.project, `${where}.name`);
    return [{ id: name.workerPool, location: name.location, service: name.workerPool, json }];
  });
  reportDuplicates([...services, ...revisions, ...jobs, ...workerPools].map((resource) => String(resource.json.name)), path, problems);

  const regions = new Set([...services, ...revisions, ...jobs, ...workerPools].map((resource) => resource.location));
  const locations = project.locations ?? [...regions].sort();
  for (const region of regions) {
    if (!locations.includes(region)) problems.push(`${path}.locations: a resource lives in ${region}, which is not listed`);
  }

  const secrets = (project.secrets ?? []).flatMap((secret, index) => loadSecret(secret, `${path}.secrets[${index}]`, { id, number }, codec, problems));
  reportDuplicates(secrets.map((secret) => secret.id), `${path}.secrets`, problems);
  const iamPolicy = project.iamPolicy ?? {};
  problems.push(...codec.problems('google.iam.v1.Policy', iamPolicy, `${path}.iamPolicy`));
  return { id, number, locations, services, revisions, jobs, workerPools, secrets, iamPolicy };
}

function loadSecret(
  entry: FakeGcpSecret,
  path: string,
  project: { id: string; number: string },
  codec: ProtoCodec,
  problems: string[],
): StoredSecret[] {
  problems.push(...codec.problems('google.cloud.secretmanager.v1.Secret', entry.secret, `${path}.secret`));
  const name = tryParse(() => parseSecretName(stringField(entry.secret ?? {}, 'name')), `${path}.secret.name`, problems);
  if (!name) return [];
  if (name.project !== project.id && name.project !== project.number) problems.push(`${path}.secret.name: name is in project ${name.project}, not ${project.id}`);
  const canonicalName = `projects/${project.number}/secrets/${name.secret}`;

  const versions = (entry.versions ?? []).flatMap((version, index): StoredSecretVersion[] => {
    const where = `${path}.versions[${index}]`;
    problems.push(...codec.problems('google.cloud.secretmanager.v1.SecretVersion', version.version, `${where}.version`));
    const parsed = tryParse(() => parseSecretVersionName(stringField(version.version ?? {}, 'name')), `${where}.version.name`, problems);
    if (!parsed) return [];
    if (parsed.secret !== name.secret || (parsed.project !== project.id && parsed.project !== project.number)) {
      problems.push(`${where}.version.name: does not belong to ${canonicalName}`);
    }
    if (!/^[1-9]\d*$/.test(parsed.version)) problems.push(`${where}.version.name: version ids are numbers starting at 1`);
    const state = stringField(version.version, 'state');
    if (!state) problems.push(`${where}.version.state: required (ENABLED, DISABLED or DESTROYED)`);
    const number = Number(parsed.version);
    const payloadProblem = version.payload === undefined ? undefined : checkPayload(version.payload);
    if (payloadProblem) problems.push(`${where}.payload: ${payloadProblem}`);
    return [{
      number,
      state: state ?? 'STATE_UNSPECIFIED',
      json: { ...version.version, name: `${canonicalName}/versions/${number}` },
      ...(version.payload ? { payload: payloadBytes(version.payload) } : {}),
    }];
  });
  versions.sort((a, b) => b.number - a.number);
  reportDuplicates(versions.map((version) => String(version.number)), `${path}.versions`, problems);

  const aliases = new Map<string, number>();
  const aliasJson = entry.secret.versionAliases;
  if (isProtoJson(aliasJson)) {
    for (const [alias, target] of Object.entries(aliasJson)) {
      const number = Number(target);
      if (!versions.some((version) => version.number === number)) problems.push(`${path}.secret.versionAliases.${alias}: version ${String(target)} does not exist`);
      aliases.set(alias, number);
    }
  }
  const iamPolicy = entry.iamPolicy ?? {};
  problems.push(...codec.problems('google.iam.v1.Policy', iamPolicy, `${path}.iamPolicy`));
  return [{ id: name.secret, json: { ...entry.secret, name: canonicalName }, versions, aliases, iamPolicy }];
}

function checkPayload(payload: unknown): string | undefined {
  if (!isProtoJson(payload)) return 'expected { "data": "<base64>" } or { "text": "..." }';
  const keys = Object.keys(payload);
  if (keys.length !== 1 || (keys[0] !== 'data' && keys[0] !== 'text')) return 'expected exactly one of "data" (base64) or "text"';
  if (typeof payload.text === 'string') return undefined;
  // proto3 JSON accepts standard and URL-safe base64, padded or not.
  if (typeof payload.data !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload.data)) return '"data" must be a base64 string';
  return undefined;
}

function payloadBytes(payload: { data: string } | { text: string }): Uint8Array {
  if ('text' in payload) return Buffer.from(String(payload.text), 'utf8');
  return Buffer.from(String(payload.data), /[-_]/.test(String(payload.data)) ? 'base64url' : 'base64');
}

function tryParse<T>(parse: () => T, path: string, problems: string[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function reportDuplicates(names: string[], path: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push(`${path}: ${name} appears twice`);
    seen.add(name);
  }
}
