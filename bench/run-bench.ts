/**
 * `npm run bench`: the engine at two inventory sizes side by side, the CLI's cold start next to bare Node, and
 * a live scan of 200 Cloud Run services against the fake Google Cloud next to a `gcloud` loop, checked against
 * the targets of the performance issues. Prints a table and writes the same numbers as JSON to
 * bench/results/latest.json. Talks to nothing but fakes on 127.0.0.1. See bench/README.md.
 *
 *   node dist/bench/run-bench.js [--sizes 500,5000] [--environments 4] [--cold-runs 15] [--live-runs 3]
 *                                [--gcloud-sample 20] [--quick] [--no-write] [--strict]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureColdStart, measureImportSteps, traceLoads, type ColdStartResult, type ImportStep, type LoadTrace } from './cold-start/measure.js';
import type { EngineResult } from './engine-bench.js';
import { historyBenchPart } from './history/history-bench-part.js';
import { LIVE_LATENCY_MS, measureLiveEnvdrift, measureLiveGcloud, type LiveEnvdriftResult, type LiveGcloudResult } from './live/measure.js';
import { round } from './stats.js';

/** The targets, from the issue. */
export const TARGETS = {
  engineMsAt5000: 1000,
  /** Allowed growth: the size ratio × this (500 → 5,000 allows 11×; 10 is linear). */
  growthSlack: 1.1,
  /** No kind of rule (nor engine code) grows super-linearly (see SUPER_LINEAR_FACTOR). */
  superLinearParts: 0,
  /** Peak RSS of the whole engine process (inventory included) at the largest size. */
  enginePeakRssMb: 200,
  coldStartOverBareMs: 100,
  /** What the cold start aims at; reported, not enforced. */
  coldStartAimOverBareMs: 60,
  /** envdrift's cold start ÷ dotenv-diff's on two of the example's files; an aim, reported, not enforced. */
  coldStartAimRatioToPeer: 1.0,
  /** Live scan: process start until the fake receives the first API call. */
  liveStartupMs: 150,
  /** Live scan: median wall time ÷ its round-trip floor (bare Node + critical-path calls × latency). */
  liveWallOverFloor: 1.5,
  /** Live scan (fake Google Cloud, 30 ms per call): API calls above the fewest possible. */
  liveCallsOverMinimum: 0,
  /** Live scan: how many times faster than `gcloud run services describe` once per service. */
  liveSpeedupOverGcloud: 20,
};

/** A part of evaluate() is flagged "super-linear" when it grows more than this × the size ratio (and costs ≥ 5 ms). */
const SUPER_LINEAR_FACTOR = 2;
const SUPER_LINEAR_MIN_MS = 5;

const here = fileURLToPath(new URL('.', import.meta.url)); // dist/bench/
const root = fileURLToPath(new URL('../../', import.meta.url));

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,5000' },
    environments: { type: 'string', default: '4' },
    'cold-runs': { type: 'string', default: '15' },
    'import-runs': { type: 'string', default: '7' },
    'live-runs': { type: 'string', default: '3' },
    'gcloud-sample': { type: 'string', default: '20' },
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});

