import { invalidArgument, notFound } from '../../../src/demo/fake-gcp/api-error.js';
import type { FakeGcpBackend } from '../../../src/demo/fake-gcp/fake-backend.js';
import { knativeList, knativeRevision, knativeService, type ProjectIds } from './knative-rendering.js';
import type { FakeGcpMethod } from '../../../src/demo/fake-gcp/methods.js';
import type { ProtoJson } from '../../../src/demo/fake-gcp/proto-json.js';

/**
 * The REST surface of the fake: the URL paths the real APIs serve, each mapped onto the same backend the gRPC
 * server uses. Secret Manager v1 and Cloud Run v2 answer proto3 JSON as is; Cloud Run v1 (what `gcloud run`
 * calls) answers Knative-shaped objects rendered from the v2 fixtures.
 */

export interface RestCall {
  backend: FakeGcpBackend;
  query: URLSearchParams;
  /** Region from a regional host name (`us-central1-run.googleapis.com`), which the Knative paths need. */
  region?: string;
  signal: AbortSignal;
}

interface Route {
  pattern: RegExp;
  answer(segments: string[], call: RestCall): Promise<ProtoJson>;
}

const S = '([^/:]+)';
const KNATIVE = '/apis/serving\\.knative\\.dev/v1/namespaces';

/** A call of `method` with the path's resource name and the list parameters from the query string. */
function direct(method: FakeGcpMethod, field: 'name' | 'parent', name: (segments: string[]) => string): Route['answer'] {
  return (segments, call) => call.backend.invoke(method, { [field]: name(segments), ...listParameters(call.query) }, call.signal);
}

export const REST_ROUTES: Route[] = [
  // Secret Manager v1.
  { pattern: re(`/v1/projects/${S}/secrets`), answer: direct('ListSecrets', 'parent', ([p]) => `projects/${p}`) },
  { pattern: re(`/v1/projects/${S}/secrets/${S}`), answer: direct('GetSecret', 'name', ([p, s]) => `projects/${p}/secrets/${s}`) },
  { pattern: re(`/v1/projects/${S}/secrets/${S}/versions`), answer: direct('ListSecretVersions', 'parent', ([p, s]) => `projects/${p}/secrets/${s}`) },
  { pattern: re(`/v1/projects/${S}/secrets/${S}/versions/${S}`), answer: direct('GetSecretVersion', 'name', ([p, s, v]) => `projects/${p}/secrets/${s}/versions/${v}`) },
  { pattern: re(`/v1/projects/${S}/secrets/${S}/versions/${S}:access`), answer: direct('AccessSecretVersion', 'name', ([p, s, v]) => `projects/${p}/secrets/${s}/versions/${v}`) },
  // GET with the resource in the path, as Secret Manager's HTTP binding of GetIamPolicy has it.
  { pattern: re(`/v1/projects/${S}/secrets/${S}:getIamPolicy`), answer: ([p, s], call) => call.backend.invoke('GetSecretIamPolicy', { resource: `projects/${p}/secrets/${s}` }, call.signal) },

  // Cloud Run v2.
  { pattern: re(`/v2/projects/${S}/locations`), answer: direct('ListLocations', 'name', ([p]) => `projects/${p}`) },
  { pattern: re(`/v2/projects/${S}/locations/${S}/services`), answer: direct('ListServices', 'parent', ([p, l]) => `projects/${p}/locations/${l}`) },
  { pattern: re(`/v2/projects/${S}/locations/${S}/services/${S}`), answer: direct('GetService', 'name', ([p, l, s]) => `projects/${p}/locations/${l}/services/${s}`) },
  { pattern: re(`/v2/projects/${S}/locations/${S}/services/${S}/revisions`), answer: direct('ListRevisions', 'parent', ([p, l, s]) => `projects/${p}/locations/${l}/services/${s}`) },
  { pattern: re(`/v2/projects/${S}/locations/${S}/services/${S}/revisions/${S}`), answer: direct('GetRevision', 'name', ([p, l, s, r]) => `projects/${p}/locations/${l}/services/${s}/revisions/${r}`) },

  // Cloud Run v1, global endpoint: the one place the "-" location wildcard is accepted.
  { pattern: re(`/v1/projects/${S}/locations`), answer: direct('ListLocations', 'name', ([p]) => `projects/${p}`) },
  { pattern: re(`/v1/projects/${S}/locations/${S}/services`), answer: ([p, l], call) => knativeServiceList(p!, l === '-' ? undefined : l!, call) },
  {
    pattern: re(`/v1/projects/${S}/locations/${S}/services/${S}`),
    answer: async ([p, l, s], call) => knativeService(await call.backend.invoke('GetService', { name: `projects/${p}/locations/${l}/services/${s}` }, call.signal), projectIds(p!, call)),
  },

  // Cloud Run v1, regional Knative endpoints (`REGION-run.googleapis.com`).
  { pattern: re(`${KNATIVE}/${S}/services`), answer: ([ns], call) => knativeServiceList(ns!, requireRegion(call), call) },
  {
    pattern: re(`${KNATIVE}/${S}/services/${S}`),
    answer: async ([ns, s], call) =>
      knativeService(await call.backend.invoke('GetService', { name: `projects/${ns}/locations/${requireRegion(call)}/services/${s}` }, call.signal), projectIds(ns!, call)),
  },
  {
    pattern: re(`${KNATIVE}/${S}/revisions`),
    answer: async ([ns], call) => {
      const service = /^serving\.knative\.dev\/service\s*=\s*([^,\s]+)$/.exec(call.query.get('labelSelector') ?? '')?.[1] ?? '-';
      const revisions = await collect('ListRevisions', { parent: `projects/${ns}/locations/${requireRegion(call)}/services/${service}` }, 'revisions', call);
      return knativeList('RevisionList', revisions.map((revision) => knativeRevision(revision, projectIds(ns!, call))));
    },
  },
  {
    pattern: re(`${KNATIVE}/${S}/revisions/${S}`),
    answer: async ([ns, r], call) => {
      // Knative names a revision without its service; find it among the region's revisions.
      const revisions = await collect('ListRevisions', { parent: `projects/${ns}/locations/${requireRegion(call)}/services/-` }, 'revisions', call);
      const revision = revisions.find((candidate) => String(candidate.name).endsWith(`/revisions/${r}`));
      if (!revision) throw notFound(`Revision '${r}' not found.`);
      return knativeRevision(revision, projectIds(ns!, call));
    },
  },
];

