import { resolve } from 'node:path';
import { displayPath, findConfigFile, loadConfig } from '../config/load-config.js';
import type { EnvdriftConfig } from '../config/config-types.js';
import { UserError } from '../config/errors.js';
import { suggestionSuffix } from '../config/did-you-mean.js';
import { readUserFile } from '../config/read-user-file.js';
import { findSuppressionFile, loadSuppressions } from '../config/load-suppressions.js';
import { applySuppressions } from '../engine/apply-suppressions.js';
import { evaluate } from '../engine/evaluate.js';
import { intrinsicRules } from '../engine/intrinsic-rules.js';
import type { SuppressionEntry } from '../engine/suppression-types.js';
import type { Report } from '../engine/report-types.js';
import { createValueDescriber, type ValueDescriber } from '../inventory/describe-value.js';
import type { Inventory } from '../inventory/types.js';
import { looksSensitiveValue, sensitivityTest } from '../inventory/sensitivity.js';
import { ruleKinds } from '../rules/kinds/index.js';
import { availablePacks, loadRules, ruleFilesOf } from '../rules/load-rules.js';
import { declaredServiceNames, discoversServices } from '../rules/rule-kind.js';
import type { Rule } from '../rules/rule-types.js';
import { collectInventory, type GcpAccess } from '../sources/collect-inventory.js';
import { nameMatcher } from '../util/glob.js';
import { inventoryFromSnapshot } from '../sources/snapshot-file.js';

export interface CheckRequest {
  cwd: string;
  /** Access to Google Cloud (environment, home folder, time limits); without it, Cloud Run sources are unreadable. */
  gcp?: Omit<GcpAccess, 'needsValue'>;
  configPath?: string;
  /** Restrict the run to these environments (all when empty). */
  environments?: string[];
  /** Makes fingerprints stable across runs; a random key per run otherwise. */
  fingerprintKey?: string;
  /** Read the inventory from this snapshot instead of the configured sources. */
  snapshotPath?: string;
  /** Today (YYYY-MM-DD, UTC), for suppression expiry: the CLI's clock, since the rest of envdrift has none. */
  today?: string;
  /** The suppression file; without it, `envdrift.ignore.yaml` next to the config is used if there is one. */
  ignoreFile?: string;
  /** A baseline written by `--write-baseline`: the findings it lists are accepted. */
  baselinePath?: string;
  /** Check this Cloud Run service manifest in place of what the sources say about service `as` (`ENV/SERVICE`). */
  manifest?: { path: string; as: string };
  /** Build the report's configuration overview, which grid formats (html) draw. */
  overview?: boolean;
}

/** Everything a run needs before reading any source: config, rules, and the value describer they imply. */
export interface PreparedRun {
  config: EnvdriftConfig;
  /** The config as declared, before `--env` selected environments (suppressions may name any of them). */
  declared: EnvdriftConfig;
  rules: Rule[];
  describer: ValueDescriber;
  /** Whether some rule tests or compares a key's value, so a secret behind it must be read. */
  needsValue: (key: string) => boolean;
  isSensitiveKey: (key: string) => boolean;
  shownName: (file: string) => string;
}

export interface CheckRun {
  config: EnvdriftConfig;
  rules: Rule[];
  inventory: Inventory;
  report: Report;
}

/** Loads and validates config and rules, and builds the describer sources use to hold values safely. */
export function prepareRun(request: CheckRequest): PreparedRun {
  const configFile = findConfigFile(request.cwd, request.configPath);
  const declared = loadConfig(configFile, availablePacks(), request.cwd);
  const config = restrictEnvironments(declared, request.environments ?? []);
  // Rules are checked against every declared environment and service: `--env staging` must not make a
  // rule about production look like a typo.
  const rules = loadRules(ruleFilesOf(declared), declared, request.cwd);

  const sensitiveKeys = rules.filter((rule) => rule.sensitive).flatMap((rule) => ruleKinds[rule.kind]!.keysNamed(rule));
  const isSensitiveKey = sensitivityTest(sensitiveKeys);
  const environmentNamed = (name: string) => config.environments.find((candidate) => candidate.name === name);
  const probeConfig = {
    urlsOf: (environment: string, service: string) => environmentNamed(environment)?.services.find((candidate) => candidate.name === service)?.urls ?? [],
    servicesOf: (environment: string) => environmentNamed(environment)?.services.map((service) => service.name) ?? [],
  };
  const probes = rules.flatMap((rule) => ruleKinds[rule.kind]!.probes?.(rule, probeConfig) ?? []);
  const describer = createValueDescriber({
    ...(request.fingerprintKey !== undefined && { fingerprintKey: request.fingerprintKey }),
    isSensitiveKey,
    isSensitiveValue: looksSensitiveValue,
    probes,
  });
  const compared = nameMatcherOrNone(rules.filter((rule) => ruleKinds[rule.kind]!.comparesValues).flatMap((rule) => ruleKinds[rule.kind]!.keysNamed(rule)));
  const needsValue = (key: string) => compared(key) || probes.some((probe) => !probe.passive && probe.appliesTo(key));
  return { config, declared, rules, describer, needsValue, isSensitiveKey, shownName: (file) => displayPath(file, request.cwd) };
}