const quick = options.quick === true;
const sizes = options.sizes!.split(',').map((size) => Number(size.trim())).sort((a, b) => a - b);
if (sizes.length < 2 || sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error('--sizes needs at least two positive whole numbers, e.g. 500,5000');

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

function runEngine(services: number): EngineResult {
  progress(`engine: generating ${services.toLocaleString('en-US')} services and timing evaluate()...`);
  const runs = quick ? 3 : services <= 1000 ? 25 : 7;
  // A small inventory is profiled over more runs, so that its few samples per rule kind do not make the growth
  // ratio (and the super-linear verdict, a target) a matter of sampling noise.
  const profileRuns = quick ? 2 : Math.min(25, Math.ceil((5 * sizes[sizes.length - 1]!) / services));
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', join(here, 'engine-bench.js'), '--services', String(services), '--environments', options.environments!, '--runs', String(runs), '--profile-runs', String(profileRuns)],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`engine-bench --services ${services} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as EngineResult;
}

interface Check {
  target: string;
  measured: string;
  pass: boolean;
  /** Not measured on this machine (gcloud absent); neither a pass nor a failure. */
  skipped?: boolean;
  /** An aim from the issue, reported but never failing `--strict`. */
  aim?: boolean;
}

interface LiveResult {
  envdrift: LiveEnvdriftResult;
  gcloud: LiveGcloudResult;
}

/** How many times faster envdrift's scan is than the gcloud loop (undefined without gcloud). */
function liveSpeedup(live: LiveResult): number | undefined {
  return live.gcloud.allServicesMs === undefined ? undefined : live.gcloud.allServicesMs / live.envdrift.wall.medianMs;
}

function checks(engine: EngineResult[], coldStart: ColdStartResult, trace: LoadTrace, live: LiveResult): Check[] {
  const small = engine[0]!;
  const large = engine[engine.length - 1]!;
  const at5000 = engine.find((result) => result.services === 5000) ?? large;
  const ratio = large.evaluate.medianMs / small.evaluate.medianMs;
  const allowed = (large.services / small.services) * TARGETS.growthSlack;
  return [
    {
      target: `${fmtInt(at5000.services)} services evaluate in under ${fmtInt(TARGETS.engineMsAt5000)} ms`,
      measured: `${fmt(at5000.evaluate.medianMs)} ms`,
      pass: at5000.evaluate.medianMs < TARGETS.engineMsAt5000,
    },
    {
      target: `growth ${fmtInt(small.services)} → ${fmtInt(large.services)} close to linear (≤ ${fmt(allowed)}x)`,
      measured: `${fmt(ratio, 1)}x`,
      pass: ratio <= allowed,
    },
    {
      target: `no kind of rule grows super-linearly (> ${SUPER_LINEAR_FACTOR}× the size ratio)`,
      measured: superLinearKinds(engine).length === 0 ? 'none' : superLinearKinds(engine).join(', '),
      pass: superLinearKinds(engine).length <= TARGETS.superLinearParts,
    },
    {
      target: `peak RSS of the process at ${fmtInt(large.services)} services under ${TARGETS.enginePeakRssMb} MB`,
      measured: `${fmt(large.memory.processPeakRssMb, 0)} MB`,
      pass: large.memory.processPeakRssMb < TARGETS.enginePeakRssMb,
    },
    {
      target: `cold start within ${TARGETS.coldStartOverBareMs} ms of bare Node`,
      measured: `+${fmt(coldStart.differenceMs)} ms`,
      pass: coldStart.differenceMs <= TARGETS.coldStartOverBareMs,
    },
    {
      target: `aim: cold start within ${TARGETS.coldStartAimOverBareMs} ms of bare Node`,
      measured: `+${fmt(coldStart.differenceMs)} ms`,
      pass: coldStart.differenceMs <= TARGETS.coldStartAimOverBareMs,
      aim: true,
    },
    {
      target: `aim: cold start no slower than dotenv-diff on two files (≤ ${fmt(TARGETS.coldStartAimRatioToPeer, 1)}x)`,
      measured: `${fmt(coldStart.ratioToPeer, 2)}x`,
      pass: coldStart.ratioToPeer <= TARGETS.coldStartAimRatioToPeer,
      aim: true,
    },
    {
      target: 'no Google Cloud library loaded by an .env-only check',
      measured: trace.googleCloudLoaded ? 'loaded' : 'none loaded',
      pass: !trace.googleCloudLoaded,
    },
    {
      target: `live scan: no more API calls than the minimum (${fmtInt(live.envdrift.minimumCalls)})`,
      measured: `${fmtInt(live.envdrift.totalCalls)} calls`,
      pass: live.envdrift.totalCalls - live.envdrift.minimumCalls <= TARGETS.liveCallsOverMinimum,
    },
    {
      target: `live scan: first API call within ${TARGETS.liveStartupMs} ms of process start`,
      measured: `${fmt(live.envdrift.phases.startupMs, 0)} ms`,
      pass: live.envdrift.phases.startupMs <= TARGETS.liveStartupMs,
    },
    {
      target: `live scan: wall time within ${fmt(TARGETS.liveWallOverFloor, 1)}x of its round-trip floor (${fmt(live.envdrift.floor.ms, 0)} ms)`,
      measured: `${fmt(live.envdrift.wallOverFloor, 2)}x (${fmt(live.envdrift.wall.medianMs, 0)} ms)`,
      pass: live.envdrift.wallOverFloor <= TARGETS.liveWallOverFloor,
    },
    speedupCheck(live),
  ];
}

function speedupCheck(live: LiveResult): Check {
  const target = `live scan: at least ${TARGETS.liveSpeedupOverGcloud}x faster than gcloud describe per service`;
  const speedup = liveSpeedup(live);
  if (speedup === undefined) return { target, measured: `skipped: ${live.gcloud.reason ?? 'gcloud not available'}`, pass: true, skipped: true };
  return { target, measured: `${fmt(speedup, 1)}x${live.gcloud.extrapolated ? ' (gcloud extrapolated)' : ''}`, pass: speedup >= TARGETS.liveSpeedupOverGcloud };
}

function fmt(value: number, digits = value >= 100 ? 0 : value >= 10 ? 1 : 2): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function fmtInt(value: number): string {
  return value.toLocaleString('en-US');
}

/** Renders rows as aligned columns; `leftColumns` are left-aligned (default: the first), the others right-aligned. */
function table(rows: string[][], leftColumns = 1, indent = '  '): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => indent + row.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ').trimEnd())
    .join('\n');
}

