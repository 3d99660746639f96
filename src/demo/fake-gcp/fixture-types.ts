import type { ProtoJson } from './proto-json.js';

/**
 * What the fake serves: real resources in canonical proto3 JSON, grouped by project.
 *
 * ```jsonc
 * {
 *   "projects": [{
 *     "projectId": "acme-staging",
 *     "projectNumber": "123456789012",
 *     "locations": ["us-central1", "europe-west1"],          // optional
 *     "services": [{ "name": "projects/acme-staging/locations/us-central1/services/backend", ... }],
 *     "revisions": [{ "name": "projects/acme-staging/locations/us-central1/services/backend/revisions/backend-00001-abc", ... }],
 *     "secrets": [{
 *       "secret": { "name": "projects/123456789012/secrets/jwt-secret", "replication": { "automatic": {} } },
 *       "versions": [
 *         { "version": { "name": "projects/123456789012/secrets/jwt-secret/versions/1", "state": "DESTROYED" } },
 *         { "version": { "name": "projects/123456789012/secrets/jwt-secret/versions/2", "state": "ENABLED" },
 *           "payload": { "text": "s3cret" } }
 *       ]
 *     }]
 *   }]
 * }
 * ```
 *
 * - `services` are `google.cloud.run.v2.Service`, `revisions` are `google.cloud.run.v2.Revision`, `jobs`
 *   `google.cloud.run.v2.Job`, `workerPools` `google.cloud.run.v2.WorkerPool`, exactly as the Get methods return
 *   them; every `name` is required and decides where the resource lives.
 * - `iamPolicy` (of a project or a secret) is a `google.iam.v1.Policy`, answered by Resource Manager's and
 *   Secret Manager's `GetIamPolicy`; without one, the policy has no bindings.
 *   Names keep the project as written (Cloud Run v2 echoes the project id).
 * - `locations` are the Cloud Run regions `ListLocations` answers (and `ListServices` accepts); when absent,
 *   the regions that appear in service and revision names.
 * - `secrets[].secret` is a `google.cloud.secretmanager.v1.Secret`, `versions[].version` a `SecretVersion`.
 *   Names may use the project id or number; the fake always answers with the project *number*, as the real
 *   API does. Version ids are numbers; `latest` and `secret.versionAliases` resolve to them.
 * - `payload` is the version's bytes, either canonical proto3 JSON bytes (`{ "data": "<base64>" }`) or, for
 *   readable fixtures, `{ "text": "..." }` (UTF-8). The fake computes `dataCrc32c` itself. A version without a
 *   payload (e.g. DESTROYED) cannot be accessed.
 *
 * Every resource is checked against the message types of the shipped `.proto` files at start: unknown fields
 * (typos, snake_case) and unknown enum values are errors, all reported at once.
 */
export interface FakeGcpFixture {
  projects: FakeGcpProject[];
}

export interface FakeGcpProject {
  projectId: string;
  /** Decimal string, as Google Cloud shows it. */
  projectNumber: string;
  locations?: string[];
  /** google.cloud.run.v2.Service, proto3 JSON. */
  services?: ProtoJson[];
  /** google.cloud.run.v2.Revision, proto3 JSON. */
  revisions?: ProtoJson[];
  /** google.cloud.run.v2.Job, proto3 JSON. */
  jobs?: ProtoJson[];
  /** google.cloud.run.v2.WorkerPool, proto3 JSON. */
  workerPools?: ProtoJson[];
  secrets?: FakeGcpSecret[];
  /** google.iam.v1.Policy of the project (Resource Manager GetIamPolicy); absent: a policy with no bindings. */
  iamPolicy?: ProtoJson;
}

export interface FakeGcpSecret {
  /** google.cloud.secretmanager.v1.Secret, proto3 JSON. */
  secret: ProtoJson;
  versions?: FakeGcpSecretVersion[];
  /** google.iam.v1.Policy of the secret (Secret Manager GetIamPolicy); absent: a policy with no bindings. */
  iamPolicy?: ProtoJson;
}

export interface FakeGcpSecretVersion {
  /** google.cloud.secretmanager.v1.SecretVersion, proto3 JSON. */
  version: ProtoJson;
  payload?: { data: string } | { text: string };
}
