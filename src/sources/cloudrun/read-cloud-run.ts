import { intrinsicRules } from '../../model/intrinsic-rules.js';
import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { CloudRunResourceType, ConfigVariant, RuntimeIdentity, SourceProblem } from '../../model/inventory.js';
import type { RunClients } from '../google/gcp-clients.js';
import { callGoogle, GoogleCallFailure, mapWithConcurrency, type CallBudget } from '../google/google-calls.js';
import { revisionDrift } from './revision-drift.js';
import type { RunJob, RunRevision, RunService, RunWorkerPool, RunWorkload } from './run-types.js';
import { RUN_VIEWER, scanProject, type RegionScan } from './scan-project.js';
import { entriesOfWorkload } from './workload-entries.js';

/** One environment's Cloud Run block and the services the config names in it. */
export interface CloudRunRequest {
  environment: string;
  project: string;
  regions?: string[];
  labels?: Record<string, string>;
  nameLabel?: string;
  /** The resources the config names; `resourceType` absent means a service. */
  services: Array<{ logicalName: string; serviceName: string; resourceType?: CloudRunResourceType }>;
}

export interface CloudRunReading {
  environment: string;
  logicalName: string;
  variants: ConfigVariant[];
  problems: SourceProblem[];
  unreadable?: string;
  /** Found through `labels`, not named in the config. */
  discovered: boolean;
}

interface Found {
  request: CloudRunRequest;
  logicalName: string;
  region: string;
  /** A service, or a job or worker pool when `resourceType` says so. */
  service: RunService | RunJob | RunWorkerPool;
  resourceType: CloudRunResourceType;
  regionsOfService: number;
  discovered: boolean;
}

export interface ReadCloudRunOptions {
  clients: RunClients;
  budget: CallBudget;
  describer: ValueDescriber;
  progress?: (what: 'services', done: number, total: number) => void;
  /** Project scans shared between calls, so environments read separately still list a project once. */
  scans?: Map<string, Promise<RegionScan[]>>;
}

/**
 * Reads the configured Cloud Run services: each service's template, and every revision that serves traffic
 * (tagged ones included) unless it is provably the template. API calls are kept to the minimum: the
 * locations (when no regions are given), one list per region page, one GetRevision per older serving revision.
 */
export async function readCloudRun(requests: readonly CloudRunRequest[], options: ReadCloudRunOptions): Promise<CloudRunReading[]> {
  const { clients, budget, describer, progress, scans = new Map<string, Promise<RegionScan[]>>() } = options;
  const scanOf = (request: CloudRunRequest) => {
    const collections = collectionsOf(request);
    const key = `${request.project} ${request.regions?.join(',') ?? '*'} ${collections.join(',')}`;
    if (!scans.has(key)) scans.set(key, scanProject(clients, request.project, request.regions, budget, collections));
    return scans.get(key)!;
  };

  const readings: CloudRunReading[] = [];
  const found: Found[] = [];
  // Every project is scanned at once; staging and production in two projects cost one round of calls.
  const scanned = await Promise.all(requests.map(scanOf));
  for (const [index, request] of requests.entries()) {
    const regionScans = scanned[index]!;
    const unreadableRegions = regionScans.filter((scan) => scan.unreadable !== undefined);
    const all = regionScans.flatMap((scan) => [
      ...(scan.services ?? []).map((service) => ({ region: scan.region, service, resourceType: 'services' as const })),
      ...(scan.jobs ?? []).map((service) => ({ region: scan.region, service, resourceType: 'jobs' as const })),
      ...(scan.workerPools ?? []).map((service) => ({ region: scan.region, service, resourceType: 'workerPools' as const })),
    ]);
    const byName = new Map<string, Array<(typeof all)[number]>>();
    for (const candidate of all) {
      const name = `${candidate.resourceType} ${shortName(candidate.service.name)}`;
      byName.set(name, [...(byName.get(name) ?? []), candidate]);
    }

    for (const { logicalName, serviceName, resourceType = 'services' } of request.services) {
      const matches = byName.get(`${resourceType} ${serviceName}`) ?? [];
      if (matches.length > 0) {
        for (const match of matches) found.push({ request, logicalName, ...match, regionsOfService: matches.length, discovered: false });
      } else if (unreadableRegions.length > 0) {
        readings.push({ environment: request.environment, logicalName, variants: [], problems: [], discovered: false, unreadable: unreadableRegions.map((scan) => scan.unreadable).join('; ') });
      } else {
        const where = request.regions ? `regions ${request.regions.join(', ')}` : 'any region';
        readings.push({
          environment: request.environment,
          logicalName,
          variants: [],
          discovered: false,
          problems: [{
            ruleId: 'envdrift/service-not-deployed',
            ...intrinsicRules['envdrift/service-not-deployed'],
            message: `Cloud Run ${RESOURCE_WORDS[resourceType]} ${serviceName} is not deployed in project ${request.project} (${where})`,
            origin: { kind: 'cloudrun', project: request.project, region: request.regions?.join(',') ?? '*', service: serviceName, ...(resourceType !== 'services' && { resourceType }) },
          }],
        });
      }
    }
    if (request.labels) {
      const named = new Set(request.services.map((service) => service.serviceName));
      // Discovery by labels finds services only; jobs and worker pools are named with `kind:`.
      for (const candidate of all) {
        if (candidate.resourceType !== 'services' || named.has(shortName(candidate.service.name)) || !hasLabels(candidate.service, request.labels)) continue;
        const logicalName = (request.nameLabel && candidate.service.labels?.[request.nameLabel]) || shortName(candidate.service.name);
        found.push({ request, logicalName, ...candidate, regionsOfService: 1, discovered: true });
      }
    }
  }

  let done = 0;
  const perService = await mapWithConcurrency(found, 16, async (item) => {
    const reading = await readService(item, clients, budget, describer);
    progress?.('services', ++done, found.length);
    return reading;
  });
  return [...readings, ...perService];
}