/** Growth of one part of evaluate() between the smallest and the largest size. */
function growth(engine: EngineResult[], pick: (result: EngineResult) => Array<{ name: string; ms: number }>, name: string): { ratio: number; flagged: boolean } {
  const small = engine[0]!;
  const large = engine[engine.length - 1]!;
  const smallMs = pick(small).find((entry) => entry.name === name)?.ms ?? 0;
  const largeMs = pick(large).find((entry) => entry.name === name)?.ms ?? 0;
  const ratio = smallMs > 0 ? largeMs / smallMs : Number.POSITIVE_INFINITY;
  return { ratio, flagged: largeMs >= SUPER_LINEAR_MIN_MS && ratio > (large.services / small.services) * SUPER_LINEAR_FACTOR };
}

/**
 * Rows comparing a breakdown (kinds or functions) across sizes. A function is flagged only when the rule kind
 * it runs for is flagged too (or it is engine code), because inlining moves samples between a closure and its
 * caller, which can make one function look super-linear while its kind as a whole grows linearly.
 */
function growthRows(engine: EngineResult[], part: 'kinds' | 'functions', limit: number): string[][] {
  const large = engine[engine.length - 1]!;
  const pick = (result: EngineResult) => result.profile[part];
  const lookup = engine.map((result) => new Map(pick(result).map(({ name, ms }) => [name, ms])));
  return large.profile[part].slice(0, limit).map((entry) => {
    const { ratio, flagged } = growth(engine, pick, entry.name);
    const kind = 'kind' in entry ? (entry.kind as string) : undefined;
    const kindFlagged = kind === undefined || kind === 'engine' || growth(engine, (result) => result.profile.kinds, kind).flagged;
    const flag = flagged && kindFlagged ? '  super-linear' : '';
    return [entry.name, ...lookup.map((map) => fmt(map.get(entry.name) ?? 0, 1)), Number.isFinite(ratio) ? `${fmt(ratio, 1)}x${flag}` : `new${flag}`];
  });
}

/** Rule kinds (and engine code) of evaluate() that grow super-linearly: what the target is about. */
function superLinearKinds(engine: EngineResult[]): string[] {
  return growthRows(engine, 'kinds', 20)
    .filter((row) => row[row.length - 1]!.endsWith('super-linear'))
    .map((row) => `${row[0]} (${row[row.length - 1]!.replace('  super-linear', '')})`);
}

/** Kinds and functions of evaluate() that grow super-linearly, for the JSON results. */
function superLinearParts(engine: EngineResult[]): string[] {
  return growthRows(engine, 'kinds', 20)
    .concat(growthRows(engine, 'functions', 40))
    .filter((row) => row[row.length - 1]!.endsWith('super-linear'))
    .map((row) => `${row[0]} (${row[row.length - 1]!.replace('  super-linear', '')})`);
}

