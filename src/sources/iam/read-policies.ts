import type { ResourceManagerClients, SecretManagerClients } from '../google/gcp-clients.js';
import { callGoogle, GoogleCallFailure, GrpcCode, type CallBudget } from '../google/google-calls.js';
import type { IamPolicy } from './policy-grants.js';

/**
 * Reads the IAM policies the secret-access check needs, each at most once per run (the cache is shared by every
 * environment): a secret's policy from Secret Manager, a project's policy and number from Resource Manager.
 */

/** Roles that let envdrift read these policies; the narrower permissions are named in each failure. */
export const POLICY_READER = 'roles/iam.securityReviewer';

export type PolicyOutcome = { kind: 'policy'; policy: IamPolicy } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };
export type ProjectNumberOutcome = { kind: 'number'; number: string } | { kind: 'unreadable'; reason: string };

export interface IamCache {
  policies: Map<string, Promise<PolicyOutcome>>;
  projectNumbers: Map<string, Promise<ProjectNumberOutcome>>;
}

export interface PolicyReaders {
  secretManager?: SecretManagerClients;
  resourceManager?: ResourceManagerClients;
  /** Why a client is missing (no credentials, say): every read it would make is unreadable for this reason. */
  secretManagerUnavailable?: string;
  resourceManagerUnavailable?: string;
  budget: CallBudget;
  cache: IamCache;
}

export function secretPolicy(secretName: string, readers: PolicyReaders): Promise<PolicyOutcome> {
  return cached(readers.cache.policies, `secret ${secretName}`, async () => {
    if (!readers.secretManager) return { kind: 'unreadable', reason: `Secret Manager not read: ${readers.secretManagerUnavailable}` };
    const clients = readers.secretManager;
    const purpose = { resource: `the IAM policy of ${secretName}`, permission: 'secretmanager.secrets.getIamPolicy', role: `${POLICY_READER} or roles/secretmanager.viewer` };
    return readPolicy(purpose, readers.budget, (options) => clients.secretManager.getIamPolicy({ resource: secretName }, options));
  });
}

export function projectPolicy(project: string, readers: PolicyReaders): Promise<PolicyOutcome> {
  return cached(readers.cache.policies, `project ${project}`, async () => {
    if (!readers.resourceManager) return { kind: 'unreadable', reason: `Resource Manager not read: ${readers.resourceManagerUnavailable}` };
    const clients = readers.resourceManager;
    const purpose = { resource: `the IAM policy of project ${project}`, permission: 'resourcemanager.projects.getIamPolicy', role: `${POLICY_READER} or roles/browser` };
    return readPolicy(purpose, readers.budget, (options) => clients.projects.getIamPolicy({ resource: `projects/${project}` }, options));
  });
}

/** A project's number (Resource Manager names projects by number), which the default compute service account carries. */
export function projectNumber(project: string, readers: PolicyReaders): Promise<ProjectNumberOutcome> {
  if (/^\d+$/.test(project)) return Promise.resolve({ kind: 'number', number: project });
  return cached(readers.cache.projectNumbers, project, async () => {
    if (!readers.resourceManager) return { kind: 'unreadable', reason: `Resource Manager not read: ${readers.resourceManagerUnavailable}` };
    const clients = readers.resourceManager;
    try {
      const [found] = (await callGoogle(readers.budget, { resource: `project ${project}`, permission: 'resourcemanager.projects.get', role: `${POLICY_READER} or roles/browser` }, (options) =>
        clients.projects.getProject({ name: `projects/${project}` }, options),
      )) as unknown as [{ name?: string | null }];
      const number = /^projects\/(\d+)$/.exec(found.name ?? '')?.[1];
      return number ? { kind: 'number', number } : { kind: 'unreadable', reason: `Resource Manager named project ${project} ${JSON.stringify(found.name ?? '')}, not projects/NUMBER` };
    } catch (error) {
      return { kind: 'unreadable', reason: error instanceof GoogleCallFailure ? error.reason : String(error) };
    }
  });
}

async function readPolicy(
  purpose: { resource: string; permission: string; role: string },
  budget: CallBudget,
  call: (options: Parameters<Parameters<typeof callGoogle>[2]>[0]) => Promise<unknown>,
): Promise<PolicyOutcome> {
  try {
    const [policy] = (await callGoogle(budget, purpose, call)) as [IamPolicy];
    return { kind: 'policy', policy };
  } catch (error) {
    const failure = error instanceof GoogleCallFailure ? error : new GoogleCallFailure(String(error));
    // A secret that does not exist is reported as such by envdrift/secret-version-unusable.
    if (failure.code === GrpcCode.NOT_FOUND) return { kind: 'missing' };
    return { kind: 'unreadable', reason: failure.reason };
  }
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let outcome = cache.get(key);
  if (!outcome) {
    outcome = read();
    cache.set(key, outcome);
  }
  return outcome;
}
