import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { Entry, SecretRef } from '../../model/inventory.js';
import type { RunService } from '../cloudrun/run-types.js';
import type { RegionScan } from '../cloudrun/scan-project.js';
import { CLOUD_RUN_EMULATOR_HOST, SECRET_MANAGER_EMULATOR_HOST, type RunClients, type SecretManagerClients } from '../google/gcp-clients.js';
import { clientOptionsFor, closeSharedGoogleAccess, createSharedGoogleAccess, googleUnavailable, type GcpAccess, type SharedGoogleAccess } from '../google/google-access.js';
import type { HistoryReading, HistoryServiceRequest, RevisionRecord, SecretVersions, ServiceRevisions } from './history-types.js';

export type { HistoryReading, HistoryServiceRequest, RevisionRecord, SecretVersions, ServiceRevisions } from './history-types.js';

export interface ReadHistoryOptions {
  describer: ValueDescriber;
  gcp?: GcpAccess;
  sinceMs: number;
  untilMs: number;
}

/**
 * Reads the revision history of the requested services and the versions of every secret they reference, with
 * the fewest calls: the project scans a check makes (to find each service, its traffic and template), one paged
 * `ListRevisions` per service, one paged `ListSecretVersions` per secret, and payloads only for keys a rule
 * compares (`gcp.needsValue`). What cannot be read is returned as unreadable with the reason, never skipped.
 */
export async function readHistory(requests: readonly HistoryServiceRequest[], options: ReadHistoryOptions): Promise<HistoryReading> {
  const notices: string[] = [];
  const unavailable = googleUnavailable(options.gcp, CLOUD_RUN_EMULATOR_HOST);
  if (unavailable) {
    if (unavailable.notice) notices.push(unavailable.notice);
    return { services: requests.map((request) => ({ environment: request.environment, service: request.service, traffic: {}, revisions: [], unreadable: `Cloud Run not read: ${unavailable.reason}` })), secrets: [], notices };
  }
  const shared = createSharedGoogleAccess(options.gcp);
  try {
    const { createRunClients } = await import('../google/gcp-clients.js');
    shared.runClients ??= createRunClients(options.gcp!.env, clientOptionsFor(options.gcp!, CLOUD_RUN_EMULATOR_HOST));
    const servicesRead = readServices(requests, await shared.runClients, shared, options);
    // Loading the Secret Manager library takes longer than the Cloud Run round trips: do it while they are in flight.
    // A failure surfaces where readSecrets awaits it, not as an unhandled rejection meanwhile.
    if (requests.length > 0 && !googleUnavailable(options.gcp, SECRET_MANAGER_EMULATOR_HOST)) (shared.secretClients ??= secretManagerClients(options.gcp!)).catch(() => {});
    const services = await servicesRead;
    const secrets = await readSecrets(services, shared, options, notices);
    return { services, secrets, notices };
  } finally {
    await closeSharedGoogleAccess(shared);
  }
}

