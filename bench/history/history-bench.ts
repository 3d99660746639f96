/**
 * `envdrift history` at scale: 3 Cloud Run services with 200 revisions each, referencing 40 secrets (4 versions
 * each), against the fake Google Cloud at 30 ms per call. Checks that the API calls are exactly the minimum and
 * reports the wall time next to its round-trip floor (the sequential round trips no client can avoid, × 30 ms).
 *
 *   npm run build && node dist/bench/history/history-bench.js [--runs 3]
 *
 * Network: the fake binds 127.0.0.1 only; the CLI reaches it through envdrift's emulator variables.
 */
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGcpFixture } from '../../src/demo/fake-gcp/fixture-types.js';
import { summarise } from '../stats.js';

const LATENCY_MS = 30;
const SERVICES = 3;
const REVISIONS = 200;
const SECRETS = 40;
const VERSIONS = 4;
const MAX_PAGE_SIZE = 100;
const PROJECT = 'acme-history';
const LOCATION = `projects/${PROJECT}/locations/us-central1`;
const DAY = 86_400_000;
const START = Date.UTC(2025, 7, 1);

function estate(): FakeGcpFixture {
  const secretName = (index: number) => `app-secret-${String(index).padStart(2, '0')}`;
  const services = Array.from({ length: SERVICES }, (_, index) => `svc-${index + 1}`);
  const revisions = services.flatMap((service) =>
    Array.from({ length: REVISIONS }, (_, index) => {
      // Every fifth revision changes something: a plain value, or which version a secret is pinned to.
      const step = Math.floor(index / 5);
      const env = [
        { name: 'ENVIRONMENT', value: 'production' },
        { name: 'RELEASE', value: `r${step}` },
        ...Array.from({ length: SECRETS }, (_, secret) => ({ name: `SECRET_${secret}`, valueSource: { secretKeyRef: { secret: secretName(secret), version: secret % 4 === 0 ? String(1 + (step % VERSIONS)) : 'latest' } } })),
      ];
      const id = `${service}-${String(index + 1).padStart(5, '0')}-abc`;
      return { name: `${LOCATION}/services/${service}/revisions/${id}`, service, createTime: new Date(START + index * 3_600_000 * 3).toISOString(), creator: 'deploy@acme.iam.gserviceaccount.com', containers: [{ name: 'app', env }] };
    }),
  );
  return {
    projects: [{
      projectId: PROJECT,
      projectNumber: '555512340000',
      locations: ['us-central1'],
      services: services.map((service) => {
        const latest = `${LOCATION}/services/${service}/revisions/${service}-${String(REVISIONS).padStart(5, '0')}-abc`;
        return { name: `${LOCATION}/services/${service}`, generation: '1', observedGeneration: '1', latestCreatedRevision: latest, latestReadyRevision: latest, trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }] };
      }),
      revisions,
      secrets: Array.from({ length: SECRETS }, (_, index) => ({
        secret: { name: `projects/${PROJECT}/secrets/${secretName(index)}`, replication: { automatic: {} } },
        versions: Array.from({ length: VERSIONS }, (_, version) => ({
          version: { name: `projects/${PROJECT}/secrets/${secretName(index)}/versions/${version + 1}`, createTime: new Date(START + version * 7 * DAY).toISOString(), state: 'ENABLED' },
          payload: { text: `bench-${index}-${version}` },
        })),
      })),
    }],
  };
}

/** The fewest calls, and the fewest round trips in sequence, any client needs for this estate. */
function minimum() {
  const revisionPages = Math.ceil(REVISIONS / MAX_PAGE_SIZE);
  const calls = { ListServices: 1, ListRevisions: SERVICES * revisionPages, ListSecretVersions: SECRETS * Math.ceil(VERSIONS / MAX_PAGE_SIZE) };
  // ListServices, then each service's pages one after another (tokens chain), then every secret at once.
  const roundTrips = 1 + revisionPages + Math.ceil(VERSIONS / MAX_PAGE_SIZE);
  return { calls, roundTrips };
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  setMaxListeners(1000);
  const { startFakeGcp, fakeGcpEnv } = await import('../../src/demo/fake-gcp/index.js');
  const fake = await startFakeGcp({ fixture: estate(), latencyMs: LATENCY_MS, defaultPageSize: 2, maxPageSize: MAX_PAGE_SIZE });
  const dir = mkdtempSync(join(tmpdir(), 'envdrift-bench-history-'));
  const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  try {
    writeFileSync(join(dir, 'envdrift.yaml'), `version: 1\npacks: []\nenvironments:\n  production:\n    production: true\n    cloudrun: { project: ${PROJECT}, regions: [us-central1] }\n    services:\n${Array.from({ length: SERVICES }, (_, index) => `      svc-${index + 1}: {}\n`).join('')}`);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, METADATA_SERVER_DETECTION: 'none', ...fakeGcpEnv(fake) };
    const args = [cli, 'history', '--since', '2025-07-31', '--until', '2025-09-30', '--format', 'json'];
    const samples: number[] = [];
    let calls: Record<string, number> = {};
    for (let run = -1; run < runs; run++) {
      fake.calls.reset();
      const started = performance.now();
      const result = await runChild(process.execPath, args, { cwd: dir, env });
      if (result.code !== 1) throw new Error(`envdrift history exited with ${result.code} (expected 1: the window has changes)\n${result.stderr}`);
      const report = JSON.parse(result.stdout) as { services: Array<{ revisions: unknown[] }>; secrets: unknown[] };
      if (report.services.some((service) => service.revisions.length !== REVISIONS) || report.secrets.length !== SECRETS) throw new Error('envdrift history did not read the whole estate');
      if (run >= 0) samples.push(performance.now() - started);
      calls = fake.calls.byMethod();
    }
    const floor = minimum();
    const total = Object.values(calls).reduce((sum, count) => sum + count, 0);
    const minimumTotal = Object.values(floor.calls).reduce((sum, count) => sum + count, 0);
    const wall = summarise(samples, 0);
    process.stdout.write([
      `envdrift history: ${SERVICES} services × ${REVISIONS} revisions, ${SECRETS} secrets × ${VERSIONS} versions, ${LATENCY_MS} ms per call, pages of at most ${MAX_PAGE_SIZE}`,
      `  calls:     ${JSON.stringify(calls)} = ${total} (minimum ${JSON.stringify(floor.calls)} = ${minimumTotal})${total === minimumTotal ? '' : '  ABOVE THE MINIMUM'}`,
      `  wall time: median ${wall.medianMs} ms (min ${wall.minMs}, max ${wall.maxMs}, ${wall.runs} runs, after one warm-up), Node start-up included`,
      `  floor:     ${floor.roundTrips} sequential round trips × ${LATENCY_MS} ms = ${floor.roundTrips * LATENCY_MS} ms of waiting on the API`,
      '',
    ].join('\n'));
    if (total !== minimumTotal) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fake.stop();
  }
}

function runChild(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

await main();
