import { spawn } from 'node:child_process';
import { findOnPath, gcloudSandbox } from '../../test/support/gcloud-sandbox.js';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, summarise, type Timing } from '../stats.js';
import { buildLiveEstate, PROJECT_ID, writeLiveConfig, type LiveEstate } from './estate.js';

/**
 * The live scan: the real CLI reading 200 Cloud Run services and 100 secrets from the fake Google Cloud (real
 * gRPC, 30 ms per call), its API calls next to the fewest any client could make; and, against the same fixture
 * over REST, the loop people run today: `gcloud run services describe` once per service.
 *
 * Network: both fakes bind 127.0.0.1 only. The CLI's clients are pointed at the gRPC fake through envdrift's
 * emulator variables; gcloud is sandboxed exactly as test/fake-gcp/gcloud.test.ts does it (the fake as its HTTP
 * proxy, `.invalid` endpoint overrides, no credentials, no usage reporting, update checks or GCE probes).
 */

export const LIVE_LATENCY_MS = 30;

/** Methods whose minimum is known; everything else should not be called at all. */
const SECRET_METHODS = ['AccessSecretVersion', 'GetSecretVersion'];

export interface CallRow {
  method: string;
  calls: number;
  /** Fewest calls of this method any client could make; undefined where only a group total is known. */
  minimum?: number;
  note: string;
}

export interface LiveEnvdriftResult {
  command: string;
  estate: { services: number; serviceNames: number; regions: number; locations: number; secrets: number; secretVersions: number; olderServingRevisions: number };
  latencyMs: number;
  pageSize: { default: number; max: number };
  wall: Timing;
  /** `node -e 0`, spawned before each timed run, for the floor. */
  bareNode: Timing;
  /** Round trips on the critical path, and bare Node plus those round trips (see roundTripFloor). */
  floor: { roundTrips: number; ms: number };
  /** Median wall time ÷ the floor: 1 is the physical limit. */
  wallOverFloor: number;
  /** Per method, with the minimum; the same in every run (checked). */
  calls: CallRow[];
  totalCalls: number;
  minimumCalls: number;
  /** Where one run's time went (the median run), from the times the fake received each call. */
  phases: {
    /** Spawn until the first call arrives: Node, config and rules, loading the Google client libraries. */
    startupMs: number;
    /** First to last Cloud Run call answered (ListLocations, ListServices, GetRevision). */
    cloudRunMs: number;
    /** Last Cloud Run answer until the first Secret Manager call (building entries, loading that client). */
    betweenMs: number;
    secretManagerMs: number;
    /** Last answer until the process exited: evaluate, report, exit. */
    afterLastCallMs: number;
    secretCallsInFlight: number;
  };
  exitCodes: number[];
  report: { services: number; errors: number; warnings: number; unevaluated: number; findingRules: string[] };
}

export interface LiveGcloudResult {
  available: boolean;
  reason?: string;
  version?: string;
  command?: string;
  /** Services described (timed), of how many. */
  sample?: number;
  of?: number;
  extrapolated?: boolean;
  perServiceMs?: Timing;
  /** Wall time of the timed loop, and the estimate for every service (the same when not extrapolated). */
  sampleMs?: number;
  allServicesMs?: number;
  apiCallsPerService?: number;
}

const FAKE_DEFAULT_PAGE_SIZE = 2;
const FAKE_MAX_PAGE_SIZE = 100;

/**
 * The fake delays each call on a timer that also listens to its own "closing" AbortSignal, so with more than
 * 10 calls in flight Node prints a MaxListenersExceededWarning about that signal. It is not a leak (listeners
 * are removed when each call settles); raise the default for signals created from here on, before a fake starts.
 */
function allowManyPendingCalls(): void {
  setMaxListeners(1000);
}

