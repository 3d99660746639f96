import type { RunClients } from '../google/gcp-clients.js';
import { callGoogle, GoogleCallFailure, mapWithConcurrency, type CallBudget } from '../google/google-calls.js';
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

async function listRegions(clients: RunClients, project: string, budget: CallBudget): Promise<string[]> {
  // The Locations mixin only offers the async iterator; it fetches one page per call, lazily.
  return callGoogle(budget, { resource: `the locations of project ${project}`, permission: 'run.locations.list', role: RUN_VIEWER }, async (options) => {
    const regions: string[] = [];
    for await (const location of clients.services.listLocationsAsync({ name: `projects/${project}`, pageSize: PAGE_SIZE }, options)) {
      if (location.locationId) regions.push(location.locationId);
    }
    return regions;
  });
}

async function listServices(clients: RunClients, project: string, region: string, budget: CallBudget): Promise<RunService[]> {
  const parent = `projects/${project}/locations/${region}`;
  const services: RunService[] = [];
  let pageToken = '';
  do {
    const [page, , response] = await callGoogle(budget, { resource: `the services in ${parent}`, permission: 'run.services.list', role: RUN_VIEWER }, (options) =>
      clients.services.listServices({ parent, pageSize: PAGE_SIZE, pageToken }, options),
    );
    services.push(...(page as RunService[]));
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  return services;
}

async function listJobs(clients: RunClients, project: string, region: string, budget: CallBudget): Promise<RunJob[]> {
  const parent = `projects/${project}/locations/${region}`;
  const jobs: RunJob[] = [];
  let pageToken = '';
  do {
    const [page, , response] = await callGoogle(budget, { resource: `the jobs in ${parent}`, permission: 'run.jobs.list', role: RUN_VIEWER }, (options) =>
      clients.jobs.listJobs({ parent, pageSize: PAGE_SIZE, pageToken }, options),
    );
    jobs.push(...(page as RunJob[]));
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  return jobs;
}

async function listWorkerPools(clients: RunClients, project: string, region: string, budget: CallBudget): Promise<RunWorkerPool[]> {
  const parent = `projects/${project}/locations/${region}`;
  const pools: RunWorkerPool[] = [];
  let pageToken = '';
  do {
    const [page, , response] = await callGoogle(budget, { resource: `the worker pools in ${parent}`, permission: 'run.workerPools.list', role: RUN_VIEWER }, (options) =>
      clients.workerPools.listWorkerPools({ parent, pageSize: PAGE_SIZE, pageToken }, options),
    );
    pools.push(...(page as RunWorkerPool[]));
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  return pools;
}

export { RUN_VIEWER };
