/** The API methods the fake implements, by their proto method names. */
export const FAKE_GCP_METHODS = [
  'ListLocations',
  'ListServices',
  'GetService',
  'ListRevisions',
  'GetRevision',
  'ListJobs',
  'GetJob',
  'ListWorkerPools',
  'GetWorkerPool',
  'ListSecrets',
  'GetSecret',
  'ListSecretVersions',
  'GetSecretVersion',
  'AccessSecretVersion',
  'GetSecretIamPolicy',
  'GetProject',
  'GetProjectIamPolicy',
] as const;

export type FakeGcpMethod = (typeof FAKE_GCP_METHODS)[number];

export type FakeGcpListMethod = Extract<FakeGcpMethod, `List${string}`>;

/**
 * Where each method lives: gRPC service, its response message type, and its name in the `.proto` when that
 * differs from the fake's (two services call theirs `GetIamPolicy`).
 */
export const METHOD_SERVICES: Record<FakeGcpMethod, { service: string; responseType: string; rpc?: string }> = {
  ListLocations: { service: 'google.cloud.location.Locations', responseType: 'google.cloud.location.ListLocationsResponse' },
  ListServices: { service: 'google.cloud.run.v2.Services', responseType: 'google.cloud.run.v2.ListServicesResponse' },
  GetService: { service: 'google.cloud.run.v2.Services', responseType: 'google.cloud.run.v2.Service' },
  ListRevisions: { service: 'google.cloud.run.v2.Revisions', responseType: 'google.cloud.run.v2.ListRevisionsResponse' },
  GetRevision: { service: 'google.cloud.run.v2.Revisions', responseType: 'google.cloud.run.v2.Revision' },
  ListJobs: { service: 'google.cloud.run.v2.Jobs', responseType: 'google.cloud.run.v2.ListJobsResponse' },
  GetJob: { service: 'google.cloud.run.v2.Jobs', responseType: 'google.cloud.run.v2.Job' },
  ListWorkerPools: { service: 'google.cloud.run.v2.WorkerPools', responseType: 'google.cloud.run.v2.ListWorkerPoolsResponse' },
  GetWorkerPool: { service: 'google.cloud.run.v2.WorkerPools', responseType: 'google.cloud.run.v2.WorkerPool' },
  ListSecrets: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.ListSecretsResponse' },
  GetSecret: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.Secret' },
  ListSecretVersions: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.ListSecretVersionsResponse' },
  GetSecretVersion: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.SecretVersion' },
  AccessSecretVersion: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.AccessSecretVersionResponse' },
  GetSecretIamPolicy: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.iam.v1.Policy', rpc: 'GetIamPolicy' },
  GetProject: { service: 'google.cloud.resourcemanager.v3.Projects', responseType: 'google.cloud.resourcemanager.v3.Project' },
  GetProjectIamPolicy: { service: 'google.cloud.resourcemanager.v3.Projects', responseType: 'google.iam.v1.Policy', rpc: 'GetIamPolicy' },
};

/** The IAM permission each method needs, used in PERMISSION_DENIED messages shaped like the real ones. */
export const METHOD_PERMISSIONS: Record<FakeGcpMethod, string> = {
  ListLocations: 'run.locations.list',
  ListServices: 'run.services.list',
  GetService: 'run.services.get',
  ListRevisions: 'run.revisions.list',
  GetRevision: 'run.revisions.get',
  ListJobs: 'run.jobs.list',
  GetJob: 'run.jobs.get',
  ListWorkerPools: 'run.workerPools.list',
  GetWorkerPool: 'run.workerPools.get',
  ListSecrets: 'secretmanager.secrets.list',
  GetSecret: 'secretmanager.secrets.get',
  ListSecretVersions: 'secretmanager.versions.list',
  GetSecretVersion: 'secretmanager.versions.get',
  AccessSecretVersion: 'secretmanager.versions.access',
  GetSecretIamPolicy: 'secretmanager.secrets.getIamPolicy',
  GetProject: 'resourcemanager.projects.get',
  GetProjectIamPolicy: 'resourcemanager.projects.getIamPolicy',
};