export async function measureLiveEnvdrift(root: string, runs: number, progress: (message: string) => void): Promise<LiveEnvdriftResult> {
  const estate = buildLiveEstate();
  const { startFakeGcp, fakeGcpEnv } = await import('../../src/demo/fake-gcp/index.js');
  allowManyPendingCalls();
  const fake = await startFakeGcp({ fixture: estate.fixture, latencyMs: LIVE_LATENCY_MS, defaultPageSize: FAKE_DEFAULT_PAGE_SIZE, maxPageSize: FAKE_MAX_PAGE_SIZE });
  // When each call arrived, for the phase breakdown (the counter is the fake's own; this only listens in).
  let received: Array<{ method: string; at: number }> = [];
  const record = fake.calls.record.bind(fake.calls);
  fake.calls.record = (method: string) => {
    received.push({ method, at: performance.now() });
    return record(method);
  };
  const dir = mkdtempSync(join(tmpdir(), 'envdrift-bench-live-'));
  try {
    const config = writeLiveConfig(dir, estate);
    const args = [join(root, 'dist/src/cli/main.js'), 'check', '--config', config, '--format', 'json'];
    const env = childEnv({ ...fakeGcpEnv(fake) });
    type Sample = { ms: number; byMethod: Record<string, number>; phases: LiveEnvdriftResult['phases']; code: number; stdout: string };
    const samples: Sample[] = [];
    const bare: number[] = [];
    let warmUp: Sample | undefined;
    // One untimed warm-up run first (file cache, as the cold-start benchmark does); its calls are checked too.
    for (let run = -1; run < runs; run++) {
      progress(run < 0 ? 'live scan: envdrift check, warm-up run...' : `live scan: envdrift check, run ${run + 1} of ${runs}...`);
      if (run >= 0) {
        const bareStarted = performance.now();
        await runChild(process.execPath, ['-e', '0'], { cwd: dir, env, timeoutMs: 30_000 });
        bare.push(performance.now() - bareStarted);
      }
      fake.calls.reset();
      received = [];
      const started = performance.now();
      const result = await runChild(process.execPath, args, { cwd: dir, env, timeoutMs: 120_000 });
      const ms = performance.now() - started;
      if (result.code !== 0 && result.code !== 1) throw new Error(`live scan: envdrift check exited with ${result.code} (expected 0 or 1: the estate has findings on purpose)\n${result.stderr}`);
      const sample = { ms, byMethod: fake.calls.byMethod(), phases: phasesOf(received, started, ms), code: result.code, stdout: result.stdout };
      if (run < 0) warmUp = sample;
      else samples.push(sample);
    }
    const first = JSON.stringify(warmUp!.byMethod);
    const differing = samples.find((sample) => JSON.stringify(sample.byMethod) !== first);
    if (differing) throw new Error(`live scan: call counts differ between runs: ${first} vs ${JSON.stringify(differing.byMethod)}`);

    const middle = [...samples].sort((a, b) => a.ms - b.ms)[samples.length >> 1]!;
    const report = JSON.parse(middle.stdout) as {
      summary: { error: number; warning: number; unevaluated: number; services: number };
      findings: Array<{ ruleId: string }>;
    };
    if (report.summary.services !== estate.serviceNames.length) {
      throw new Error(`live scan: the report covers ${report.summary.services} services, expected ${estate.serviceNames.length}; not timing a partial run`);
    }
    const { rows, total, minimum } = callRows(estate, samples[0]!.byMethod);
    const wall = summarise(samples.map((sample) => sample.ms), 1);
    const bareNode = summarise(bare, 1);
    const floor = roundTripFloor(estate, bareNode.medianMs);
    return {
      command: `node dist/src/cli/main.js check --config <tmp>/envdrift.yaml --format json   (CLOUD_RUN_EMULATOR_HOST / SECRET_MANAGER_EMULATOR_HOST=127.0.0.1:PORT of the fake)`,
      estate: {
        services: estate.services.length,
        serviceNames: estate.serviceNames.length,
        regions: estate.locations.filter((location) => location.services > 0).length,
        locations: estate.locations.length,
        secrets: estate.secrets,
        secretVersions: estate.secretVersions.length,
        olderServingRevisions: estate.olderServingRevisions.length,
      },
      latencyMs: LIVE_LATENCY_MS,
      pageSize: { default: FAKE_DEFAULT_PAGE_SIZE, max: FAKE_MAX_PAGE_SIZE },
      wall,
      bareNode,
      floor: { roundTrips: floor.roundTrips, ms: floor.floorMs },
      wallOverFloor: round(wall.medianMs / floor.floorMs, 2),
      calls: rows,
      totalCalls: total,
      minimumCalls: minimum,
      phases: middle.phases,
      exitCodes: [...new Set(samples.map((sample) => sample.code))],
      report: {
        services: report.summary.services,
        errors: report.summary.error,
        warnings: report.summary.warning,
        unevaluated: report.summary.unevaluated,
        findingRules: [...new Set(report.findings.map((finding) => finding.ruleId))].sort(),
      },
    };
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The fewest calls any client could make for this estate, per method: the locations (one page per
 * `maxPageSize` of them), one ListServices per location and page (an empty region still takes one call), one
 * GetRevision per serving revision that is not the template, one IAM policy read per distinct secret and per
 * project (the secret-access check), and one call per distinct secret version
 * referenced — AccessSecretVersion where a rule needs the value, GetSecretVersion (metadata) otherwise, so only
 * their sum has a fixed minimum. "Distinct" is by name as referenced: `latest` and `3` count twice even when
 * `latest` is 3 today, since no client can know that without asking.
 */
export function callRows(estate: LiveEstate, byMethod: Record<string, number>): { rows: CallRow[]; total: number; minimum: number } {
  const pages = (items: number) => Math.max(1, Math.ceil(items / FAKE_MAX_PAGE_SIZE));
  const withServices = estate.locations.filter((location) => location.services > 0);
  const multiPage = withServices.filter((location) => pages(location.services) > 1).map((location) => `${location.location} ${location.services} = ${pages(location.services)} pages`);
  const minimum: Record<string, { min: number; note: string }> = {
    ListLocations: { min: pages(estate.locations.length), note: `${estate.locations.length} locations, ${FAKE_MAX_PAGE_SIZE} per page at most` },
    ListServices: {
      min: estate.locations.reduce((sum, location) => sum + pages(location.services), 0),
      note: `one per location (${estate.locations.length - withServices.length} of them empty) and page${multiPage.length ? `: ${multiPage.join(', ')}` : ''}`,
    },
    GetRevision: { min: estate.olderServingRevisions.length, note: 'older revisions serving traffic (10 rollouts at 10 %, 1 failed rollout)' },
    // envdrift/secret-not-accessible: who may read each secret is in the secret's policy or its project's.
    GetSecretIamPolicy: { min: estate.secrets, note: 'one per distinct secret referenced (its IAM policy)' },
    GetProjectIamPolicy: { min: estate.projects, note: 'one per project whose secrets are referenced' },
  };
  const rows: CallRow[] = [];
  for (const [method, { min, note }] of Object.entries(minimum)) rows.push({ method, calls: byMethod[method] ?? 0, minimum: min, note });
  for (const method of SECRET_METHODS) rows.push({ method, calls: byMethod[method] ?? 0, note: method === 'AccessSecretVersion' ? 'payloads a rule compares or tests' : 'metadata only (state of the version)' });
  const secretCalls = SECRET_METHODS.reduce((sum, method) => sum + (byMethod[method] ?? 0), 0);
  rows.push({ method: '  secret versions (both)', calls: secretCalls, minimum: estate.secretVersions.length, note: `one call per distinct version referenced (${estate.secrets} secrets)` });
  for (const [method, calls] of Object.entries(byMethod)) {
    if (!(method in minimum) && !SECRET_METHODS.includes(method)) rows.push({ method, calls, minimum: 0, note: 'not needed' });
  }
  const total = Object.values(byMethod).reduce((sum, calls) => sum + calls, 0);
  const minimumTotal = Object.values(minimum).reduce((sum, { min }) => sum + min, 0) + estate.secretVersions.length;
  return { rows, total, minimum: minimumTotal };
}

/**
 * The round-trip floor of the scan: bare Node's start (`node -e 0`, measured alongside) plus the calls that must
 * follow one another, each a full round trip: the pages of ListLocations, then the pages of the longest
 * ListServices (the regions themselves in parallel), then one GetRevision for an older serving revision, then
 * one round trip for what those revisions reference (secret versions and IAM policies, all in parallel). Nothing
 * else is on the critical path: a client with unlimited concurrency and no CPU cost would take exactly this.
 */
export function roundTripFloor(estate: LiveEstate, bareNodeMs: number): { roundTrips: number; floorMs: number } {
  const pages = (items: number) => Math.max(1, Math.ceil(items / FAKE_MAX_PAGE_SIZE));
  const roundTrips =
    pages(estate.locations.length) + Math.max(...estate.locations.map((location) => pages(location.services))) + (estate.olderServingRevisions.length > 0 ? 1 : 0) + 1;
  return { roundTrips, floorMs: round(bareNodeMs + roundTrips * LIVE_LATENCY_MS) };
}

function phasesOf(received: Array<{ method: string; at: number }>, started: number, wallMs: number): LiveEnvdriftResult['phases'] {
  if (received.length === 0) return { startupMs: wallMs, cloudRunMs: 0, betweenMs: 0, secretManagerMs: 0, afterLastCallMs: 0, secretCallsInFlight: 0 };
  const isSecret = (method: string) => /Secret/.test(method);
  const run = received.filter((call) => !isSecret(call.method));
  const secret = received.filter((call) => isSecret(call.method));
  const firstAt = received[0]!.at;
  const lastAnswered = received[received.length - 1]!.at + LIVE_LATENCY_MS;
  const span = (calls: typeof received) => (calls.length === 0 ? 0 : calls[calls.length - 1]!.at + LIVE_LATENCY_MS - calls[0]!.at);
  const secretSpan = span(secret);
  return {
    startupMs: round(firstAt - started),
    cloudRunMs: round(span(run)),
    betweenMs: run.length > 0 && secret.length > 0 ? round(secret[0]!.at - (run[run.length - 1]!.at + LIVE_LATENCY_MS)) : 0,
    secretManagerMs: round(secretSpan),
    afterLastCallMs: round(started + wallMs - lastAnswered),
    // Average calls in flight while secrets were read: calls × latency ÷ elapsed.
    secretCallsInFlight: secretSpan > 0 ? round((secret.length * LIVE_LATENCY_MS) / secretSpan) : 0,
  };
}

/**
 * `gcloud run services describe NAME --region R --format json`, one service after the other, as a script would:
 * the first `sample` services spread evenly over the estate (every service when sample ≥ 200), after one
 * untimed warm-up call. Extrapolated linearly to every service when sampled.
 */
export async function measureLiveGcloud(sample: number, progress: (message: string) => void): Promise<LiveGcloudResult> {
  const gcloud = findOnPath('gcloud');
  if (!gcloud) return { available: false, reason: 'gcloud not available (not on PATH)' };
  const estate = buildLiveEstate();
  const { startFakeGcpRest } = await import('../../test/support/fake-gcp-rest/rest-server.js');
  allowManyPendingCalls();
  const rest = await startFakeGcpRest({ fixture: estate.fixture, latencyMs: LIVE_LATENCY_MS, defaultPageSize: FAKE_DEFAULT_PAGE_SIZE, maxPageSize: FAKE_MAX_PAGE_SIZE });
  const home = mkdtempSync(join(tmpdir(), 'envdrift-bench-gcloud-'));
  try {
    const env = gcloudSandbox(home, rest, PROJECT_ID);
    const version = await runChild(gcloud, ['version', '--format=value("Google Cloud SDK")'], { env, timeoutMs: 120_000 });
    const count = Math.min(Math.max(1, sample), estate.services.length);
    const step = estate.services.length / count;
    const picked = Array.from({ length: count }, (_, index) => estate.services[Math.floor(index * step)]!);
    const describe = async (service: { name: string; region: string }) => {
      const result = await runChild(gcloud, ['run', 'services', 'describe', service.name, '--region', service.region, '--format', 'json'], { env, timeoutMs: 120_000 });
      if (result.code !== 0) throw new Error(`gcloud run services describe ${service.name} --region ${service.region} exited with ${result.code}:\n${result.stderr}`);
      const described = JSON.parse(result.stdout) as { metadata?: { name?: string; labels?: Record<string, string> } };
      if (described.metadata?.name !== service.name || described.metadata?.labels?.['cloud.googleapis.com/location'] !== service.region) {
        throw new Error(`gcloud described ${described.metadata?.name} in ${described.metadata?.labels?.['cloud.googleapis.com/location']}, expected ${service.name} in ${service.region}`);
      }
    };
    progress('live scan: gcloud warm-up call...');
    await describe(picked[0]!);
    rest.calls.reset();
    progress(`live scan: gcloud run services describe, ${count} services one after the other${count < estate.services.length ? ` (a sample of ${estate.services.length})` : ''}...`);
    const times: number[] = [];
    const loopStarted = performance.now();
    for (const service of picked) {
      const started = performance.now();
      await describe(service);
      times.push(performance.now() - started);
    }
    const sampleMs = performance.now() - loopStarted;
    const extrapolated = count < estate.services.length;
    return {
      available: true,
      version: version.stdout.trim() || undefined,
      command: 'for each service: gcloud run services describe NAME --region REGION --format json',
      sample: count,
      of: estate.services.length,
      extrapolated,
      perServiceMs: summarise(times, 1),
      sampleMs: round(sampleMs),
      allServicesMs: round(extrapolated ? (sampleMs / count) * estate.services.length : sampleMs),
      apiCallsPerService: round(rest.calls.total() / count, 2),
    };
  } finally {
    await rest.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Only what a run needs: no inherited Node flags or debug switches, and no metadata-server probes. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, METADATA_SERVER_DETECTION: 'none', ...extra };
  delete env.NODE_OPTIONS;
  delete env.ENVDRIFT_DEBUG;
  delete env.GOOGLE_APPLICATION_CREDENTIALS;
  return env;
}

/** Asynchronous on purpose: the fakes answer from this process's event loop, which spawnSync would block. */
function runChild(command: string, args: readonly string[], options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}
