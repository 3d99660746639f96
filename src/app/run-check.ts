import { displayPath, findConfigFile, loadConfig } from '../config/load-config.js';
import type { EnvdriftConfig } from '../config/config-types.js';
import { UserError } from '../config/errors.js';
import { suggestionSuffix } from '../config/did-you-mean.js';
import { evaluate } from '../engine/evaluate.js';
import type { Report } from '../engine/report-types.js';
import { createValueDescriber } from '../inventory/describe-value.js';
import { looksSensitiveValue, sensitivityTest } from '../inventory/sensitivity.js';
import { ruleKinds } from '../rules/kinds/index.js';
import { availablePacks, loadRules, ruleFilesOf } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule-types.js';
import { collectInventory } from '../sources/collect-inventory.js';

export interface CheckRequest {
  cwd: string;
  configPath?: string;
  /** Restrict the run to these environments (all when empty). */
  environments?: string[];
  /** Makes fingerprints stable across runs; a random key per run otherwise. */
  fingerprintKey?: string;
}

export interface CheckRun {
  config: EnvdriftConfig;
  rules: Rule[];
  report: Report;
}

/** Loads config and rules, reads every source, evaluates. Everything `envdrift check` does except output. */
export async function runCheck(request: CheckRequest): Promise<CheckRun> {
  const configFile = findConfigFile(request.cwd, request.configPath);
  const config = restrictEnvironments(loadConfig(configFile, availablePacks(), request.cwd), request.environments ?? []);
  const rules = loadRules(ruleFilesOf(config), config, request.cwd);

  const sensitiveKeys = rules.filter((rule) => rule.sensitive).flatMap((rule) => ruleKinds[rule.kind]!.keysNamed(rule));
  const isSensitiveKey = sensitivityTest(sensitiveKeys);
  const probeConfig = {
    urlsOf: (environment: string, service: string) =>
      config.environments.find((candidate) => candidate.name === environment)?.services.find((candidate) => candidate.name === service)?.urls ?? [],
  };
  const describer = createValueDescriber({
    ...(request.fingerprintKey !== undefined && { fingerprintKey: request.fingerprintKey }),
    isSensitiveKey,
    isSensitiveValue: looksSensitiveValue,
    probes: rules.flatMap((rule) => ruleKinds[rule.kind]!.probes?.(rule, probeConfig) ?? []),
  });
  const inventory = await collectInventory(config, { describer, shownName: (file) => displayPath(file, request.cwd) });
  return { config, rules, report: evaluate(rules, inventory, { isSensitiveKey }) };
}

function restrictEnvironments(config: EnvdriftConfig, names: readonly string[]): EnvdriftConfig {
  if (names.length === 0) return config;
  const declared = config.environments.map((environment) => environment.name);
  for (const name of names) {
    if (!declared.includes(name)) throw new UserError(`--env ${name}: no such environment${suggestionSuffix(name, declared)}; declared: ${declared.join(', ')}`);
  }
  return { ...config, environments: config.environments.filter((environment) => names.includes(environment.name)) };
}
