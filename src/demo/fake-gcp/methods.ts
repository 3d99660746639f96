/** The API methods the fake implements, by their proto method names. */
export const FAKE_GCP_METHODS = [
  'ListLocations',
  'ListServices',
  'GetService',
  'ListRevisions',
  'GetRevision',
  'ListSecrets',
  'GetSecret',
  'ListSecretVersions',
  'GetSecretVersion',
  'AccessSecretVersion',
] as const;

export type FakeGcpMethod = (typeof FAKE_GCP_METHODS)[number];

export type FakeGcpListMethod = Extract<FakeGcpMethod, `List${string}`>;

/** Where each method lives: gRPC service and its request / response message types. */
export const METHOD_SERVICES: Record<FakeGcpMethod, { service: string; responseType: string }> = {
  ListLocations: { service: 'google.cloud.location.Locations', responseType: 'google.cloud.location.ListLocationsResponse' },
  ListServices: { service: 'google.cloud.run.v2.Services', responseType: 'google.cloud.run.v2.ListServicesResponse' },
  GetService: { service: 'google.cloud.run.v2.Services', responseType: 'google.cloud.run.v2.Service' },
  ListRevisions: { service: 'google.cloud.run.v2.Revisions', responseType: 'google.cloud.run.v2.ListRevisionsResponse' },
  GetRevision: { service: 'google.cloud.run.v2.Revisions', responseType: 'google.cloud.run.v2.Revision' },
  ListSecrets: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.ListSecretsResponse' },
  GetSecret: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.Secret' },
  ListSecretVersions: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.ListSecretVersionsResponse' },
  GetSecretVersion: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.SecretVersion' },
  AccessSecretVersion: { service: 'google.cloud.secretmanager.v1.SecretManagerService', responseType: 'google.cloud.secretmanager.v1.AccessSecretVersionResponse' },
};

/** The IAM permission each method needs, used in PERMISSION_DENIED messages shaped like the real ones. */
export const METHOD_PERMISSIONS: Record<FakeGcpMethod, string> = {
  ListLocations: 'run.locations.list',
  ListServices: 'run.services.list',
  GetService: 'run.services.get',
  ListRevisions: 'run.revisions.list',
  GetRevision: 'run.revisions.get',
  ListSecrets: 'secretmanager.secrets.list',
  GetSecret: 'secretmanager.secrets.get',
  ListSecretVersions: 'secretmanager.versions.list',
  GetSecretVersion: 'secretmanager.versions.get',
  AccessSecretVersion: 'secretmanager.versions.access',
};
