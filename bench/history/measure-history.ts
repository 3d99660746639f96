import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise, type Timing } from '../stats.js';
import { HISTORY_ARGS, HISTORY_SHAPE, historyConfig, historyEstate, historyMinimum } from './history-estate.js';

/**
 * `envdrift history` at scale: the real CLI against the fake Google Cloud (real gRPC, 30 ms per call, pages of
 * at most 100), its API calls next to the minimum and its wall time next to the round-trip floor.
 *
 * Network: the fake binds 127.0.0.1 only; the CLI reaches it through envdrift's emulator variables.
 */
export interface HistoryBenchResult {
  command: string;
  shape: typeof HISTORY_SHAPE;
  /** Calls per method in the last run (the same in every run, checked), and the minimum per method. */
  calls: Record<string, number>;
  minimum: Record<string, number>;
  totalCalls: number;
  minimumCalls: number;
  /** Spawn to exit, Node start-up included; after one untimed warm-up. */
  wall: Timing;
  /** Sequential round trips no client can avoid, and their cost at the fake's latency. */
  roundTrips: number;
  floorMs: number;
}

export async function measureHistory(root: string, runs: number, progress: (message: string) => void = () => {}): Promise<HistoryBenchResult> {
  setMaxListeners(1000);
  const { startFakeGcp, fakeGcpEnv } = await import('../../src/demo/fake-gcp/index.js');
  const fake = await startFakeGcp({ fixture: historyEstate(), latencyMs: HISTORY_SHAPE.latencyMs, defaultPageSize: 2, maxPageSize: HISTORY_SHAPE.maxPageSize });
  const dir = mkdtempSync(join(tmpdir(), 'envdrift-bench-history-'));
  const cli = join(root, 'dist', 'src', 'cli', 'main.js');
  try {
    writeFileSync(join(dir, 'envdrift.yaml'), historyConfig());
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, METADATA_SERVER_DETECTION: 'none', ...fakeGcpEnv(fake) };
    const samples: number[] = [];
    let calls: Record<string, number> | undefined;
    for (let run = -1; run < runs; run++) {
      progress(run < 0 ? 'history: warm-up run...' : `history: run ${run + 1} of ${runs}...`);
      fake.calls.reset();
      const started = performance.now();
      const result = await runChild(process.execPath, [cli, ...HISTORY_ARGS], { cwd: dir, env });
      const elapsed = performance.now() - started;
      if (result.code !== 1) throw new Error(`envdrift history exited with ${result.code} (expected 1: the window has changes)\n${result.stderr}`);
      const report = JSON.parse(result.stdout) as { services: Array<{ revisions: unknown[] }>; secrets: unknown[] };
      if (report.services.some((service) => service.revisions.length !== HISTORY_SHAPE.revisions) || report.secrets.length !== HISTORY_SHAPE.secrets) throw new Error('envdrift history did not read the whole estate');
      const byMethod = fake.calls.byMethod();
      if (calls && JSON.stringify(calls) !== JSON.stringify(byMethod)) throw new Error(`envdrift history made different calls in two runs: ${JSON.stringify(calls)} vs ${JSON.stringify(byMethod)}`);
      calls = byMethod;
      if (run >= 0) samples.push(elapsed);
    }
    const floor = historyMinimum();
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);
    return {
      command: `envdrift ${HISTORY_ARGS.join(' ')}`,
      shape: HISTORY_SHAPE,
      calls: calls!,
      minimum: floor.calls,
      totalCalls: sum(calls!),
      minimumCalls: sum(floor.calls),
      wall: summarise(samples, 0),
      roundTrips: floor.roundTrips,
      floorMs: floor.roundTrips * HISTORY_SHAPE.latencyMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fake.stop();
  }
}

/** The result as the lines the benchmarks print. */
export function renderHistory(result: HistoryBenchResult): string[] {
  const { shape } = result;
  return [
    `envdrift history: ${shape.services} services × ${shape.revisions} revisions, ${shape.secrets} secrets × ${shape.versions} versions, ${shape.latencyMs} ms per call, pages of at most ${shape.maxPageSize}`,
    `  calls:     ${JSON.stringify(result.calls)} = ${result.totalCalls} (minimum ${JSON.stringify(result.minimum)} = ${result.minimumCalls})${result.totalCalls === result.minimumCalls ? '' : '  ABOVE THE MINIMUM'}`,
    `  wall time: median ${result.wall.medianMs} ms (min ${result.wall.minMs}, max ${result.wall.maxMs}, ${result.wall.runs} runs, after one warm-up), Node start-up included`,
    `  floor:     ${result.roundTrips} sequential round trips × ${shape.latencyMs} ms = ${result.floorMs} ms of waiting on the API`,
  ];
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