async function readServices(requests: readonly HistoryServiceRequest[], clients: RunClients, shared: SharedGoogleAccess, options: ReadHistoryOptions): Promise<ServiceRevisions[]> {
  const { scanProject } = await import('../cloudrun/scan-project.js');
  const { listRevisions } = await import('../cloudrun/list-revisions.js');
  const { mapWithConcurrency, GoogleCallFailure } = await import('../google/google-calls.js');
  const { revisionRecord } = await import('./revision-record.js');
  const budget = shared.budget();
  const scanOf = (request: HistoryServiceRequest): Promise<RegionScan[]> => {
    const key = `${request.project} ${request.regions?.join(',') ?? '*'}`;
    if (!shared.scans.has(key)) shared.scans.set(key, scanProject(clients, request.project, request.regions, budget));
    return shared.scans.get(key)!;
  };
  // Every project is scanned at once, then every service's revisions listed side by side.
  const scans = await Promise.all(requests.map(scanOf));
  return mapWithConcurrency(requests, 16, async (request): Promise<ServiceRevisions> => {
    const base = { environment: request.environment, service: request.service, traffic: {}, revisions: [] };
    const regionScans = scans[requests.indexOf(request)]!;
    const found = regionScans.flatMap((scan) => (scan.services ?? []).filter((service) => shortName(service.name) === request.serviceName).map((service) => ({ region: scan.region, service })));
    if (found.length === 0) {
      const unreadRegions = regionScans.filter((scan) => scan.unreadable !== undefined).map((scan) => scan.unreadable);
      return { ...base, unreadable: unreadRegions.length > 0 ? unreadRegions.join('; ') : `Cloud Run service ${request.serviceName} is not deployed in project ${request.project}` };
    }
    // A service deployed in several regions has one history per region; the first region found is read.
    const { region, service } = found[0]!;
    const resource = service.name ?? `projects/${request.project}/locations/${region}/services/${request.serviceName}`;
    try {
      const listed = await listRevisions(clients, resource, budget);
      const records = listed.map((revision) => revisionRecord(revision, { project: request.project, region, service: request.serviceName }, { environment: request.environment, service: request.service }, options.describer));
      return { ...base, resource, traffic: trafficOf(service), ...templateOf(service), revisions: relevant(records, options) };
    } catch (error) {
      return { ...base, resource, unreadable: error instanceof GoogleCallFailure ? error.reason : String(error) };
    }
  });
}

/** The last revision before the window (what the first one in it changed) and every revision in it, oldest first. */
function relevant(records: RevisionRecord[], options: ReadHistoryOptions): RevisionRecord[] {
  const sorted = [...records].sort((a, b) => a.createdMs - b.createdMs || a.name.localeCompare(b.name));
  const before = sorted.filter((record) => record.createdMs < options.sinceMs).at(-1);
  return [...(before ? [before] : []), ...sorted.filter((record) => record.createdMs >= options.sinceMs && record.createdMs <= options.untilMs)];
}

function trafficOf(service: RunService): ServiceRevisions['traffic'] {
  const traffic: ServiceRevisions['traffic'] = {};
  for (const status of service.trafficStatuses ?? []) {
    const revision = status.type === 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST' ? shortName(service.latestReadyRevision) : shortName(status.revision);
    if (!revision) continue;
    const now = (traffic[revision] ??= { percent: 0, tags: [] });
    now.percent += status.percent ?? 0;
    if (status.tag) now.tags.push(status.tag);
  }
  return traffic;
}

function templateOf(service: RunService): { templateRevision?: string } {
  const latestCreated = shortName(service.latestCreatedRevision);
  const rolledOut = latestCreated !== '' && String(service.generation ?? '') === String(service.observedGeneration ?? '');
  return rolledOut ? { templateRevision: latestCreated } : {};
}

/**
 * Lists each referenced secret's versions once, then annotates every reference with what it meant when its
 * revision was created; payloads are accessed only for keys a rule compares.
 */
async function readSecrets(services: ServiceRevisions[], shared: SharedGoogleAccess, options: ReadHistoryOptions, notices: string[]): Promise<SecretVersions[]> {
  const references = services.flatMap((service) => service.revisions.flatMap((revision) => revision.entries.filter(isSecretEntry)));
  const names = [...new Set(references.map((entry) => secretNameOf(entry.source)))].sort();
  if (names.length === 0) return [];
  const unavailable = googleUnavailable(options.gcp, SECRET_MANAGER_EMULATOR_HOST);
  if (unavailable) {
    if (unavailable.notice && !notices.includes(unavailable.notice)) notices.push(unavailable.notice);
    return names.map((secret) => ({ secret, versions: [], unreadable: `Secret Manager not read: ${unavailable.reason}` }));
  }
  const { listSecretVersions } = await import('../secret-manager/list-secret-versions.js');
  const { mapWithConcurrency, GoogleCallFailure } = await import('../google/google-calls.js');
  shared.secretClients ??= secretManagerClients(options.gcp!);
  const clients = await shared.secretClients;
  const budget = shared.budget();
  const secrets = await mapWithConcurrency(names, 32, async (secret): Promise<SecretVersions> => {
    try {
      return { secret, versions: await listSecretVersions(clients, secret, budget) };
    } catch (error) {
      return { secret, versions: [], unreadable: error instanceof GoogleCallFailure ? error.reason : String(error) };
    }
  });
  const bySecret = new Map(secrets.map((secret) => [secret.secret, secret]));
  for (const service of services) {
    for (const revision of service.revisions) {
      revision.entries = revision.entries.map((entry) => (isSecretEntry(entry) ? resolvedAtCreation(entry, bySecret.get(secretNameOf(entry.source))!, revision.createdMs) : entry));
    }
  }
  await accessComparedPayloads(services, clients, shared, options);
  return secrets;
}

