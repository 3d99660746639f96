import { resolve } from 'node:path';
import type { EnvdriftConfig } from '../config/config-types.js';
import { applySuppressions } from '../engine/apply-suppressions.js';
import { evaluate } from '../engine/evaluate.js';
import type { Report } from '../model/report.js';
import type { Inventory } from '../model/inventory.js';
import { prepareRun, readInventory, type RunRequest } from '../pipeline/prepare-run.js';
import { loadRunSuppressions, requireToday } from '../pipeline/run-suppressions.js';
import type { Rule } from '../rules/rule-types.js';

export interface CheckRun {
  config: EnvdriftConfig;
  rules: Rule[];
  inventory: Inventory;
  report: Report;
}

/**
 * Loads config, rules, suppressions and baseline, reads every source, evaluates, and marks what the
 * suppressions and baseline accept. Everything `envdrift check` does except output. Suppressions are loaded
 * before any source is read, so a bad or expired entry fails fast.
 */
export async function runCheck(request: RunRequest): Promise<CheckRun> {
  const run = prepareRun(request);
  const suppressions = loadRunSuppressions(request, run);
  const baselineFile = request.baselinePath === undefined ? undefined : resolve(request.cwd, request.baselinePath);
  // Baseline code is loaded only for runs that use one: every check pays the CLI's cold start.
  const baselines = baselineFile === undefined ? undefined : { ...(await import('../config/load-baseline.js')), ...(await import('../engine/apply-baseline.js')) };
  const baseline = baselineFile === undefined ? undefined : baselines!.loadBaseline(baselineFile, run.shownName(baselineFile), requireToday(request));
  const inventory = await readInventory(request, run);
  let report = evaluate(run.rules, inventory, { isSensitiveKey: run.isSensitiveKey, overview: request.overview ?? false, severities: run.severities });
  const declaredEnvironments = run.declared.environments.map((environment) => environment.name);
  report = applySuppressions(report, suppressions, declaredEnvironments);
  if (baseline) report = baselines!.applyBaseline(report, baseline, declaredEnvironments);
  return { config: run.config, rules: run.rules, inventory, report };
}
