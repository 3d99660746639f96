import { invalidArgument, notFound } from './api-error.js';
import type { StoredProject, StoredRunResource } from './fixture-store.js';
import { requireProject, type MethodContext, type MethodHandler } from './method-context.js';
import { parseJobName, parseLocationName, parseProjectName, parseRevisionName, parseServiceName, parseWorkerPoolName } from './resource-names.js';

/** Cloud Run Admin API v2 (Services, Revisions, Jobs, WorkerPools) and its Locations mixin, read-only. */

const listLocations: MethodHandler = (request, context) => {
  const ref = parseProjectName(request.name);
  const project = requireProject(ref, String(request.name), context);
  const all = project.locations.map((location) => ({ name: `projects/${ref}/locations/${location}`, locationId: location, displayName: location }));
  const page = context.pages.page(all, request, `ListLocations ${ref}`, context.faults.spoilsPageTokens('ListLocations'), context.faults.loopsPages('ListLocations'));
  return { locations: page.items, nextPageToken: page.nextPageToken };
};

const listServices: MethodHandler = (request, context) => {
  const parent = parseLocationName(request.parent);
  const project = requireLocation(parent.project, parent.location, String(request.parent), context);
  const all = project.services.filter((service) => service.location === parent.location).map((service) => service.json);
  const page = context.pages.page(all, request, `ListServices ${String(request.parent)}`, context.faults.spoilsPageTokens('ListServices'), context.faults.loopsPages('ListServices'));
  return { services: page.items, nextPageToken: page.nextPageToken };
};

const getService: MethodHandler = (request, context) => {
  const name = parseServiceName(request.name);
  const project = requireLocation(name.project, name.location, String(request.name), context);
  return findRunResource(project.services, name.location, name.service, 'SERVICE', name.project).json;
};

const listRevisions: MethodHandler = (request, context) => {
  const parent = parseServiceName(request.parent, 'parent');
  const project = requireLocation(parent.project, parent.location, String(request.parent), context);
  // "-" lists the revisions of every service in the region, as documented on ListRevisionsRequest.parent.
  if (parent.service !== '-') findRunResource(project.services, parent.location, parent.service, 'SERVICE', parent.project);
  const all = project.revisions
    .filter((revision) => revision.location === parent.location && (parent.service === '-' || revision.service === parent.service))
    .map((revision) => revision.json);
  const page = context.pages.page(all, request, `ListRevisions ${String(request.parent)}`, context.faults.spoilsPageTokens('ListRevisions'), context.faults.loopsPages('ListRevisions'));
  return { revisions: page.items, nextPageToken: page.nextPageToken };
};

const getRevision: MethodHandler = (request, context) => {
  const name = parseRevisionName(request.name);
  const project = requireLocation(name.project, name.location, String(request.name), context);
  const revision = findRunResource(project.revisions, name.location, name.revision, 'REVISION', name.project);
  if (revision.service !== name.service) throw notFound(cloudRunNotFound(name.revision, 'REVISION', name.location, name.project));
  return revision.json;
};

const listJobs: MethodHandler = (request, context) => {
  const parent = parseLocationName(request.parent);
  const project = requireLocation(parent.project, parent.location, String(request.parent), context);
  const all = project.jobs.filter((job) => job.location === parent.location).map((job) => job.json);
  const page = context.pages.page(all, request, `ListJobs ${String(request.parent)}`, context.faults.spoilsPageTokens('ListJobs'));
  return { jobs: page.items, nextPageToken: page.nextPageToken };
};

const getJob: MethodHandler = (request, context) => {
  const name = parseJobName(request.name);
  const project = requireLocation(name.project, name.location, String(request.name), context);
  return findRunResource(project.jobs, name.location, name.job, 'JOB', name.project).json;
};

const listWorkerPools: MethodHandler = (request, context) => {
  const parent = parseLocationName(request.parent);
  const project = requireLocation(parent.project, parent.location, String(request.parent), context);
  const all = project.workerPools.filter((pool) => pool.location === parent.location).map((pool) => pool.json);
  const page = context.pages.page(all, request, `ListWorkerPools ${String(request.parent)}`, context.faults.spoilsPageTokens('ListWorkerPools'));
  return { workerPools: page.items, nextPageToken: page.nextPageToken };
};

const getWorkerPool: MethodHandler = (request, context) => {
  const name = parseWorkerPoolName(request.name);
  const project = requireLocation(name.project, name.location, String(request.name), context);
  return findRunResource(project.workerPools, name.location, name.workerPool, 'WORKER_POOL', name.project).json;
};

export const RUN_METHODS = {
  ListLocations: listLocations,
  ListServices: listServices,
  GetService: getService,
  ListRevisions: listRevisions,
  GetRevision: getRevision,
  ListJobs: listJobs,
  GetJob: getJob,
  ListWorkerPools: listWorkerPools,
  GetWorkerPool: getWorkerPool,
} satisfies Record<string, MethodHandler>;

/**
 * The v2 API is regional: the "-" wildcard that v1 accepted is INVALID_ARGUMENT, so clients must list the
 * locations first and then ask each region. A region the fixture does not list is INVALID_ARGUMENT too.
 */
function requireLocation(ref: string, location: string, resource: string, context: MethodContext): StoredProject {
  if (location === '-') {
    throw invalidArgument(`Invalid location '-' in ${resource}: the Cloud Run v2 API needs a region; list locations, then query each region.`);
  }
  const project = requireProject(ref, resource, context);
  if (!project.locations.includes(location)) throw invalidArgument(`Location '${location}' is not a valid Cloud Run region.`);
  return project;
}

function findRunResource(resources: StoredRunResource[], location: string, id: string, kind: string, project: string): StoredRunResource {
  const found = resources.find((resource) => resource.location === location && resource.id === id);
  if (!found) throw notFound(cloudRunNotFound(id, kind, location, project));
  return found;
}

/** Worded like the real API's NOT_FOUND message. */
function cloudRunNotFound(id: string, kind: string, location: string, project: string): string {
  return `Resource '${id}' of kind '${kind}' in region '${location}' in project '${project}' does not exist.`;
}
