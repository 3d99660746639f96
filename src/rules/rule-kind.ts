import type { EnvdriftConfig } from '../config/config-types.js';
import type { ValueProbe } from '../fingerprints/describe-value.js';
import type { ConfigVariant, Entry, EnvironmentInventory, Inventory, Origin, ServiceInventory } from '../model/inventory.js';
import type { RelatedLocation } from '../model/report.js';
import type { PropertiesType } from './kit/option-types.js';
import type { Rule } from './rule-types.js';

/** A service as a rule sees it: which environment it is in and what was read for it. */
export interface ServiceTarget {
  environment: EnvironmentInventory;
  service: ServiceInventory;
}

export interface FindingInput {
  detail: string;
  location: Origin;
  /** The entry the finding is about, if one: its value fingerprint lets a suppression expire when the value changes. */
  entry?: Entry;
  environment?: string;
  service?: string;
  variant?: string;
  key?: string;
  related?: RelatedLocation[];
}

export interface UnevaluatedInput {
  environment?: string;
  service?: string;
  variant?: string;
  key?: string;
  reason: string;
}

/** What the engine hands a rule kind: its selected targets, lookups, and the two ways to report. */
export interface RuleContext<R extends Rule = Rule> {
  rule: R;
  inventory: Inventory;
  /** Services the rule's `environments` / `production` / `services` selectors picked, readable or not. */
  targets: ServiceTarget[];
  /** Environments the rule's selectors picked. */
  environments: EnvironmentInventory[];
  entries(variant: ConfigVariant, key: string): Entry[];
  /** Whether values of a key are secrets: then neither found nor expected values may appear in messages. */
  isSensitiveKey(key: string): boolean;
  finding(input: FindingInput): void;
  unevaluated(input: UnevaluatedInput): void;
  /** The letter that stands for a value (by fingerprint) in messages: the same in every finding of the run for that environment and key family. */
  valueLetter(environment: string, family: string, fingerprint: string): string;
}

/** Facts from the config that probes need (URLs declared for `reference`). */
export interface ProbeConfig {
  urlsOf(environment: string, service: string): string[];
  /** Names of the services the config declares in an environment. */
  servicesOf(environment: string): string[];
}

export interface RuleProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * A rule kind: data (its option schema, docs summary) plus a small function. Each kind lives in its own
 * file under `rules/kinds/`, with its own tests and docs.
 */
export interface RuleKind<R extends Rule = Rule> {
  name: string;
  summary: string;
  /** JSON Schema properties of the kind's own options (common rule fields are added by the registry). */
  options: Readonly<Record<string, object>>;
  requiredOptions: readonly string[];
  /** Checks a schema cannot express: a regular expression that does not compile, a service the config lacks. */
  check?(rule: R, config: EnvdriftConfig): RuleProblem[];
  /** Key names (or globs) the rule talks about, so `sensitive: true` can mark them. */
  keysNamed(rule: R): string[];
  /** True when the kind compares the values of the keys it names (so secret payloads must be read). */
  comparesValues?: boolean;
  /** Predicates to evaluate on raw values inside the sources. */
  probes?(rule: R, config: ProbeConfig): ValueProbe[];
  evaluate(context: RuleContext<R>): void;
}

/** A rule of a kind whose options have these JSON Schema properties, `Required` among them always present. */
export type RuleWithOptions<Options, Required> = Rule & PropertiesType<Options, Required>;

/**
 * Defines a rule kind from its option schema: the rule type its functions receive is derived from `options`
 * and `requiredOptions` (declare both `as const`), so the options are written once. Loading validates every
 * rule against that same schema before a kind sees it. The result's option type is erased so kinds of
 * different shapes can share one registry map.
 */
export function defineRuleKind<const Options extends Record<string, object>, const Required extends readonly (keyof Options & string)[]>(
  kind: RuleKind<RuleWithOptions<Options, Required[number]>> & { options: Options; requiredOptions: Required },
): RuleKind {
  return kind as unknown as RuleKind;
}

/** Names of the services the config declares in any environment. */
export function declaredServiceNames(config: EnvdriftConfig): string[] {
  return [...new Set(config.environments.flatMap((environment) => environment.services.map((service) => service.name)))];
}

/** True when services can also come from a Cloud Run label selector, so a name absent from the config may still exist. */
export function discoversServices(config: EnvdriftConfig): boolean {
  return config.environments.some((environment) => environment.cloudrun?.labels !== undefined);
}
