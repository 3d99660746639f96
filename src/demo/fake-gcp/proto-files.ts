import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the `.proto` files come from: the very copies that ship inside the client packages, so the fake
 * speaks exactly the wire format of the clients envdrift runs, and upgrading a client upgrades the fake.
 */

const require = createRequire(import.meta.url);

/** The services the fake implements, as entry `.proto` files relative to an include directory. */
export const PROTO_ENTRY_FILES = [
  'google/cloud/run/v2/service.proto',
  'google/cloud/run/v2/revision.proto',
  'google/cloud/run/v2/job.proto',
  'google/cloud/run/v2/worker_pool.proto',
  'google/cloud/secretmanager/v1/service.proto',
  // Project numbers and IAM policies (google/iam/v1 comes with google-gax).
  'google/cloud/resourcemanager/v3/projects.proto',
  // The Locations mixin: `ServicesClient.listLocationsAsync` calls google.cloud.location.Locations/ListLocations
  // on the same host, and google-gax ships its .proto.
  'google/cloud/location/locations.proto',
] as const;

/**
 * Include directories, resolved at runtime from the installed packages. google-gax holds the shared
 * `google/api`, `google/iam`, `google/longrunning`, `google/cloud/location` and well-known protos that the
 * service files import.
 */
export function protoIncludeDirs(): string[] {
  const dirs = [
    join(dirname(require.resolve('@google-cloud/run/package.json')), 'build', 'protos'),
    join(dirname(require.resolve('@google-cloud/secret-manager/package.json')), 'build', 'protos'),
    join(dirname(require.resolve('@google-cloud/resource-manager/package.json')), 'build', 'protos'),
    // google-gax does not export its package.json; its main module lives in build/src.
    join(dirname(require.resolve('google-gax')), '..', 'protos'),
  ];
  const missing = dirs.filter((dir) => !existsSync(dir));
  if (missing.length > 0) throw new Error(`fake-gcp: proto directories not found (package layout changed?): ${missing.join(', ')}`);
  return dirs;
}