function renderLive(live: LiveResult): string[] {
  const { envdrift, gcloud } = live;
  const { estate } = envdrift;
  const lines: string[] = [];
  lines.push(`Live scan: envdrift check through the real Google clients (gRPC) against the fake Google Cloud, ${envdrift.latencyMs} ms per call`);
  lines.push(
    `(${fmtInt(estate.services)} Cloud Run services, ${fmtInt(estate.serviceNames)} names, in ${estate.regions} regions of the ${estate.locations} ListLocations answers; ` +
      `${estate.secrets} secrets, ${estate.secretVersions} distinct versions referenced; ${estate.olderServingRevisions} older revisions serving traffic; ` +
      `no regions in envdrift.yaml; fake pages: ${envdrift.pageSize.max} at most)`,
  );
  const callRows = [
    ['API calls', 'envdrift', 'minimum'],
    ...envdrift.calls.map((row) => [row.method, fmtInt(row.calls), row.minimum === undefined ? '' : fmtInt(row.minimum)]),
    ['total', fmtInt(envdrift.totalCalls), fmtInt(envdrift.minimumCalls)],
  ];
  const over = envdrift.totalCalls - envdrift.minimumCalls;
  const notes = ['', ...envdrift.calls.map((row) => row.note), over > 0 ? `${fmtInt(over)} above the minimum` : 'at the minimum'];
  const widths = callRows[0]!.map((_, column) => Math.max(...callRows.map((row) => row[column]!.length)));
  lines.push(...callRows.map((row, index) => `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ')}   ${notes[index]}`.trimEnd()));
  const phases = envdrift.phases;
  lines.push(
    table([
      ['', 'median', 'min', 'max'],
      [`wall time of the whole CLI run (${envdrift.wall.runs} run${envdrift.wall.runs === 1 ? '' : 's'}, after a warm-up)`, `${fmt(envdrift.wall.medianMs, 0)} ms`, fmt(envdrift.wall.minMs, 0), fmt(envdrift.wall.maxMs, 0)],
      ['node -e 0, spawned before each run', `${fmt(envdrift.bareNode.medianMs, 0)} ms`, fmt(envdrift.bareNode.minMs, 0), fmt(envdrift.bareNode.maxMs, 0)],
      [`round-trip floor: node -e 0 + ${envdrift.floor.roundTrips} sequential calls × ${envdrift.latencyMs} ms`, `${fmt(envdrift.floor.ms, 0)} ms`, '', ''],
      ['wall time ÷ floor', `${fmt(envdrift.wallOverFloor, 2)}x`, '', ''],
    ]),
  );
  lines.push(
    `  where it goes (median run): start-up until the first call ${fmt(phases.startupMs, 0)} ms, Cloud Run ${fmt(phases.cloudRunMs, 0)} ms, ` +
      `then ${fmt(phases.betweenMs, 0)} ms until Secret Manager ${fmt(phases.secretManagerMs, 0)} ms (${fmt(phases.secretCallsInFlight, 1)} calls in flight on average), ` +
      `after the last answer ${fmt(phases.afterLastCallMs, 0)} ms`,
  );
  lines.push(
    `  report: ${fmtInt(envdrift.report.services)} services, ${envdrift.report.errors} errors, ${envdrift.report.warnings} warnings, ${envdrift.report.unevaluated} not evaluated ` +
      `(exit ${envdrift.exitCodes.join('/')}; findings from ${envdrift.report.findingRules.join(', ')})`,
  );
  lines.push('');
  if (!gcloud.available) {
    lines.push(`Side by side: gcloud run services describe once per service — skipped: ${gcloud.reason ?? 'gcloud not available'}`);
    return lines;
  }
  lines.push(`Side by side: gcloud run services describe NAME --region R --format json, once per service, one after the other`);
  lines.push(`(gcloud ${gcloud.version ?? '?'} against the REST rendering of the same fixture, same ${envdrift.latencyMs} ms per call; reads no secret values, so it does less than envdrift)`);
  const speedup = liveSpeedup(live)!;
  const label = gcloud.extrapolated ? `all ${fmtInt(gcloud.of!)} services, EXTRAPOLATED from ${gcloud.sample} timed` : `all ${fmtInt(gcloud.of!)} services, timed`;
  lines.push(
    table([
      ['', 'gcloud loop', 'envdrift'],
      [`per service (median of ${gcloud.sample}; min – max ${fmt(gcloud.perServiceMs!.minMs, 0)} – ${fmt(gcloud.perServiceMs!.maxMs, 0)} ms)`, `${fmt(gcloud.perServiceMs!.medianMs, 0)} ms`, ''],
      ['API calls per service', fmt(gcloud.apiCallsPerService!, 1), ''],
      [label, `${fmt(gcloud.allServicesMs! / 1000, 1)} s`, `${fmt(envdrift.wall.medianMs / 1000, 2)} s`],
      ['envdrift is faster by', '', `${fmt(speedup, 1)}x`],
    ]),
  );
  return lines;
}