async function secretManagerClients(gcp: GcpAccess): Promise<SecretManagerClients> {
  const { createSecretManagerClient } = await import('../google/gcp-clients.js');
  return createSecretManagerClient(gcp.env, clientOptionsFor(gcp, SECRET_MANAGER_EMULATOR_HOST));
}

/** The reference as it stood when its revision was created: `latest` is the newest version created by then. */
function resolvedAtCreation(entry: Entry & { source: SecretRef }, secret: SecretVersions, createdMs: number): Entry {
  if (secret.unreadable !== undefined) return { ...entry, unreadable: `versions of ${secret.secret} not read: ${secret.unreadable}` };
  const { version } = entry.source;
  const number = version === 'latest' ? secret.versions.find((candidate) => (candidate.createdMs ?? 0) <= createdMs)?.number : /^\d+$/.test(version) ? Number(version) : undefined;
  if (number === undefined) {
    const why = version === 'latest' ? `no version of ${secret.secret} existed when the revision was created` : `version alias ${version} is not resolved in a history`;
    return { ...entry, unreadable: why };
  }
  const state = secret.versions.find((candidate) => candidate.number === number)?.state ?? 'MISSING';
  return { ...entry, source: { ...entry.source, resolvedVersion: String(number), state } };
}

/** Payloads of the versions that keys a rule compares meant, each read once, as fingerprints. */
async function accessComparedPayloads(services: ServiceRevisions[], clients: SecretManagerClients, shared: SharedGoogleAccess, options: ReadHistoryOptions): Promise<void> {
  const needsValue = options.gcp!.needsValue;
  const { resolveSecrets } = await import('../secret-manager/resolve-secrets.js');
  const sightings = services.flatMap((service) =>
    service.revisions.flatMap((revision) =>
      revision.entries
        .filter(isSecretEntry)
        .filter((entry) => entry.unreadable === undefined && entry.source.resolvedVersion !== undefined && needsValue(entry.key))
        // Pinned to the number it meant then, so `latest` is not read as it is today.
        .map((entry) => ({ entry: { ...entry, source: { ...entry.source, version: entry.source.resolvedVersion! } }, environment: service.environment, service: service.service, original: entry })),
    ),
  );
  if (sightings.length === 0) return;
  const resolutions = await resolveSecrets(sightings, { needsValue, clients, budget: shared.budget(), describer: options.describer, cache: shared.versions });
  const resolved = new Map<Entry, Entry>();
  for (const resolution of resolutions) {
    // Resolutions come back grouped by version; each carries the sighting it answers.
    const { original } = resolution.sighting as (typeof sightings)[number];
    const { value, unreadable } = resolution.entry;
    resolved.set(original, { ...original, ...(value && { value }), ...(unreadable !== undefined && { unreadable }) });
  }
  for (const service of services) for (const revision of service.revisions) revision.entries = revision.entries.map((entry) => resolved.get(entry) ?? entry);
}

function isSecretEntry(entry: Entry): entry is Entry & { source: SecretRef } {
  return entry.source.kind === 'secret';
}

/** `projects/P/secrets/S` for a reference: a short name lives in the service's project. */
export function secretNameOf(reference: SecretRef): string {
  return reference.secret.startsWith('projects/') ? reference.secret.split('/').slice(0, 4).join('/') : `projects/${reference.project}/secrets/${reference.secret}`;
}

function shortName(name: string | null | undefined): string {
  return (name ?? '').split('/').pop() ?? '';
}
