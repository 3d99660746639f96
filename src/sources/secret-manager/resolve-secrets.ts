import { intrinsicRules } from '../../model/intrinsic-rules.js';
import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { Entry, SecretRef, SourceProblem } from '../../model/inventory.js';
import { matchesCrc32c } from '../../util/crc32c.js';
import type { SecretManagerClients } from '../google/gcp-clients.js';
import { callGoogle, GoogleCallFailure, GrpcCode, mapWithConcurrency, type CallBudget } from '../google/google-calls.js';

/** A secret-backed entry, with the environment and service it belongs to. */
export interface SecretSighting {
  entry: Entry & { source: SecretRef };
  environment: string;
  service: string;
}

/** The sighting's entry as resolved (state, resolved version, fingerprint or why unreadable), and a finding if the version is unusable. */
export interface SecretResolution {
  sighting: SecretSighting;
  entry: Entry & { source: SecretRef };
  problem?: SourceProblem;
}

export interface ResolveSecretsOptions {
  /** Whether some rule compares or tests the value of a key: only then is the payload accessed. */
  needsValue: (key: string) => boolean;
  clients: SecretManagerClients;
  budget: CallBudget;
  describer: ValueDescriber;
  progress?: (what: 'secret versions', done: number, total: number) => void;
  /** Versions already read in this run (by another environment): each is read once. */
  cache?: VersionCache;
}

const ACCESSOR = 'roles/secretmanager.secretAccessor';
const VIEWER = 'roles/secretmanager.viewer';
/**
 * Secret reads in flight at once: enough to hide latency (the bench measured 8 → 32 taking 130 versions from
 * 0.6 s to 0.2 s at 30 ms per call); quotas count calls per minute, which this does not change.
 */
const CONCURRENCY = 32;

/**
 * Resolves secret references: every distinct version is read **once**. When some rule needs the value, the
 * payload is accessed, verified against its CRC32C and turned into a fingerprint here, inside the source;
 * otherwise only the version's metadata is read. A missing, disabled or destroyed version — directly or
 * through `latest` — is a finding; what cannot be read makes the entry's value unknown (not evaluated).
 */
export async function resolveSecrets(sightings: readonly SecretSighting[], options: ResolveSecretsOptions): Promise<SecretResolution[]> {
  const { needsValue, clients, budget, describer, progress, cache = new Map() } = options;
  const byVersion = new Map<string, SecretSighting[]>();
  for (const sighting of sightings) {
    const name = versionName(sighting.entry.source);
    const list = byVersion.get(name);
    if (list) list.push(sighting);
    else byVersion.set(name, [sighting]);
  }
  let done = 0;
  const resolved = await mapWithConcurrency([...byVersion], CONCURRENCY, async ([name, group]) => {
    const needsPayload = group.some((sighting) => needsValue(sighting.entry.key));
    // Shared across the environments of a run: a version referenced from two of them is read once.
    const cacheKey = `${name} ${needsPayload ? 'payload' : 'metadata'}`;
    let outcome = cache.get(cacheKey);
    if (!outcome) {
      outcome = needsPayload ? fetchPayload(name, clients, budget) : fetchMetadata(name, clients, budget);
      cache.set(cacheKey, outcome);
    }
    const found = await outcome;
    const resolutions = group.map((sighting) => resolution(sighting, found, describer));
    progress?.('secret versions', ++done, byVersion.size);
    return resolutions;
  });
  return resolved.flat();
}

/** What reading one secret version found. The payload text stays inside this module, for the run only. */
type VersionOutcome =
  | { kind: 'payload'; text: string; resolved?: string }
  | { kind: 'state'; state: string; resolved?: string }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

export type VersionCache = Map<string, Promise<VersionOutcome>>;

/** The full resource name of the referenced version: a short secret name lives in the service's project. */
export function versionName(reference: SecretRef): string {
  const secret = reference.secret.startsWith('projects/') ? reference.secret : `projects/${reference.project}/secrets/${reference.secret}`;
  return `${secret}/versions/${reference.version || 'latest'}`;
}

