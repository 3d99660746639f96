import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, round, summarise, type Timing } from '../stats.js';

/** The command the cold-start target is about, run from the repository root. */
export const CLI_ARGS = ['dist/src/cli/main.js', 'check', '--config', 'examples/envdrift.yaml'];
export const BARE_ARGS = ['-e', '0'];
/**
 * The peer: dotenv-diff (a devDependency) comparing two of the example's files, the production and staging
 * `.env` of the backend, non-interactively. It reads two files where envdrift reads the config, two rule files
 * and six `.env` files and evaluates 30-odd rules, but it is what a user would otherwise run on every commit.
 */
export const PEER_ARGS = [
  'node_modules/dotenv-diff/dist/bin/dotenv-diff.js',
  '--compare',
  '--ci',
  '--env',
  'examples/env/backend/.env.production',
  '--example',
  'examples/env/backend/.env.staging',
];

export interface ColdStartResult {
  command: string;
  cli: Timing;
  bare: Timing;
  /** Median of the CLI minus median of bare Node. */
  differenceMs: number;
  /** dotenv-diff on two of the example's files, timed in the same rounds. */
  peer: { command: string; timing: Timing; exitCodes: number[] };
  /** Median of envdrift ÷ median of dotenv-diff: below 1, envdrift is the quicker of the two. */
  ratioToPeer: number;
  /** Exit codes seen from the CLI (1 is expected: the example has findings on purpose). */
  cliExitCodes: number[];
}

export interface ImportStep {
  name: string;
  medianMs: number;
  /** Set when the step failed (e.g. a module moved); the bench still reports the rest. */
  error?: string;
}

export interface LoadTrace {
  /** npm packages the CLI loaded, by name. */
  packages: string[];
  googleCloudLoaded: boolean;
  envdriftModules: number;
  totalModules: number;
}

/**
 * Environment for the child processes: no inherited Node flags or debugging switches that would skew timing,
 * and no way out to the network. Should the example ever gain a Cloud Run source, the Google clients are sent
 * to a closed local port (envdrift's emulator convention) and told not to probe the metadata server, so the
 * run fails loudly (exit 3, which the benchmark rejects) instead of talking to Google.
 */
const NO_NETWORK = {
  CLOUD_RUN_EMULATOR_HOST: '127.0.0.1:9',
  SECRET_MANAGER_EMULATOR_HOST: '127.0.0.1:9',
  METADATA_SERVER_DETECTION: 'none',
};

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...NO_NETWORK, ...extra };
  delete env.NODE_OPTIONS;
  delete env.ENVDRIFT_DEBUG;
  return env;
}

function timedSpawn(args: readonly string[], cwd: string): { ms: number; result: SpawnSyncReturns<string> } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: childEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ms: performance.now() - started, result };
}

/**
 * Wall-clock time of `envdrift check` on the small example, of `node -e 0` and of dotenv-diff, spawned in turn
 * so that all three see the same machine state (CPU frequency, file cache, other load). Both include the same spawn
 * overhead, so their difference is what envdrift adds to bare Node.
 */
export function measureColdStart(root: string, runs: number, warmUps = 2): ColdStartResult {
  const cli: number[] = [];
  const bare: number[] = [];
  const peer: number[] = [];
  const exitCodes = new Set<number>();
  const peerExitCodes = new Set<number>();
  for (let run = -warmUps; run < runs; run++) {
    const cliRun = timedSpawn(CLI_ARGS, root);
    const status = cliRun.result.status ?? -1;
    if (status !== 0 && status !== 1) {
      throw new Error(`envdrift check exited with ${status} (expected 0 or 1); is the build current?\n${cliRun.result.stderr}`);
    }
    const bareRun = timedSpawn(BARE_ARGS, root);
    const peerRun = timedSpawn(PEER_ARGS, root);
    // dotenv-diff exits 1 when the files differ (they do); anything else means it did not compare them.
    if (peerRun.result.status !== 0 && peerRun.result.status !== 1) throw new Error(`dotenv-diff exited with ${peerRun.result.status}; is it installed (npm ci)?\n${peerRun.result.stderr}`);
    if (run < 0) continue;
    peer.push(peerRun.ms);
    peerExitCodes.add(peerRun.result.status);
    exitCodes.add(status);
    cli.push(cliRun.ms);
    bare.push(bareRun.ms);
  }
  return {
    command: `node ${CLI_ARGS.join(' ')}`,
    cli: summarise(cli, 1),
    bare: summarise(bare, 1),
    differenceMs: round(median(cli) - median(bare)),
    cliExitCodes: [...exitCodes].sort(),
    peer: { command: `node ${PEER_ARGS.join(' ')}`, timing: summarise(peer, 1), exitCodes: [...peerExitCodes].sort() },
    ratioToPeer: round(median(cli) / median(peer), 2),
  };
}

/** Median duration of each step of `import-steps.js` over several fresh processes. */
export function measureImportSteps(root: string, script: string, runs: number): ImportStep[] {
  const samples = new Map<string, number[]>();
  const errors = new Map<string, string>();
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, [script], { cwd: root, env: childEnv(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`import-steps failed (${result.status}):\n${result.stderr}`);
    const { steps } = JSON.parse(result.stdout) as { steps: Array<{ name: string; ms: number; error?: string }> };
    for (const { name, ms, error } of steps) {
      samples.set(name, [...(samples.get(name) ?? []), ms]);
      if (error !== undefined) errors.set(name, error);
    }
  }
  return [...samples].map(([name, values]) => ({ name, medianMs: round(median(values)), ...(errors.has(name) && { error: errors.get(name)! }) }));
}

/** Runs the CLI once with the module-tracing preload and lists what it loaded. */
export function traceLoads(root: string, preload: string): LoadTrace {
  const dir = mkdtempSync(join(tmpdir(), 'envdrift-bench-trace-'));
  try {
    const file = join(dir, 'modules.txt');
    const result = spawnSync(process.execPath, ['--import', preload, ...CLI_ARGS], {
      cwd: root,
      env: childEnv({ ENVDRIFT_BENCH_TRACE: file }),
      encoding: 'utf8',
    });
    if (result.status !== 0 && result.status !== 1) throw new Error(`traced run failed (${result.status}):\n${result.stderr}`);
    const urls = [...new Set(readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('file:')))];
    const packages = new Set<string>();
    for (const url of urls) {
      const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      if (match) packages.add(match[1]!);
    }
    return {
      packages: [...packages].sort(),
      googleCloudLoaded: [...packages].some((name) => name.startsWith('@google-cloud/') || name === 'google-gax' || name.startsWith('@grpc/')),
      envdriftModules: urls.filter((url) => url.includes('/dist/src/')).length,
      totalModules: urls.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
