/**
 * Servers that misbehave: a listing that never ends, a connection refused or reset, an answer that is not
 * gRPC, a service that stays unavailable. Each run is the real CLI through the real clients against a local
 * server on 127.0.0.1; each must end with exit 3 and a reason that says what happened, well within --timeout.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpFaults } from '../src/demo/fake-gcp/index.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const TIMEOUT_SECONDS = 20;
/** What "past --timeout" means here: the deadline, plus the grace a call has to settle, plus process start. */
const LIMIT_MS = (TIMEOUT_SECONDS + 5) * 1000;

const workspace = createWorkspace();
after(() => workspace.dispose());
const allRegions = workspace.write('all-regions.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: netra-staging }\n    services:\n      backend: { cloudrun: netra-backend }\n');
const oneRegion = workspace.write('one-region.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: netra-staging, regions: [us-central1] }\n    services:\n      backend: { cloudrun: netra-backend }\n');

interface Unevaluated {
  unevaluated: Array<{ reason: string }>;
}

async function checkAgainst(env: Record<string, string>, config: string) {
  const result = await runCliAsync(['check', '--config', config, '--format', 'json', '--timeout', String(TIMEOUT_SECONDS)], { cwd: workspace.dir, env, timeoutMs: LIMIT_MS + 10_000 });
  assert.ok(result.ms < LIMIT_MS, `took ${result.ms} ms, past --timeout ${TIMEOUT_SECONDS}s`);
  assert.equal(result.status, 3, result.stderr);
  assert.doesNotMatch(result.stderr, /\n\s+at |internal error/);
  const reasons = (JSON.parse(result.stdout) as Unevaluated).unevaluated.map((item) => item.reason);
  assert.ok(reasons.length > 0);
  return { ...result, reasons: reasons.join('\n') };
}

async function withFaults<T>(faults: FakeGcpFaults, body: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50, faults });
  try {
    return await body(fakeGcpEnv(fake));
  } finally {
    await fake.stop();
  }
}

describe('listings that never end', () => {
  test('ListLocations repeating its page token stops with that reason, long before --timeout', async () => {
    await withFaults({ loopingPages: { ListLocations: 'sameToken' } }, async (env) => {
      const { reasons, ms } = await checkAgainst(env, allRegions);
      assert.match(reasons, /the server repeated a page token while listing the locations of project netra-staging/);
      assert.ok(ms < 10_000, `a loop is caught at its second page, not at the deadline (${ms} ms)`);
    });
  });

  test('ListServices answering the same page under fresh tokens stops: the page added nothing new', async () => {
    await withFaults({ loopingPages: { ListServices: 'freshTokens' } }, async (env) => {
      const { reasons } = await checkAgainst(env, oneRegion);
      assert.match(reasons, /a page of the services in projects\/netra-staging\/locations\/us-central1 that added nothing new/);
    });
  });

  test('ListServices repeating its page token stops with that reason', async () => {
    await withFaults({ loopingPages: { ListServices: 'sameToken' } }, async (env) => {
      const { reasons } = await checkAgainst(env, oneRegion);
      assert.match(reasons, /the server repeated a page token while listing the services in/);
    });
  });
});

/** A TCP server on 127.0.0.1 that treats every connection with `onConnection`. */
async function withTcpServer<T>(onConnection: (socket: Socket) => void, body: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    return await body({ CLOUD_RUN_EMULATOR_HOST: address, SECRET_MANAGER_EMULATOR_HOST: address });
  } finally {
    // Not awaited: a half-closed socket can keep close() from ever calling back once the client is gone.
    for (const socket of sockets) socket.destroy();
    server.close();
  }
}

describe('errors say what happened, not "timed out"', () => {
  test('a refused connection', async () => {
    // Bind a port, then free it: nothing listens there any more.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const env = { CLOUD_RUN_EMULATOR_HOST: `127.0.0.1:${port}`, SECRET_MANAGER_EMULATOR_HOST: `127.0.0.1:${port}` };
    const { reasons } = await checkAgainst(env, oneRegion);
    assert.match(reasons, new RegExp(`connection refused by 127\\.0\\.0\\.1:${port} reading the services in`));
    assert.doesNotMatch(reasons, /timed out/);
  });

  test('a connection reset before any answer', async () => {
    await withTcpServer((socket) => socket.resetAndDestroy(), async (env) => {
      const { reasons } = await checkAgainst(env, oneRegion);
      assert.match(reasons, /connection reset reading the services in/);
    });
  });

  test('a server that answers garbage instead of gRPC', async () => {
    await withTcpServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 7\r\n\r\ngarbage'), async (env) => {
      const { reasons } = await checkAgainst(env, oneRegion);
      assert.match(reasons, /malformed response reading the services in/);
    });
  });

  test('a service that stays UNAVAILABLE', async () => {
    await withFaults({ unavailableFirstCalls: { ListServices: 1000 } }, async (env) => {
      const { reasons } = await checkAgainst(env, oneRegion);
      assert.match(reasons, /unavailable: the services in projects\/netra-staging\/locations\/us-central1 could not be read \(UNAVAILABLE; 4 attempts\)/);
    });
  });
});
