import { invalidArgument } from './api-error.js';

/**
 * Parsing of the resource names the two APIs accept. Segments are kept as written: a project may be an id
 * or a number, and the fixture store decides which project that is.
 */

export interface LocationName { project: string; location: string }
export interface ServiceName extends LocationName { service: string }
export interface RevisionName extends ServiceName { revision: string }
export interface JobName extends LocationName { job: string }
export interface WorkerPoolName extends LocationName { workerPool: string }
export interface SecretName { project: string; secret: string }
export interface SecretVersionName extends SecretName { version: string }

const SEGMENT = '([^/]+)';
const PATTERNS = {
  project: new RegExp(`^projects/${SEGMENT}$`),
  location: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}$`),
  service: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/services/${SEGMENT}$`),
  revision: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/services/${SEGMENT}/revisions/${SEGMENT}$`),
  job: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/jobs/${SEGMENT}$`),
  workerPool: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/workerPools/${SEGMENT}$`),
  secret: new RegExp(`^projects/${SEGMENT}/secrets/${SEGMENT}$`),
  secretVersion: new RegExp(`^projects/${SEGMENT}/secrets/${SEGMENT}/versions/${SEGMENT}$`),
};

function match(kind: keyof typeof PATTERNS, field: string, name: unknown): string[] {
  const found = typeof name === 'string' ? PATTERNS[kind].exec(name) : null;
  if (!found) throw invalidArgument(`Invalid ${field} ${JSON.stringify(name ?? '')}: expected a ${kind} resource name.`);
  return found.slice(1) as string[];
}

export function parseProjectName(name: unknown, field = 'name'): string {
  return match('project', field, name)[0]!;
}

export function parseLocationName(name: unknown, field = 'parent'): LocationName {
  const [project, location] = match('location', field, name) as [string, string];
  return { project, location };
}

export function parseServiceName(name: unknown, field = 'name'): ServiceName {
  const [project, location, service] = match('service', field, name) as [string, string, string];
  return { project, location, service };
}

export function parseRevisionName(name: unknown, field = 'name'): RevisionName {
  const [project, location, service, revision] = match('revision', field, name) as [string, string, string, string];
  return { project, location, service, revision };
}

export function parseJobName(name: unknown, field = 'name'): JobName {
  const [project, location, job] = match('job', field, name) as [string, string, string];
  return { project, location, job };
}

export function parseWorkerPoolName(name: unknown, field = 'name'): WorkerPoolName {
  const [project, location, workerPool] = match('workerPool', field, name) as [string, string, string];
  return { project, location, workerPool };
}

export function parseSecretName(name: unknown, field = 'name'): SecretName {
  const [project, secret] = match('secret', field, name) as [string, string];
  return { project, secret };
}

export function parseSecretVersionName(name: unknown, field = 'name'): SecretVersionName {
  const [project, secret, version] = match('secretVersion', field, name) as [string, string, string];
  return { project, secret, version };
}

/** The region a request is about (`projects/P/locations/REGION/...`), for region-wide faults. */
export function regionOf(name: string): string | undefined {
  return /^projects\/[^/]+\/locations\/([^/]+)/.exec(name)?.[1];
}