/** Reads the inventory a request asks for: the configured sources, or a snapshot. */
export async function readInventory(request: CheckRequest, run: PreparedRun): Promise<Inventory> {
  if (request.snapshotPath === undefined) {
    // Read (and rejected, if malformed) before any source is, so a bad manifest fails fast.
    // The manifest reader is loaded only when a manifest is given: every check pays the CLI's cold start.
    const manifestReplacement = request.manifest ? (await import('../sources/manifest/manifest-replacement.js')).manifestReplacement : undefined;
    const replacements = request.manifest && manifestReplacement
      ? [manifestReplacement({ file: resolve(request.cwd, request.manifest.path), as: request.manifest.as }, { declared: run.declared, selected: run.config }, run.describer, run.shownName)]
      : [];
    return collectInventory(run.config, { describer: run.describer, shownName: run.shownName, replacements, ...(request.gcp && { gcp: { ...request.gcp, needsValue: run.needsValue } }) });
  }
  if (request.manifest) throw new UserError('--manifest cannot be combined with --snapshot: a manifest is checked against what is deployed now');
  const file = resolve(request.cwd, request.snapshotPath);
  // Checked against the config (already narrowed by --env): what it declares but the snapshot lacks is unreadable.
  return inventoryFromSnapshot(readUserFile(file, 'snapshot'), run.shownName(file), run.describer, run.config).inventory;
}

/**
 * Loads config, rules, suppressions and baseline, reads every source, evaluates, and marks what the
 * suppressions and baseline accept. Everything `envdrift check` does except output. Suppressions are loaded
 * before any source is read, so a bad or expired entry fails fast.
 */
export async function runCheck(request: CheckRequest): Promise<CheckRun> {
  const run = prepareRun(request);
  const suppressions = loadRunSuppressions(request, run);
  const baselineFile = request.baselinePath === undefined ? undefined : resolve(request.cwd, request.baselinePath);
  // Baseline code is loaded only for runs that use one: every check pays the CLI's cold start.
  const baselines = baselineFile === undefined ? undefined : { ...(await import('../config/load-baseline.js')), ...(await import('../engine/apply-baseline.js')) };
  const baseline = baselineFile === undefined ? undefined : baselines!.loadBaseline(baselineFile, run.shownName(baselineFile), requireToday(request));
  const inventory = await readInventory(request, run);
  let report = evaluate(run.rules, inventory, { isSensitiveKey: run.isSensitiveKey, overview: request.overview ?? false });
  const declaredEnvironments = run.declared.environments.map((environment) => environment.name);
  report = applySuppressions(report, suppressions, declaredEnvironments);
  if (baseline) report = baselines!.applyBaseline(report, baseline, declaredEnvironments);
  return { config: run.config, rules: run.rules, inventory, report };
}

function loadRunSuppressions(request: CheckRequest, run: PreparedRun): SuppressionEntry[] {
  const file = findSuppressionFile(run.declared.file, request.cwd, request.ignoreFile);
  if (file === undefined) return [];
  return loadSuppressions(file, run.shownName(file), {
    today: requireToday(request),
    ruleIds: [...Object.keys(intrinsicRules), ...run.rules.map((rule) => rule.id)],
    environments: run.declared.environments.map((environment) => environment.name),
    services: discoversServices(run.declared) ? undefined : declaredServiceNames(run.declared),
    stableFingerprints: request.fingerprintKey !== undefined,
  });
}

/** Fail closed: without a date, expiry cannot be checked, so nothing may be accepted. */
function requireToday(request: CheckRequest): string {
  if (request.today === undefined) throw new Error("suppressions and baselines need today's date to check expiry; the caller must pass `today`");
  return request.today;
}

/** The config narrowed to `--env` environments, refusing a name it does not declare. */
export function restrictEnvironments(config: EnvdriftConfig, names: readonly string[]): EnvdriftConfig {
  if (names.length === 0) return config;
  const declared = config.environments.map((environment) => environment.name);
  for (const name of names) {
    if (!declared.includes(name)) throw new UserError(`--env ${name}: no such environment${suggestionSuffix(name, declared)}; declared: ${declared.join(', ')}`);
  }
  return { ...config, environments: config.environments.filter((environment) => names.includes(environment.name)) };
}

/** A matcher for names and globs that matches nothing when the list is empty. */
function nameMatcherOrNone(patterns: readonly string[]): (name: string) => boolean {
  return patterns.length === 0 ? () => false : nameMatcher(patterns);
}