async function fetchPayload(name: string, clients: SecretManagerClients, budget: CallBudget): Promise<VersionOutcome> {
  let response: { name?: string | null; payload?: { data?: Uint8Array | string | null; dataCrc32c?: string | number | { toString(): string } | null } | null };
  try {
    [response] = (await callGoogle(budget, { resource: name, permission: 'secretmanager.versions.access', role: ACCESSOR }, (options) =>
      clients.secretManager.accessSecretVersion({ name }, options),
    )) as unknown as [typeof response];
  } catch (error) {
    const failure = error instanceof GoogleCallFailure ? error : new GoogleCallFailure(String(error));
    // A disabled or destroyed version refuses access. The refusal says which ("Secret Version [NAME] is in
    // DISABLED state."); only when it does not is the metadata asked, one call more.
    if (failure.code === GrpcCode.FAILED_PRECONDITION) {
      const refusal = /Secret Version \[([^\]]+)\] is in ([A-Z_]+) state/.exec(failure.serverMessage ?? '');
      if (refusal) return { kind: 'state', state: refusal[2]!, ...(versionOf(refusal[1]) && { resolved: versionOf(refusal[1])! }) };
      return fetchMetadata(name, clients, budget);
    }
    if (failure.code === GrpcCode.NOT_FOUND) return { kind: 'missing' };
    return { kind: 'unreadable', reason: failure.reason };
  }
  const data = response.payload?.data ?? new Uint8Array();
  const bytes = typeof data === 'string' ? Buffer.from(data, 'base64') : data;
  const checksum = response.payload?.dataCrc32c;
  if (checksum === undefined || checksum === null || !matchesCrc32c(bytes, checksum)) {
    return { kind: 'unreadable', reason: `the payload of ${name} failed its CRC32C check (corrupted in transit); not compared` };
  }
  const resolved = versionOf(response.name);
  return { kind: 'payload', text: Buffer.from(bytes).toString('utf8'), ...(resolved && { resolved }) };
}

async function fetchMetadata(name: string, clients: SecretManagerClients, budget: CallBudget): Promise<VersionOutcome> {
  let version: { name?: string | null; state?: string | null };
  try {
    [version] = (await callGoogle(budget, { resource: name, permission: 'secretmanager.versions.get', role: VIEWER }, (options) =>
      clients.secretManager.getSecretVersion({ name }, options),
    )) as unknown as [typeof version];
  } catch (error) {
    const failure = error instanceof GoogleCallFailure ? error : new GoogleCallFailure(String(error));
    if (failure.code === GrpcCode.NOT_FOUND) return { kind: 'missing' };
    return { kind: 'unreadable', reason: failure.reason };
  }
  const resolved = versionOf(version.name);
  return { kind: 'state', state: version.state ?? 'STATE_UNSPECIFIED', ...(resolved && { resolved }) };
}

/** A copy of the sighting's entry, resolved as the outcome says; never the entry itself, which stays as read. */
function resolution(sighting: SecretSighting, outcome: VersionOutcome, describer: ValueDescriber): SecretResolution {
  const { entry } = sighting;
  switch (outcome.kind) {
    case 'missing':
      return unusable(sighting, { ...entry, source: { ...entry.source, state: 'MISSING' } }, 'does not exist');
    case 'unreadable':
      return { sighting, entry: { ...entry, unreadable: outcome.reason } };
    case 'state': {
      const resolvedEntry = { ...entry, source: { ...entry.source, state: outcome.state, ...(outcome.resolved && { resolvedVersion: outcome.resolved }) } };
      return outcome.state === 'ENABLED' ? { sighting, entry: resolvedEntry } : unusable(sighting, resolvedEntry, `is ${outcome.state}`, outcome.resolved);
    }
    case 'payload':
      return {
        sighting,
        entry: {
          ...entry,
          source: { ...entry.source, state: 'ENABLED', ...(outcome.resolved && { resolvedVersion: outcome.resolved }) },
          // Whatever its key is called, a value kept in Secret Manager is a secret: never kept as text.
          value: describer.describe(entry.key, outcome.text, { environment: sighting.environment, service: sighting.service }, { secret: true }),
        },
      };
  }
}

/** A version that does not exist, or is disabled or destroyed: the value is unknown, and that is a finding. */
function unusable(sighting: SecretSighting, entry: Entry & { source: SecretRef }, what: string, resolved?: string): SecretResolution {
  const { secret, version } = entry.source;
  const via = resolved && resolved !== version ? ` (${version} is version ${resolved})` : '';
  return {
    sighting,
    entry: { ...entry, unreadable: `secret ${secret} version ${version}${via} ${what}` },
    problem: {
      ruleId: 'envdrift/secret-version-unusable',
      ...intrinsicRules['envdrift/secret-version-unusable'],
      key: entry.key,
      origin: entry.origin,
      message: `${entry.key} references secret ${secret} version ${version}${via}, which ${what}`,
    },
  };
}

function versionOf(name: string | null | undefined): string | undefined {
  return name?.split('/').pop() || undefined;
}
