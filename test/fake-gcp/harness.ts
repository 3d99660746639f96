import { fakeGcpEnv, startFakeGcp, type FakeGcpOptions, type FakeGcpServer } from '../../src/demo/fake-gcp/index.js';
import { createRunClients, createSecretManagerClient, type RunClients, type SecretManagerClients } from '../../src/sources/google/gcp-clients.js';
import { FIXTURE } from './fixture.js';

export interface FakeGcpSession {
  fake: FakeGcpServer;
  run: RunClients;
  secrets: SecretManagerClients;
}

/**
 * Starts the fake on 127.0.0.1, connects the real clients to it through envdrift's own client factory (the
 * emulator variables), runs `body`, and always closes every client and the server so the test process exits.
 */
export async function withFakeGcp<T>(options: Partial<FakeGcpOptions>, body: (session: FakeGcpSession) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture: FIXTURE, ...options });
  const env = fakeGcpEnv(fake);
  const run = await createRunClients(env);
  const secrets = await createSecretManagerClient(env);
  try {
    return await body({ fake, run, secrets });
  } finally {
    await Promise.all([run.close(), secrets.close()]);
    await fake.stop();
  }
}

/** The gRPC status code of a rejected call (google-gax's GoogleError carries it as `code`). */
export async function codeOf(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
  } catch (error) {
    return (error as { code?: number }).code;
  }
  throw new Error('expected the call to fail');
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * Options for every `*Async` list call: the generated clients' default call settings have autoPaginate on,
 * and `*Async` then emits an AutopaginateTrueWarning (once per process) although it pages lazily anyway.
 */
export const ASYNC = { autoPaginate: false } as const;

/** gRPC status codes used in assertions (google.rpc.Code). */
export const Code = {
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
} as const;
