/**
 * What every command that reads configuration shares (check, diff, snapshot, init): the request, loading and
 * validating config and rules, and reading the inventory from the sources or a snapshot.
 */
import { dirname, resolve } from 'node:path';
import { displayPath, findConfigFile, loadConfig, rulesOfInvalidConfig } from '../config/load-config.js';
import type { EnvdriftConfig } from '../config/config-types.js';
import { findSuppressionFile, suppressionFileShapeProblems } from '../config/load-suppressions.js';
import { UserError, type FileProblem } from '../files/user-error.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { readUserFile } from '../files/read-user-file.js';
import { createValueDescriber, type ValueDescriber } from '../fingerprints/describe-value.js';
import type { Inventory, Severity } from '../model/inventory.js';
import { intrinsicRules } from '../model/intrinsic-rules.js';
import { severityMap, severityOverrideProblems } from '../config/severity-overrides.js';
import { looksSensitiveValue, sensitivityTest } from '../fingerprints/sensitivity.js';
import { ruleKinds } from '../rules/kinds/index.js';
import { availablePacks, loadRules, ruleFilesOf } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule-types.js';
import { collectInventory, type GcpAccess } from '../sources/collect-inventory.js';
import { nameMatcher } from '../util/glob.js';
import { inventoryFromSnapshot } from '../sources/snapshot/snapshot-file.js';

export interface RunRequest {
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
  /** Deploy declarations (`--deploy`): workflows, Cloud Build configs, scripts, Terraform plans, applied over what runs. */
  deploys?: string[];
  /** Build the report's configuration overview, which grid formats (html) draw. */
  overview?: boolean;
}

/** Everything a run needs before reading any source: config, rules, and the value describer they imply. */
export interface PreparedRun {
  config: EnvdriftConfig;
  /** The config as declared, before `--env` selected environments (suppressions may name any of them). */
  declared: EnvdriftConfig;
  rules: Rule[];
  /** Severities the config sets by rule id (`off` drops a rule): for the engine to apply. */
  severities: ReadonlyMap<string, Severity | 'off'>;
  describer: ValueDescriber;
  /** Whether some rule tests or compares a key's value, so a secret behind it must be read. */
  needsValue: (key: string) => boolean;
  isSensitiveKey: (key: string) => boolean;
  shownName: (file: string) => string;
}

/** Loads and validates config and rules, and builds the describer sources use to hold values safely. */
export function prepareRun(request: RunRequest): PreparedRun {
  const configFile = findConfigFile(request.cwd, request.configPath);
  try {
    return prepareFromConfig(request, configFile);
  } catch (error) {
    // All problems of all files at once: an invalid config or rule file does not hide the suppression file's own.
    if (!(error instanceof UserError) || error.problems.length === 0) throw error;
    const suppressionFile = findSuppressionFile(configFile, request.cwd, request.ignoreFile);
    const more = suppressionFile === undefined ? [] : suppressionFileShapeProblems(suppressionFile, displayPath(suppressionFile, request.cwd));
    if (more.length === 0) throw error;
    const problems = [...error.problems, ...more];
    throw new UserError(`invalid configuration files (${problems.length} problems)`, problems);
  }
}

function prepareFromConfig(request: RunRequest, configFile: string): PreparedRun {
  const declared = loadConfigWithRuleFileProblems(configFile, request.cwd);
  const config = restrictEnvironments(declared, request.environments ?? []);
  // Rules are checked against every declared environment and service: `--env staging` must not make a
  // rule about production look like a typo.
  const rules = loadRules(ruleFilesOf(declared), declared, request.cwd);
  const severityProblems = severityOverrideProblems(declared, [...Object.keys(intrinsicRules), ...rules.map((rule) => rule.id)]);
  if (severityProblems.length > 0) throw new UserError(`${displayPath(declared.file, request.cwd)} is not a valid envdrift config`, severityProblems);

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
  return { config, declared, rules, severities: severityMap(declared), describer, needsValue, isSensitiveKey, shownName: (file) => displayPath(file, request.cwd) };
}

