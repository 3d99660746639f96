import type { ConfigVariant, Entry, Inventory, ServiceInventory, Severity } from '../model/inventory.js';
import { looksSensitiveKey } from '../fingerprints/sensitivity.js';
import { isUnreadEntry } from '../model/unread.js';
import { nameMatcher } from '../util/glob.js';
import { ruleKinds } from '../rules/kinds/index.js';
import type { FindingInput, RuleContext, ServiceTarget } from '../rules/rule-kind.js';
import type { Rule } from '../rules/rule-types.js';
import { intrinsicRules } from '../model/intrinsic-rules.js';
import type { Finding, Report, Unevaluated } from '../model/report.js';
import { assignProblemGroups } from './problem-groups.js';
import { valueLetterRegistry } from './value-letters.js';
import { configurationOverview } from './configuration-overview.js';

/**
 * The engine: a pure function from rules and inventory to a report. No I/O, no clock, no globals; the same
 * input always gives the same report.
 */
export interface EvaluateOptions {
  /** The run's sensitivity test (name heuristics plus keys rules mark `sensitive`). */
  isSensitiveKey?: (key: string) => boolean;
  /**
   * Severities the project sets (`severity:` in envdrift.yaml) by rule id, built-in checks included; `off`
   * drops a rule's findings and what it could not evaluate. Applied here, once, for every source and rule.
   */
  severities?: ReadonlyMap<string, Severity | 'off'>;
  /**
   * Also describe what was found where (`Report.configuration`), for grid reports. Off unless asked for: it is
   * a pass over every entry that no other format needs.
   */
  overview?: boolean;
}

export function evaluate(rules: readonly Rule[], inventory: Inventory, options: EvaluateOptions = {}): Report {
  const isSensitiveKey = options.isSensitiveKey ?? looksSensitiveKey;
  const findings: Finding[] = [];
  const unevaluated: Unevaluated[] = [];
  const entries = variantIndex();
  const valueLetter = valueLetterRegistry();
  const severityOf = (ruleId: string, declared: Severity): Severity | 'off' => options.severities?.get(ruleId) ?? declared;

  for (const environment of inventory.environments) {
    for (const service of environment.services) {
      for (const problem of service.problems) {
        const severity = severityOf(problem.ruleId, problem.severity);
        if (severity === 'off') continue;
        findings.push({
          ruleId: problem.ruleId,
          severity,
          message: problem.message,
          detail: problem.message,
          remediation: problem.remediation,
          environment: environment.name,
          service: service.name,
          ...(problem.key !== undefined && { key: problem.key }),
          location: problem.origin,
          related: [],
        });
      }
    }
  }

  // What could not be read is reported even when no rule asks for it: envdrift's own checks (is the service
  // deployed, do its serving revisions match, do its secret versions exist) could not be made either.
  for (const environment of inventory.environments) {
    for (const service of environment.services) {
      const where = { environment: environment.name, service: service.name };
      if (service.unreadable !== undefined) {
        unevaluated.push({ ruleId: 'envdrift/read', ...where, reason: service.unreadable });
        continue;
      }
      for (const unchecked of service.unchecked ?? []) unevaluated.push({ ...where, ...unchecked });
      for (const variant of service.variants) {
        for (const entry of variant.entries) {
          if (isUnreadEntry(entry)) unevaluated.push({ ruleId: 'envdrift/read', ...where, variant: variant.name, key: entry.key, reason: entry.unreadable! });
        }
      }
    }
  }

  const views = new Map<boolean, Inventory>();
  const viewFor = (rule: Rule) => {
    if (rule.deployed === undefined) return inventory;
    if (!views.has(rule.deployed)) views.set(rule.deployed, deploymentView(inventory, rule.deployed));
    return views.get(rule.deployed)!;
  };

  // The rule objects themselves stay untouched: probe results stored on values are keyed by their content.
  const applied = rules.filter((rule) => severityOf(rule.id, rule.severity) !== 'off');
  for (const rule of applied) {
    const severity = severityOf(rule.id, rule.severity) as Severity;
    const kind = ruleKinds[rule.kind];
    if (!kind) throw new Error(`rule ${rule.id} has unknown kind ${rule.kind}; rules must be validated before evaluation`);
    const view = viewFor(rule);
    const targets = selectTargets(rule, view);
    const context: RuleContext = {
      rule,
      inventory: view,
      targets,
      environments: [...new Set(targets.map((target) => target.environment))],
      entries,
      isSensitiveKey,
      finding: (input) => findings.push(toFinding(rule, severity, input)),
      unevaluated: (input) => unevaluated.push({ ruleId: rule.id, ...input }),
      valueLetter,
    };
    kind.evaluate(context);
  }

  return {
    findings: assignProblemGroups(findings),
    unevaluated,
    rules: [
      ...Object.entries(intrinsicRules).flatMap(([id, { severity: declared, description }]) => {
        const severity = severityOf(id, declared);
        return severity === 'off' ? [] : [{ id, kind: 'intrinsic', severity, description }];
      }),
      ...applied.map((rule) => ({ id: rule.id, kind: rule.kind, severity: severityOf(rule.id, rule.severity) as Severity, description: rule.description })),
    ],
    environments: inventory.environments.map((environment) => environment.name),
    servicesChecked: inventory.environments.reduce((count, environment) => count + environment.services.length, 0),
    ...(options.overview && { configuration: configurationOverview(inventory, findings, isSensitiveKey, valueLetter) }),
  };
}

