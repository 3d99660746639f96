import type { RunClients } from '../google/gcp-clients.js';
import { callGoogle, GoogleCallFailure, mapWithConcurrency, type CallBudget } from '../google/google-calls.js';
import type { RunService } from './run-types.js';

const RUN_VIEWER = 'roles/run.viewer';
/** Large pages keep the call count at its minimum: one list call per region per page. */
const PAGE_SIZE = 500;

export interface RegionScan {
  region: string;
  services?: RunService[];
  /** Why the region could not be listed; services in it are then unknown, never "not deployed". */
  unreadable?: string;
}

/**
 * Lists every Cloud Run service of a project: the given regions, or every location the project can use
 * (`ListServices` rejects the `locations/-` wildcard, so regions are listed one by one). Regions are read in
 * parallel, so one slow region never holds up the others.
 */
export async function scanProject(clients: RunClients, project: string, regions: readonly string[] | undefined, budget: CallBudget): Promise<RegionScan[]> {
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
      return { region, services: await listServices(clients, project, region, budget) };
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

export { RUN_VIEWER };