/**
 * Loads the config; when it is invalid, the rule files it names are checked too, so one exit-2 message lists
 * the problems of every file instead of hiding the rule files' behind the config's.
 */
function loadConfigWithRuleFileProblems(configFile: string, cwd: string): EnvdriftConfig {
  try {
    return loadConfig(configFile, availablePacks(), cwd);
  } catch (error) {
    if (!(error instanceof UserError) || error.problems.length === 0) throw error;
    const partial: EnvdriftConfig = { file: configFile, baseDir: dirname(configFile), environments: [], ...rulesOfInvalidConfig(configFile, availablePacks(), cwd) };
    let ruleProblems: FileProblem[] = [];
    try {
      loadRules(ruleFilesOf(partial), partial, cwd, { checkAgainstConfig: false });
    } catch (ruleError) {
      if (!(ruleError instanceof UserError)) throw ruleError;
      ruleProblems = ruleError.problems;
    }
    if (ruleProblems.length === 0) throw error;
    // The config's problems first, in line order (its pack parameters' among them), then each rule file's.
    const shownConfig = displayPath(configFile, cwd);
    const inConfig = [...error.problems, ...ruleProblems.filter((problem) => problem.file === shownConfig)].sort((a, b) => a.line - b.line || a.column - b.column);
    const problems = [...inConfig, ...ruleProblems.filter((problem) => problem.file !== shownConfig)];
    throw new UserError(`invalid config and rules (${problems.length} problems)`, problems);
  }
}

/** Reads the inventory a request asks for: the configured sources, or a snapshot. */
export async function readInventory(request: RunRequest, run: PreparedRun): Promise<Inventory> {
  if (request.snapshotPath === undefined) {
    // Read (and rejected, if malformed) before any source is, so a bad manifest fails fast.
    // The manifest reader is loaded only when a manifest is given: every check pays the CLI's cold start.
    const manifestReplacement = request.manifest ? (await import('../sources/manifest/manifest-replacement.js')).manifestReplacement : undefined;
    const declarations = request.manifest && manifestReplacement
      ? [manifestReplacement({ file: resolve(request.cwd, request.manifest.path), as: request.manifest.as }, { declared: run.declared, selected: run.config }, run.describer, run.shownName)]
      : [];
    const deploys = await deployPlan(request, run);
    return collectInventory(run.config, {
      describer: run.describer,
      shownName: run.shownName,
      declarations,
      ...(deploys && { deploys: { applications: deploys.plan.applications, apply: deploys.applyDeploys } }),
      ...(request.gcp && { gcp: { ...request.gcp, needsValue: run.needsValue } }),
    }).then((inventory) => withNotices(inventory, deploys?.plan.notices ?? []));
  }
  if (request.manifest) throw new UserError('--manifest cannot be combined with --snapshot: a manifest is checked against what is deployed now');
  const file = resolve(request.cwd, request.snapshotPath);
  // Checked against the config (already narrowed by --env): what it declares but the snapshot lacks is unreadable.
  const deploys = await deployPlan(request, run);
  const inventory = inventoryFromSnapshot(readUserFile(file, 'snapshot'), run.shownName(file), run.describer, run.config).inventory;
  if (!deploys) return inventory;
  for (const environment of inventory.environments) deploys.applyDeploys(environment, deploys.plan.applications, run.describer);
  deploys.resolveDeploySecretsFromInventory(inventory, deploys.plan.applications);
  return withNotices(inventory, deploys.plan.notices);
}

/** Reads the `--deploy` files (and rejects malformed ones) before any source is read; loaded only when given. */
async function deployPlan(request: RunRequest, run: PreparedRun) {
  if (!request.deploys || request.deploys.length === 0) return undefined;
  const module = await import('../sources/deploy/deploy-targets.js');
  return { ...module, plan: module.planDeploys(request.deploys, request.cwd, run.config, run.shownName) };
}

function withNotices(inventory: Inventory, notices: readonly string[]): Inventory {
  if (notices.length === 0) return inventory;
  return { ...inventory, notices: [...(inventory.notices ?? []), ...notices] };
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
