import type { RunClients } from '../google/gcp-clients.js';
import { GoogleCallFailure, mapWithConcurrency, type CallBudget } from '../google/google-calls.js';
import { listEveryPage } from '../google/paged-listing.js';
import type { CloudRunResourceType } from '../../model/inventory.js';
import type { RunJob, RunService, RunWorkerPool } from './run-types.js';

const RUN_VIEWER = 'roles/run.viewer';
/** Large pages keep the call count at its minimum: one list call per region per page. */
const PAGE_SIZE = 500;

export interface RegionScan {
  region: string;
  services?: RunService[];
  /** Listed only when asked for (a config that names jobs or worker pools): no call is made for nothing. */
  jobs?: RunJob[];
  workerPools?: RunWorkerPool[];
  /** Why the region could not be listed; services in it are then unknown, never "not deployed". */
  unreadable?: string;
}

/**
 * Lists every Cloud Run service of a project: the given regions, or every location the project can use
 * (`ListServices` rejects the `locations/-` wildcard, so regions are listed one by one). Regions are read in
 * parallel, so one slow region never holds up the others.
 */
export async function scanProject(
  clients: RunClients,
  project: string,
  regions: readonly string[] | undefined,
  budget: CallBudget,
  collections: readonly CloudRunResourceType[] = ['services'],
): Promise<RegionScan[]> {
  let regionNames: readonly string[];
  try {
    regionNames = regions ?? (await listRegions(clients, project, budget));
  } catch (error) {
    const reason = error instanceof GoogleCallFailure ? error.reason : String(error);
    return [{ region: '*', unreadable: reason }];
  }
  // All of a project's regions at once (Cloud Run has ~40), so listing costs one round trip, not three.
  return mapWithConcurrency(regionNames, 64, async (region) => {
    try {
      const [services, jobs, workerPools] = await Promise.all([
        collections.includes('services') ? listServices(clients, project, region, budget) : undefined,
        collections.includes('jobs') ? listJobs(clients, project, region, budget) : undefined,
        collections.includes('workerPools') ? listWorkerPools(clients, project, region, budget) : undefined,
      ]);
      return { region, ...(services && { services }), ...(jobs && { jobs }), ...(workerPools && { workerPools }) };
    } catch (error) {
      return { region, unreadable: error instanceof GoogleCallFailure ? error.reason : String(error) };
    }
  });
}

/** Every page is its own call within the deadline (the async iterator would page inside one call, unbounded). */
async function listRegions(clients: RunClients, project: string, budget: CallBudget): Promise<string[]> {
  const name = `projects/${project}`;
  const locations = await listEveryPage(
    budget,
    { resource: `the locations of project ${project}`, permission: 'run.locations.list', role: RUN_VIEWER },
    async (pageToken, options) => {
      const [page, , response] = (await clients.services.locationsClient.listLocations({ name, pageSize: PAGE_SIZE, pageToken }, options)) as unknown as [Array<{ locationId?: string | null; name?: string | null }>, unknown, { nextPageToken?: string | null } | undefined];
      return { items: page, nextPageToken: response?.nextPageToken ?? '' };
    },
    (location) => location.name ?? location.locationId ?? '',
  );
  return locations.flatMap((location) => (location.locationId ? [location.locationId] : []));
}

async function listServices(clients: RunClients, project: string, region: string, budget: CallBudget): Promise<RunService[]> {
  const parent = `projects/${project}/locations/${region}`;
  return listEveryPage(
    budget,
    { resource: `the services in ${parent}`, permission: 'run.services.list', role: RUN_VIEWER },
    async (pageToken, options) => {
      const [page, , response] = await clients.services.listServices({ parent, pageSize: PAGE_SIZE, pageToken }, options);
      return { items: page as RunService[], nextPageToken: response?.nextPageToken ?? '' };
    },
    (service) => service.name ?? '',
  );
}

async function listJobs(clients: RunClients, project: string, region: string, budget: CallBudget): Promise<RunJob[]> {
  const parent = `projects/${project}/locations/${region}`;
  return listEveryPage(
    budget,
    { resource: `the jobs in ${parent}`, permission: 'run.jobs.list', role: RUN_VIEWER },
    async (pageToken, options) => {
      const [page, , response] = await clients.jobs.listJobs({ parent, pageSize: PAGE_SIZE, pageToken }, options);
      return { items: page as RunJob[], nextPageToken: response?.nextPageToken ?? '' };
    },
    (job) => job.name ?? '',
  );
}

async function listWorkerPools(clients: RunClients, project: string, region: string, budget: CallBudget): Promise<RunWorkerPool[]> {
  const parent = `projects/${project}/locations/${region}`;
  return listEveryPage(
    budget,
    { resource: `the worker pools in ${parent}`, permission: 'run.workerPools.list', role: RUN_VIEWER },
    async (pageToken, options) => {
      const [page, , response] = await clients.workerPools.listWorkerPools({ parent, pageSize: PAGE_SIZE, pageToken }, options);
      return { items: page as RunWorkerPool[], nextPageToken: response?.nextPageToken ?? '' };
    },
    (pool) => pool.name ?? '',
  );
}

export { RUN_VIEWER };
