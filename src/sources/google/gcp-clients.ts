import type { ProjectsClient } from '@google-cloud/resource-manager';
import type { JobsClient, RevisionsClient, ServicesClient, WorkerPoolsClient } from '@google-cloud/run';
import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { ClientOptions } from 'google-gax';
import { UserError } from '../../files/user-error.js';

/**
 * The one place that constructs Google Cloud clients, so every source connects the same way.
 *
 * Emulator convention: Google's own clients honour `*_EMULATOR_HOST` for Pub/Sub, Firestore, Spanner and
 * Storage, but not for Cloud Run or Secret Manager, so envdrift does it here. With `CLOUD_RUN_EMULATOR_HOST` /
 * `SECRET_MANAGER_EMULATOR_HOST` set to `host:port`, the client talks plaintext gRPC to that address with no
 * credentials (how tests, `envdrift demo` and anyone's own fake connect); otherwise it uses Application Default
 * Credentials like every Google tool.
 *
 * The libraries are imported lazily: loading them costs ~300 ms, which a `.env`-only run must not pay.
 */

export const CLOUD_RUN_EMULATOR_HOST = 'CLOUD_RUN_EMULATOR_HOST';
export const SECRET_MANAGER_EMULATOR_HOST = 'SECRET_MANAGER_EMULATOR_HOST';
/** Resource Manager (project IAM policies and numbers) follows the same convention. */
export const RESOURCE_MANAGER_EMULATOR_HOST = 'RESOURCE_MANAGER_EMULATOR_HOST';

/** The environment variables to read (passed in: only the CLI touches `process`). */
export type GcpClientEnv = Readonly<Record<string, string | undefined>>;

export interface RunClients {
  services: ServicesClient;
  revisions: RevisionsClient;
  jobs: JobsClient;
  workerPools: WorkerPoolsClient;
  /** `host:port` when connected to an emulator, for messages ("read from the emulator at ..."). */
  emulatorHost?: string;
  /** Closes every channel, including the Locations mixin's, so the process can exit. */
  close(): Promise<void>;
}

export interface ResourceManagerClients {
  projects: ProjectsClient;
  emulatorHost?: string;
  close(): Promise<void>;
}

export interface SecretManagerClients {
  secretManager: SecretManagerServiceClient;
  emulatorHost?: string;
  close(): Promise<void>;
}

export async function createRunClients(env: GcpClientEnv, options: ClientOptions = {}): Promise<RunClients> {
  const emulatorHost = emulatorHostFrom(env, CLOUD_RUN_EMULATOR_HOST);
  const connection = emulatorHost ? await emulatorClientOptions(emulatorHost, CLOUD_RUN_EMULATOR_HOST) : {};
  const { ServicesClient, RevisionsClient, JobsClient, WorkerPoolsClient } = await import('@google-cloud/run');
  const services = new ServicesClient({ ...options, ...connection });
  const revisions = new RevisionsClient({ ...options, ...connection });
  // Built on first use: each constructor hashes and loads the whole Cloud Run proto bundle (~100 ms apiece), which
  // a run that reads no jobs or worker pools (a history, a scan limited to services) should not pay.
  let jobs: JobsClient | undefined;
  let workerPools: WorkerPoolsClient | undefined;
  return {
    services,
    revisions,
    get jobs() {
      return (jobs ??= new JobsClient({ ...options, ...connection }));
    },
    get workerPools() {
      return (workerPools ??= new WorkerPoolsClient({ ...options, ...connection }));
    },
    ...(emulatorHost ? { emulatorHost } : {}),
    close: () => closeAll([services, revisions, ...(jobs ? [jobs] : []), ...(workerPools ? [workerPools] : [])]),
  };
}

export async function createResourceManagerClient(env: GcpClientEnv, options: ClientOptions = {}): Promise<ResourceManagerClients> {
  const emulatorHost = emulatorHostFrom(env, RESOURCE_MANAGER_EMULATOR_HOST);
  const connection = emulatorHost ? await emulatorClientOptions(emulatorHost, RESOURCE_MANAGER_EMULATOR_HOST) : {};
  const { ProjectsClient } = await import('@google-cloud/resource-manager');
  // The Resource Manager client still ships on google-gax 5 (its own google-auth-library types); the options are
  // the same plain object at run time.
  const projects = new ProjectsClient({ ...options, ...connection } as ConstructorParameters<typeof ProjectsClient>[0]);
  return { projects, ...(emulatorHost ? { emulatorHost } : {}), close: () => closeAll([projects]) };
}

export async function createSecretManagerClient(env: GcpClientEnv, options: ClientOptions = {}): Promise<SecretManagerClients> {
  const emulatorHost = emulatorHostFrom(env, SECRET_MANAGER_EMULATOR_HOST);
  const connection = emulatorHost ? await emulatorClientOptions(emulatorHost, SECRET_MANAGER_EMULATOR_HOST) : {};
  const { SecretManagerServiceClient } = await import('@google-cloud/secret-manager');
  const secretManager = new SecretManagerServiceClient({ ...options, ...connection });
  return { secretManager, ...(emulatorHost ? { emulatorHost } : {}), close: () => closeAll([secretManager]) };
}

/**
 * Client options for a plaintext, credential-free connection to `host:port`:
 * - `sslCreds` must come from google-gax's own bundled `grpc` (a ChannelCredentials object from another copy
 *   of @grpc/grpc-js fails its instanceof checks); passing it also skips the credential lookup entirely.
 * - `universeDomain` set explicitly stops google-gax from asking the credentials (and, without any, the GCE
 *   metadata server at 169.254.169.254) which universe they belong to.
 */
export async function emulatorClientOptions(hostPort: string, variable = 'emulator host'): Promise<ClientOptions> {
  const { host, port } = parseHostPort(hostPort, variable);
  const { grpc } = await import('google-gax');
  return {
    servicePath: host,
    apiEndpoint: host,
    port,
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: 'googleapis.com',
  };
}

/** Splits `host:port` (`[::1]:8085` for IPv6); throws a message that names the variable when malformed. */
export function parseHostPort(value: string, variable: string): { host: string; port: number } {
  const found = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+):(\d{1,5})$/.exec(value.trim());
  const port = found ? Number(found[2]) : NaN;
  if (!found || port < 1 || port > 65535) throw new UserError(`${variable} must be host:port (e.g. 127.0.0.1:8085), got ${JSON.stringify(value)}`);
  return { host: found[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

function emulatorHostFrom(env: GcpClientEnv, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

type ClosableClient = { close(): Promise<void>; locationsClient?: { locationsStub?: unknown; close(): Promise<void> } };

/**
 * `client.close()` closes the Locations mixin only when the main stub was ever created, so a client that only
 * listed locations would keep its channel (and the process) alive; close that one explicitly.
 */
async function closeAll(clients: ClosableClient[]): Promise<void> {
  await Promise.all(
    clients.map(async (client) => {
      await client.close();
      if (client.locationsClient?.locationsStub) await client.locationsClient.close();
    }),
  );
}