/** The services a rule's selectors pick: `environments` and `services` (names or globs) and `production`. */
export function selectTargets(rule: Rule, inventory: Inventory): ServiceTarget[] {
  const environmentMatches = nameMatcher(rule.environments);
  const serviceMatches = nameMatcher(rule.services);
  const targets: ServiceTarget[] = [];
  for (const environment of inventory.environments) {
    if (!environmentMatches(environment.name)) continue;
    if (rule.production !== undefined && environment.production !== rule.production) continue;
    for (const service of environment.services) {
      if (serviceMatches(service.name)) targets.push({ environment, service });
    }
  }
  return targets;
}

/** Deployed configuration is what Cloud Run runs (or a manifest about to be deployed); `.env` files are local. */
function isDeployed(variant: ConfigVariant): boolean {
  return variant.origin.kind === 'cloudrun' || variant.origin.kind === 'manifest';
}

/**
 * The inventory as a rule with `deployed: true` (or `false`) sees it: only deployed (or only local)
 * configurations. Services left with nothing to check drop out, unless they could not be read at all —
 * those stay, so their rules are reported as not evaluated rather than skipped.
 */
function deploymentView(inventory: Inventory, deployed: boolean): Inventory {
  return {
    environments: inventory.environments.map((environment) => ({
      ...environment,
      services: environment.services
        .map((service) => ({ ...service, variants: service.variants.filter((variant) => isDeployed(variant) === deployed) }))
        .filter((service) => service.variants.length > 0 || (service.unreadable !== undefined && holdsKind(service, deployed))),
    })),
  };
}

/** Whether an unreadable service would have held configuration of this kind (unknown: it might). */
function holdsKind(service: ServiceInventory, deployed: boolean): boolean {
  return service.configurationKinds === undefined || service.configurationKinds.includes(deployed ? 'deployed' : 'local');
}

/**
 * Entries of a variant by key, indexed once per variant for the whole evaluation. Most keys occur once, so the
 * index holds the entry itself and makes a list only for a duplicated key: a list per key of every variant was
 * the largest part of what an evaluation of thousands of services allocates.
 */
function variantIndex(): (variant: ConfigVariant, key: string) => Entry[] {
  const indexes = new WeakMap<ConfigVariant, Map<string, Entry | Entry[]>>();
  return (variant, key) => {
    let index = indexes.get(variant);
    if (!index) {
      index = new Map();
      for (const entry of variant.entries) {
        const found = index.get(entry.key);
        if (found === undefined) index.set(entry.key, entry);
        else if (Array.isArray(found)) found.push(entry);
        else index.set(entry.key, [found, entry]);
      }
      indexes.set(variant, index);
    }
    const found = index.get(key);
    return found === undefined ? [] : Array.isArray(found) ? found : [found];
  };
}

function toFinding(rule: Rule, severity: Severity, input: FindingInput): Finding {
  const fill = (template: string) =>
    template.replace(/\{(environment|service|key|variant)\}/g, (_, name: keyof FindingInput) => String(input[name] ?? ''));
  return {
    ruleId: rule.id,
    severity,
    message: rule.message ? fill(rule.message) : input.detail,
    detail: input.detail,
    remediation: fill(rule.remediation),
    ...(input.environment !== undefined && { environment: input.environment }),
    ...(input.service !== undefined && { service: input.service }),
    ...(input.variant !== undefined && { variant: input.variant }),
    ...(input.key !== undefined && { key: input.key }),
    location: input.location,
    ...(input.entry?.value && { valueFingerprint: input.entry.value.fingerprint }),
    related: input.related ?? [],
  };
}