async function readService(item: Found, clients: RunClients, budget: CallBudget, describer: ValueDescriber): Promise<CloudRunReading> {
  const { request, service, region } = item;
  const name = shortName(service.name);
  const where = { environment: request.environment, service: item.logicalName };
  const regionSuffix = item.regionsOfService > 1 ? ` in ${region}` : '';
  const base = { kind: 'cloudrun' as const, project: request.project, region, service: name, ...(item.resourceType !== 'services' && { resourceType: item.resourceType }) };
  const workload = templateOf(item);
  const template: ConfigVariant = {
    name: `template${regionSuffix}`,
    origin: base,
    entries: entriesOfWorkload(workload, base, where, describer),
    identity: identityOf(workload, request.project),
  };
  const reading: CloudRunReading = { environment: request.environment, logicalName: item.logicalName, variants: [template], problems: [], discovered: item.discovered };
  // Jobs run what their template says at each execution, and a worker pool's older revisions are not read (yet).
  if (item.resourceType !== 'services') return reading;

  for (const revision of servingRevisionsToRead(service as RunService)) {
    const fullName = `${service.name}/revisions/${revision}`;
    try {
      const [resource] = (await callGoogle(budget, { resource: fullName, permission: 'run.revisions.get', role: RUN_VIEWER }, (options) =>
        clients.revisions.getRevision({ name: fullName }, options),
      )) as unknown as [RunRevision];
      const origin = { ...base, revision };
      const variant: ConfigVariant = {
        name: `revision ${revision}${regionSuffix}`,
        origin,
        entries: entriesOfWorkload(resource, origin, where, describer),
        identity: identityOf(resource, request.project),
      };
      reading.variants.push(variant);
      reading.problems.push(...revisionDrift(template, variant));
    } catch (error) {
      // The template was read; what the older revision serves is unknown, so the service is not fully known.
      reading.unreadable = `serving revision ${revision} of ${name}: ${error instanceof GoogleCallFailure ? error.reason : String(error)}`;
    }
  }
  return reading;
}

/**
 * Revisions that serve traffic (a share above zero, or a tag) and may differ from the template. The latest
 * created revision of a service whose template generation has been observed *is* the template, so it is not
 * fetched again.
 */
export function servingRevisionsToRead(service: RunService): string[] {
  const latestCreated = shortName(service.latestCreatedRevision);
  const latestReady = shortName(service.latestReadyRevision);
  const templateIsLive = latestCreated !== '' && latestCreated === latestReady && String(service.generation ?? '') === String(service.observedGeneration ?? '');
  const serving = new Set<string>();
  for (const status of service.trafficStatuses ?? []) {
    if (!(status.percent ?? 0) && !status.tag) continue;
    const revision = status.type === 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST' ? latestReady : shortName(status.revision);
    if (revision && !(templateIsLive && revision === latestCreated)) serving.add(revision);
  }
  return [...serving];
}

const RESOURCE_WORDS: Record<CloudRunResourceType, string> = { services: 'service', jobs: 'job', workerPools: 'worker pool' };

/** The API collections a request needs listed: services (named, or discovered by labels), jobs, worker pools. */
function collectionsOf(request: CloudRunRequest): CloudRunResourceType[] {
  const named = new Set(request.services.map((service) => service.resourceType ?? 'services'));
  if (request.labels) named.add('services');
  return (['services', 'jobs', 'workerPools'] as const).filter((collection) => named.has(collection));
}

/** What the containers run: a service's or worker pool's template, a job's task template. */
function templateOf(item: Found): RunWorkload {
  if (item.resourceType === 'jobs') return (item.service as RunJob).template?.template ?? {};
  return (item.service as RunService | RunWorkerPool).template ?? {};
}

/** An empty service account means Cloud Run runs the workload as the project's default compute service account. */
function identityOf(workload: RunWorkload, project: string): RuntimeIdentity {
  return { project, ...(workload.serviceAccount && { serviceAccount: workload.serviceAccount }) };
}

function hasLabels(service: RunService | RunJob | RunWorkerPool, labels: Record<string, string>): boolean {
  return Object.entries(labels).every(([key, value]) => service.labels?.[key] === value);
}

function shortName(name: string | null | undefined): string {
  return (name ?? '').split('/').pop() ?? '';
}