function render(engine: EngineResult[], coldStart: ColdStartResult, steps: ImportStep[], trace: LoadTrace, live: LiveResult, results: Check[], coldRuns: number, importRuns: number): string {
  const small = engine[0]!;
  const large = engine[engine.length - 1]!;
  const header = ['', ...engine.map((result) => `${fmtInt(result.services)} services`), 'ratio'];
  const ratio = (pick: (result: EngineResult) => number) => `${fmt(pick(large) / pick(small), 1)}x`;
  const kinds = Object.entries(large.rulesByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  const lines: string[] = [];
  lines.push(`envdrift benchmark — Node ${process.version}, ${platform()} ${arch()}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadAverage.toFixed(2)} at the start`);
  lines.push('');
  lines.push(`Engine: evaluate(rules, inventory) — ${large.environments} environments, ${large.keysPerService} keys per service, ${large.rules} rules (${kinds})`);
  lines.push(`("services" = service inventories checked, i.e. environments × services per environment: ${engine.map((result) => `${result.environments} × ${fmtInt(result.servicesPerEnvironment)}`).join(' and ')})`);
  lines.push(
    table([
      header,
      ['evaluate, median (ms)', ...engine.map((result) => fmt(result.evaluate.medianMs, 1)), ratio((result) => result.evaluate.medianMs)],
      ['  min – max (ms)', ...engine.map((result) => `${fmt(result.evaluate.minMs, 1)} – ${fmt(result.evaluate.maxMs, 1)}`), ''],
      ['  timed runs (after warm-up runs)', ...engine.map((result) => `${result.evaluate.runs} (${result.evaluate.warmUpRuns})`), ''],
      ['ms per service', ...engine.map((result) => fmt(result.msPerService, 4)), ratio((result) => result.msPerService)],
      ['entries / variants', ...engine.map((result) => `${fmtInt(result.entries)} / ${fmtInt(result.variants)}`), ratio((result) => result.entries)],
      ['findings / unevaluated', ...engine.map((result) => `${fmtInt(result.findings)} / ${fmtInt(result.unevaluated)}`), ratio((result) => result.findings)],
      ['peak heap growth in evaluate (MB)', ...engine.map((result) => fmt(result.memory.peakHeapDeltaMb, 1)), ratio((result) => result.memory.peakHeapDeltaMb)],
      ['RSS growth in evaluate (MB)', ...engine.map((result) => fmt(result.memory.rssDeltaMb, 1)), ''],
      ['peak RSS of the process (MB)', ...engine.map((result) => fmt(result.memory.processPeakRssMb, 0)), ''],
      ['setup, not timed: loadConfig (ms)', ...engine.map((result) => fmt(result.setup.loadConfigMs, 1)), ratio((result) => result.setup.loadConfigMs)],
      ['  loadRules (ms)', ...engine.map((result) => fmt(result.setup.loadRulesMs, 1)), ''],
      ['  build inventory via describer (ms)', ...engine.map((result) => fmt(result.setup.buildInventoryMs, 1)), ratio((result) => result.setup.buildInventoryMs)],
    ]),
  );
  lines.push('');
  lines.push('Where one evaluate() spends its time (CPU profile scaled to the median, ms):');
  lines.push(table([['by rule kind', ...header.slice(1)], ...growthRows(engine, 'kinds', 20)]));
  lines.push('');
  lines.push(table([['by function (top 12 at the largest size)', ...header.slice(1)], ...growthRows(engine, 'functions', 12)]));
  lines.push(`  (functions as compiled in dist/src; "super-linear": ≥ ${SUPER_LINEAR_MIN_MS} ms and growing more than ${SUPER_LINEAR_FACTOR}× the size ratio; a function is flagged`);
  lines.push('   only if its rule kind is too, since inlining moves samples between a closure and its caller)');
  lines.push('');
  lines.push(`Cold start: ${coldStart.command} (${coldRuns} runs each, in turn with node -e 0 and dotenv-diff, after 2 warm-ups)`);
  lines.push(
    table([
      ['', 'median', 'min', 'max'],
      ['envdrift check', `${fmt(coldStart.cli.medianMs, 1)} ms`, fmt(coldStart.cli.minMs, 1), fmt(coldStart.cli.maxMs, 1)],
      ['node -e 0', `${fmt(coldStart.bare.medianMs, 1)} ms`, fmt(coldStart.bare.minMs, 1), fmt(coldStart.bare.maxMs, 1)],
      ['difference', `${fmt(coldStart.differenceMs, 1)} ms`, '', ''],
      ['dotenv-diff on two files (the peer)', `${fmt(coldStart.peer.timing.medianMs, 1)} ms`, fmt(coldStart.peer.timing.minMs, 1), fmt(coldStart.peer.timing.maxMs, 1)],
      ['envdrift ÷ dotenv-diff', `${fmt(coldStart.ratioToPeer, 2)}x`, '', ''],
    ]),
  );
  lines.push(`  (peer: ${coldStart.peer.command})`);
  lines.push('');
  lines.push(`Where the cold start goes (steps in load order in one process, median of ${importRuns}; see bench/cold-start/import-steps.ts):`);
  const accounted = steps.slice(1).filter((step) => step.error === undefined).reduce((sum, step) => sum + step.medianMs, 0);
  lines.push(
    table([
      ...steps.map((step) => [step.name, step.error === undefined ? `${fmt(step.medianMs, 1)} ms` : `n/a (${step.error})`]),
      ['sum of the steps after bootstrap', `${fmt(accounted, 1)} ms`],
      ['rest of the difference (main.js, yargs setup and parsing, writing, exit; less what the bundle saves)', `${fmt(coldStart.differenceMs - accounted, 1)} ms`],
    ]),
  );
  lines.push(`  modules loaded: ${trace.totalModules} (${trace.envdriftModules} of envdrift); packages: ${trace.packages.join(', ') || '(none)'}`);
  lines.push('');
  lines.push(...renderLive(live));
  lines.push('');
  lines.push('Targets');
  lines.push(table(results.map((check) => [check.skipped ? 'SKIP' : check.aim ? (check.pass ? 'MET' : 'MISS') : check.pass ? 'PASS' : 'FAIL', check.target, check.measured]), 2));
  lines.push('  (MET / MISS: an aim of the issue, reported but not failing --strict)');
  return `${lines.join('\n')}\n`;
}

/** The commit measured, and whether the working tree had uncommitted changes under src/ (numbers then describe those). */
function revision(): { commit: string; srcDirty: boolean } | undefined {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return undefined;
  return { commit: head.stdout.trim(), srcDirty: git('status', '--porcelain', '--', 'src').stdout.trim() !== '' };
}

const loadAverage = round(loadavg()[0]!, 2);

async function main(): Promise<void> {
  const started = performance.now();
  const engine = sizes.map(runEngine);
  const coldRuns = quick ? 5 : Number(options['cold-runs']);
  const importRuns = quick ? 3 : Number(options['import-runs']);
  progress(`cold start: ${coldRuns} runs each of envdrift check and node -e 0...`);
  const coldStart = measureColdStart(root, coldRuns);
  progress('cold start: timing each import step and tracing loaded modules...');
  const steps = measureImportSteps(root, join(here, 'cold-start', 'import-steps.js'), importRuns);
  const trace = traceLoads(root, join(here, 'cold-start', 'trace-loads.js'));
  const liveRuns = quick ? 1 : Number(options['live-runs']);
  const gcloudSample = quick ? 5 : Number(options['gcloud-sample']);
  if (!(liveRuns >= 1) || !(gcloudSample >= 1)) throw new Error('--live-runs and --gcloud-sample need a positive number');
  const live: LiveResult = { envdrift: await measureLiveEnvdrift(root, liveRuns, progress), gcloud: await measureLiveGcloud(gcloudSample, progress) };
  if (!live.gcloud.available) progress(`live scan: ${live.gcloud.reason}; the gcloud comparison is skipped`);
  const results = checks(engine, coldStart, trace, live);
  const history = await historyBenchPart(root, quick, progress);
  results.push(history.check);

  process.stdout.write(render(engine, coldStart, steps, trace, live, results, coldRuns, importRuns));
  process.stdout.write(history.text);
  const output = {
    generatedAt: new Date().toISOString(),
    revision: revision(),
    machine: { loadAverageAtStart: loadAverage, node: process.version, platform: platform(), arch: arch(), cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown' },
    options: { sizes, environments: Number(options.environments), coldRuns, importRuns, liveRuns, gcloudSample, liveLatencyMs: LIVE_LATENCY_MS, quick },
    targets: TARGETS,
    checks: results,
    superLinear: superLinearParts(engine),
    engine,
    coldStart: { ...coldStart, steps, trace },
    live: { ...live, wallOverFloor: live.envdrift.wallOverFloor, startupMs: live.envdrift.phases.startupMs, speedupOverGcloud: liveSpeedup(live) === undefined ? null : round(liveSpeedup(live)!, 1) },
    history: history.result,
    benchSeconds: round((performance.now() - started) / 1000),
  };
  if (!options['no-write']) {
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(output, null, 2)}\n`);
    progress(`wrote bench/results/latest.json (${output.benchSeconds} s in all)`);
  }
  if (options.strict && results.some((check) => !check.pass && !check.skipped && !check.aim)) process.exitCode = 1;
}

await main();
