/**
 * Times the engine, `evaluate(rules, inventory)`, on one generated organisation. Run by `run-bench.ts` once per
 * size, each in a fresh `node --expose-gc` process so sizes do not share JIT state or heap; prints one JSON
 * line (an `EngineResult`) on stdout. After a warm-up of at least a second, only `evaluate()` is timed: loading config and rules and building the
 * inventory are reported separately as setup.
 *
 *   node --expose-gc dist/bench/engine-bench.js --services 5000 [--environments 4] [--runs 7] [--profile-runs 5]
 */
import { parseArgs } from 'node:util';
import { GCProfiler } from 'node:v8';
import { evaluate } from '../src/engine/evaluate.js';
import type { Report } from '../src/model/report.js';
import type { Inventory } from '../src/model/inventory.js';
import type { Rule } from '../src/rules/rule-types.js';
import { profileEvaluate, type EvaluateProfile } from './profile-evaluate.js';
import { round, summarise, type Timing } from './stats.js';
import { KEYS_PER_SERVICE } from './workload/inventory.js';
import { loadWorkload } from './workload/load-workload.js';

export interface EngineResult {
  services: number;
  environments: number;
  servicesPerEnvironment: number;
  keysPerService: number;
  rules: number;
  rulesByKind: Record<string, number>;
  variants: number;
  entries: number;
  findings: number;
  unevaluated: number;
  evaluate: Timing & { warmUpRuns: number };
  msPerService: number;
  memory: {
    /** Highest heap use seen during the first evaluate() (just before each GC, and at the end), minus the heap before. */
    peakHeapDeltaMb: number;
    /** Resident set size after the first evaluate() minus before it (no GC in between). */
    rssDeltaMb: number;
    /** Peak resident set size of the whole benchmark process (inventory included). */
    processPeakRssMb: number;
  };
  setup: { loadConfigMs: number; loadRulesMs: number; buildInventoryMs: number; describeCalls: number };
  /** Where one evaluate() spends its time (sampling profile scaled to the median). */
  profile: EvaluateProfile;
}

const { values: options } = parseArgs({
  options: {
    services: { type: 'string', default: '5000' },
    environments: { type: 'string', default: '4' },
    runs: { type: 'string', default: '7' },
    'profile-runs': { type: 'string', default: '5' },
  },
});

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});
const MB = 1024 * 1024;
const WARM_UP_MS = 1000;

function timeEvaluate(rules: readonly Rule[], inventory: Inventory): { ms: number; report: Report } {
  gc(); // start every timed run from a clean heap, so one run's garbage is not billed to the next
  const started = performance.now();
  const report = evaluate(rules, inventory);
  return { ms: performance.now() - started, report };
}

/** The first evaluate() of the process: it grows the heap, so its peak is the one that matters. */
function measureMemory(rules: readonly Rule[], inventory: Inventory): Omit<EngineResult['memory'], 'processPeakRssMb'> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const profiler = new GCProfiler();
  profiler.start();
  const report = evaluate(rules, inventory);
  const { heapUsed: heapAfter, rss: rssAfter } = process.memoryUsage();
  const profile = profiler.stop();
  const beforeEachGc = (profile?.statistics ?? []).map((event) => event.beforeGC.heapStatistics.usedHeapSize);
  const peak = Math.max(heapAfter, ...beforeEachGc);
  if (report.findings.length === 0) throw new Error('the generated workload produced no findings; the benchmark would not exercise reporting paths');
  return { peakHeapDeltaMb: round((peak - heapBefore) / MB), rssDeltaMb: round((rssAfter - rssBefore) / MB) };
}

async function main(): Promise<void> {
  const workload = loadWorkload(Number(options.services), Number(options.environments));
  const { rules, inventory } = workload;

  const memory = measureMemory(rules, inventory); // doubles as the first warm-up run
  // Warm up until the JIT has settled: at least WARM_UP_MS of evaluate() and at least two runs.
  let warmUp = timeEvaluate(rules, inventory).report;
  let warmUpRuns = 1;
  for (const started = performance.now(); performance.now() - started < WARM_UP_MS || warmUpRuns < 2; warmUpRuns++) warmUp = timeEvaluate(rules, inventory).report;
  const samples: number[] = [];
  for (let run = 0; run < Number(options.runs); run++) {
    const { ms, report } = timeEvaluate(rules, inventory);
    if (report.findings.length !== warmUp.findings.length) throw new Error('evaluate() is not deterministic: finding counts differ between runs');
    samples.push(ms);
  }
  const evaluateTiming = summarise(samples);
  gc();
  const profile = await profileEvaluate(() => evaluate(rules, inventory), Number(options['profile-runs']), evaluateTiming.medianMs);

  const rulesByKind: Record<string, number> = {};
  for (const rule of rules) rulesByKind[rule.kind] = (rulesByKind[rule.kind] ?? 0) + 1;
  const result: EngineResult = {
    services: warmUp.servicesChecked,
    environments: workload.shape.environments.length,
    servicesPerEnvironment: workload.shape.services.length,
    keysPerService: KEYS_PER_SERVICE,
    rules: rules.length,
    rulesByKind,
    variants: workload.variants,
    entries: workload.entries,
    findings: warmUp.findings.length,
    unevaluated: warmUp.unevaluated.length,
    evaluate: { ...evaluateTiming, warmUpRuns },
    msPerService: round(evaluateTiming.medianMs / warmUp.servicesChecked, 4),
    memory: { ...memory, processPeakRssMb: round(process.resourceUsage().maxRSS / 1024) },
    setup: {
      loadConfigMs: round(workload.setup.loadConfigMs),
      loadRulesMs: round(workload.setup.loadRulesMs),
      buildInventoryMs: round(workload.setup.buildInventoryMs),
      describeCalls: workload.describeCalls,
    },
    profile,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
