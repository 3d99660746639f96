/**
 * An in-process fake of Google Cloud for `envdrift demo`, tests and benchmarks: Cloud Run Admin API v2 (services,
 * revisions, jobs, worker pools), its Locations mixin, Secret Manager v1 and Resource Manager v3 projects over real gRPC (for the real client libraries). The REST rendering of the
 * same fixtures (for gcloud) serves only tests and the benchmark, so it lives in test/support/fake-gcp-rest/.
 * See docs/fake-gcp.md.
 *
 * Import this module lazily (`await import(...)`): it loads gRPC, protobuf and the API definitions, which a
 * CLI run that never talks to Google Cloud must not pay for.
 */
export { startFakeGcp, type FakeGcpServer } from './grpc-server.js';
export type { FakeGcpOptions } from './fake-backend.js';
export type { FakeGcpFaults } from './faults.js';
export type { FakeGcpFixture, FakeGcpProject, FakeGcpSecret, FakeGcpSecretVersion } from './fixture-types.js';
export { FAKE_GCP_METHODS, type FakeGcpListMethod, type FakeGcpMethod } from './methods.js';
export type { CallCounter } from './call-counter.js';

/** The environment that points envdrift's clients (src/sources/google/gcp-clients.ts) at a running fake. */
export function fakeGcpEnv(server: { address: string }): { CLOUD_RUN_EMULATOR_HOST: string; SECRET_MANAGER_EMULATOR_HOST: string; RESOURCE_MANAGER_EMULATOR_HOST: string } {
  return { CLOUD_RUN_EMULATOR_HOST: server.address, SECRET_MANAGER_EMULATOR_HOST: server.address, RESOURCE_MANAGER_EMULATOR_HOST: server.address };
}
