import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvdriftConfig } from '../../src/config/config-types.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Inventory } from '../../src/model/inventory.js';
import { createValueDescriber } from '../../src/fingerprints/describe-value.js';
import { looksSensitiveValue, sensitivityTest } from '../../src/fingerprints/sensitivity.js';
import { ruleKinds } from '../../src/rules/kinds/index.js';
import { availablePacks, loadRules, ruleFilesOf } from '../../src/rules/load-rules.js';
import type { Rule } from '../../src/rules/rule-types.js';
import { generateInventory } from './inventory.js';
import { BENCH_RULES_YAML, benchConfigYaml } from './rule-files.js';
import { workloadShape, type WorkloadShape } from './shape.js';

export interface Workload {
  shape: WorkloadShape;
  config: EnvdriftConfig;
  rules: Rule[];
  inventory: Inventory;
  entries: number;
  variants: number;
  describeCalls: number;
  /** Setup costs, not part of the engine target but worth watching for growth (ms). */
  setup: { loadConfigMs: number; loadRulesMs: number; buildInventoryMs: number };
}

/** A fixed key, so fingerprints (and so the findings about equal values) are the same in every run. */
const BENCH_FINGERPRINT_KEY = 'envdrift-bench-fingerprint-key';

/**
 * Writes the generated `envdrift.yaml` and rule file to a temporary folder, loads them with the real loaders,
 * then builds the inventory through a describer set up exactly as `runCheck` sets it up.
 */
export function loadWorkload(totalServices: number, environmentCount: number, seed?: number): Workload {
  const shape = workloadShape(totalServices, environmentCount);
  const dir = mkdtempSync(join(tmpdir(), 'envdrift-bench-'));
  try {
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'envdrift.yaml'), benchConfigYaml(shape));
    writeFileSync(join(dir, 'rules', 'bench.yaml'), BENCH_RULES_YAML);

    let started = performance.now();
    const config = loadConfig(join(dir, 'envdrift.yaml'), availablePacks(), dir);
    const loadConfigMs = performance.now() - started;
    started = performance.now();
    const rules = loadRules(ruleFilesOf(config), config, dir);
    const loadRulesMs = performance.now() - started;

    started = performance.now();
    // Mirrors runCheck (src/pipeline/prepare-run.ts): sensitive keys from `sensitive: true` rules, probes of every rule,
    // and the same `urlsOf` lookup, so the inventory build costs what it costs in a real run.
    const sensitiveKeys = rules.filter((rule) => rule.sensitive).flatMap((rule) => ruleKinds[rule.kind]!.keysNamed(rule));
    const probeConfig = {
      urlsOf: (environment: string, service: string) =>
        config.environments.find((candidate) => candidate.name === environment)?.services.find((candidate) => candidate.name === service)?.urls ?? [],
      servicesOf: (environment: string) => config.environments.find((candidate) => candidate.name === environment)?.services.map((service) => service.name) ?? [],
    };
    const describer = createValueDescriber({
      fingerprintKey: BENCH_FINGERPRINT_KEY,
      isSensitiveKey: sensitivityTest(sensitiveKeys),
      isSensitiveValue: looksSensitiveValue,
      probes: rules.flatMap((rule) => ruleKinds[rule.kind]!.probes?.(rule, probeConfig) ?? []),
    });
    const generated = generateInventory(shape, describer, seed);
    const buildInventoryMs = performance.now() - started;

    return { shape, config, rules, ...generated, setup: { loadConfigMs, loadRulesMs, buildInventoryMs } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