/** Services of one region, or of every region when `region` is undefined (the v1 wildcard). */
async function knativeServiceList(projectRef: string, region: string | undefined, call: RestCall): Promise<ProtoJson> {
  const regions = region ? [region] : (await collect('ListLocations', { name: `projects/${projectRef}` }, 'locations', call)).map((location) => String(location.locationId));
  const services: ProtoJson[] = [];
  for (const location of regions) services.push(...(await collect('ListServices', { parent: `projects/${projectRef}/locations/${location}` }, 'services', call)));
  return knativeList('ServiceList', services.map((service) => knativeService(service, projectIds(projectRef, call))));
}

/** Follows page tokens to the end, as a server rendering a non-paged API must. */
async function collect(method: FakeGcpMethod, request: ProtoJson, field: string, call: RestCall): Promise<ProtoJson[]> {
  const items: ProtoJson[] = [];
  let pageToken = '';
  do {
    const page = await call.backend.invoke(method, { ...request, pageToken }, call.signal);
    items.push(...((page[field] as ProtoJson[] | undefined) ?? []));
    pageToken = String(page.nextPageToken ?? '');
  } while (pageToken !== '');
  return items;
}

function projectIds(ref: string, call: RestCall): ProjectIds {
  const project = call.backend.store.project(ref);
  return project ? { id: project.id, number: project.number } : { id: ref, number: ref };
}

function requireRegion(call: RestCall): string {
  if (!call.region) throw invalidArgument('The Knative API is regional: call it on REGION-run.<domain> (e.g. through the fake as an HTTP proxy).');
  return call.region;
}

function listParameters(query: URLSearchParams): ProtoJson {
  const parameters: ProtoJson = {};
  const pageSize = query.get('pageSize');
  if (pageSize !== null) parameters.pageSize = Number(pageSize);
  for (const name of ['pageToken', 'filter']) {
    const value = query.get(name);
    if (value !== null) parameters[name] = value;
  }
  return parameters;
}

function re(path: string): RegExp {
  return new RegExp(`^${path}$`);
}
