import { unknownValueReason } from '../engine/variant-walk.js';
import type { ConfigVariant, Entry, Inventory, Severity } from '../inventory/types.js';
import { isUnreadEntry } from '../inventory/unread.js';

/**
 * What `envdrift init` infers from an inventory: rules that hold today, each with the evidence it came from,
 * and what was seen but not turned into a rule. Pure: no I/O. Values of keys that look sensitive, and any value
 * a source withheld (no `text`), never reach a rule — only key names and fingerprint relationships do.
 */

export interface InferredRule {
  id: string;
  kind: 'require' | 'equals' | 'match' | 'source';
  severity: Severity;
  description: string;
  remediation: string;
  /** Comment lines written above the rule: what it was inferred from. */
  evidence: string[];
  environments?: string[];
  services?: string[];
  deployed?: boolean;
  /** The kind's options, in the order they are written. */
  options: Record<string, unknown>;
}

export interface Inference {
  rules: InferredRule[];
  /** Seen but not turned into rules (a key on a service in one environment only, values that differ, …). */
  differences: string[];
  /** What could not be read, so nothing was inferred from it. */
  unread: string[];
  /** The environments and services inference could use. */
  environments: string[];
  services: string[];
}

export interface InferOptions {
  isSensitiveKey: (key: string) => boolean;
  /**
   * Every environment the config declares. When inference saw fewer (`--env`), rules name the environments
   * they were inferred from instead of applying to all.
   */
  declaredEnvironments: readonly string[];
  /** Ids of the value probes init asks sources to answer: not empty, and a flag-like value (`true`, `1`, …). */
  probes: { nonEmpty: string; flagLike: string };
}

/** One readable service of one environment, with each variant's winning entry per key. */
interface ServiceRead {
  environment: string;
  service: string;
  variants: ConfigVariant[];
  winners: Array<Map<string, Entry>>;
}

/** What one service in one environment says about one key, across its variants. */
interface KeyFacts {
  /** Winning entries of the variants that set the key. */
  entries: Entry[];
  /** Variants that do not set it. */
  missingFrom: string[];
  /** Some value is known to be empty (or only whitespace). */
  empty: boolean;
}

const DESCRIBE_STATE = 'when envdrift init read the configuration';

export function inferRules(inventory: Inventory, options: InferOptions): Inference {
  const differences: string[] = [];
  const unread = unreadParts(inventory);
  const reads: ServiceRead[] = [];
  for (const environment of inventory.environments) {
    for (const service of environment.services) {
      if (service.unreadable !== undefined) continue;
      if (service.variants.length === 0) {
        differences.push(`${environment.name}/${service.name} has no configuration (not deployed?), so nothing was inferred from it`);
        continue;
      }
      reads.push({
        environment: environment.name,
        service: service.name,
        variants: service.variants,
        winners: service.variants.map((variant) => new Map(variant.entries.map((entry) => [entry.key, entry]))),
      });
    }
  }
  const environments = unique(reads.map((read) => read.environment));
  const services = unique(reads.map((read) => read.service)).sort();
  const inferredAll = sameSet(inventory.environments.map((environment) => environment.name), options.declaredEnvironments);
  const context: Context = { reads, environments, services, options, differences, inferredAll };

  const rules = [...requireRules(context), ...equalsRules(context), ...matchRules(context), ...sourceRules(context)];
  return { rules: withUniqueIds(rules), differences, unread, environments, services };
}

interface Context {
  reads: ServiceRead[];
  environments: string[];
  services: string[];
  options: InferOptions;
  differences: string[];
  /** Inference saw every declared environment, so a rule for all of them needs no `environments` selector. */
  inferredAll: boolean;
}

function factsOf(read: ServiceRead, key: string, options: InferOptions): KeyFacts | undefined {
  const entries: Entry[] = [];
  const missingFrom: string[] = [];
  read.winners.forEach((winners, index) => {
    const entry = winners.get(key);
    if (entry) entries.push(entry);
    else missingFrom.push(read.variants[index]!.name);
  });
  if (entries.length === 0) return undefined;
  const empty = entries.some((entry) => entry.value !== undefined && (entry.value.text !== undefined ? entry.value.text.trim() === '' : entry.value.checks[options.probes.nonEmpty] === false));
  return { entries, missingFrom, empty };
}

/** Set in every variant, and not known to be empty: what a `require` rule accepts. */
function requirable(facts: KeyFacts | undefined): boolean {
  return facts !== undefined && facts.missingFrom.length === 0 && !facts.empty;
}

// ---------------------------------------------------------------------------------------------------- require

function requireRules(context: Context): InferredRule[] {
  const { reads, environments, services, options } = context;
  const keysOf = (read: ServiceRead) => unique(read.variants.flatMap((variant) => variant.entries.map((entry) => entry.key)));
  const requirableKeys = new Map(reads.map((read) => [read, new Set(keysOf(read).filter((key) => requirable(factsOf(read, key, options))))]));
  const readsIn = (environment: string) => reads.filter((read) => read.environment === environment);
  const readsOf = (service: string) => reads.filter((read) => read.service === service);
  const onAll = (group: ServiceRead[]) => intersection(group.map((read) => requirableKeys.get(read)!));

  const rules: InferredRule[] = [];
  // Keys on every service of every environment: one rule, when "every service" means more than one.
  const everywhere = services.length >= 2 ? onAll(reads) : new Set<string>();
  if (everywhere.size > 0) {
    rules.push({
      id: 'init/required-everywhere',
      kind: 'require',
      severity: 'error',
      description: `These keys were set on every service in every environment ${DESCRIBE_STATE}; a service without one of them has drifted.`,
      remediation: 'Set {key} on {service} in {environment}, as on every other service.',
      evidence: [`Set, and not empty, on every service of every environment: ${list(services)} in ${list(environments)}.`],
      ...environmentSelector(context, environments),
      options: { keys: sorted(everywhere) },
    });
  }

  // Keys on every service of one environment (but not everywhere).
  const perEnvironment = new Map<string, Set<string>>();
  if (environments.length >= 2) {
    for (const environment of environments) {
      const group = readsIn(environment);
      if (group.length < 2) continue;
      const keys = difference(onAll(group), everywhere);
      perEnvironment.set(environment, keys);
      if (keys.size === 0) continue;
      rules.push({
        id: `init/required-in-${slug(environment)}`,
        kind: 'require',
        severity: 'error',
        description: `These keys were set on every service of ${environment} ${DESCRIBE_STATE}; a service of ${environment} without one of them has drifted.`,
        remediation: 'Set {key} on {service} in {environment}, as on the other services of {environment}.',
        evidence: [`Set, and not empty, on every service of ${environment}: ${list(group.map((read) => read.service).sort())}.`],
        environments: [environment],
        options: { keys: sorted(keys) },
      });
    }
  }

  // Keys a service had in every environment it runs in, not already required above.
  for (const service of services) {
    const group = readsOf(service);
    const coveredByEnvironment = (key: string) => group.every((read) => perEnvironment.get(read.environment)?.has(key) === true);
    const keys = [...onAll(group)].filter((key) => !everywhere.has(key) && !coveredByEnvironment(key));
    if (keys.length === 0) continue;
    const where = group.length === 1 ? `in ${group[0]!.environment}` : `in every environment it runs in: ${list(group.map((read) => read.environment))}`;
    rules.push({
      id: `init/required-on-${slug(service)}`,
      kind: 'require',
      severity: 'error',
      description: `These keys were set on ${service} ${where.replace(/:.*/, '')} ${DESCRIBE_STATE}; ${service} without one of them has drifted.`,
      remediation: 'Set {key} on {service} in {environment}, as in its other environments.',
      evidence: [`Set, and not empty, on ${service} ${where}.`],
      services: [service],
      ...environmentSelector(context, environments),
      options: { keys: sorted(keys) },
    });
  }

  // What was seen but not required: say it, so a reviewer can tell drift from intent.
  const required = (read: ServiceRead, key: string) => everywhere.has(key) || perEnvironment.get(read.environment)?.has(key) === true || rules.some((rule) => rule.services?.[0] === read.service && (rule.options.keys as string[]).includes(key));
  const notes = new Map<string, string[]>();
  const note = (key: string, text: string) => notes.set(key, [...(notes.get(key) ?? []), text]);
  for (const service of services) {
    const group = readsOf(service);
    for (const key of unique(group.flatMap(keysOf)).sort()) {
      const facts = group.map((read) => ({ read, facts: factsOf(read, key, options) }));
      const setIn = facts.filter(({ facts: found }) => found !== undefined).map(({ read }) => read.environment);
      const missingIn = facts.filter(({ facts: found }) => found === undefined).map(({ read }) => read.environment);
      if (setIn.length > 0 && missingIn.length > 0) note(key, `${key} is set on ${service} in ${list(setIn)}, but not in ${list(missingIn)}`);
      for (const { read, facts: found } of facts) {
        if (found === undefined || required(read, key)) continue;
        if (found.empty) note(key, `${key} is set but empty on ${service} in ${read.environment}`);
        else if (found.missingFrom.length > 0) note(key, `${key} is set on ${service} in ${read.environment}, but missing from ${list(found.missingFrom)}`);
      }
    }
  }
  for (const key of [...notes.keys()].sort()) context.differences.push(...notes.get(key)!);
  return rules;
}

// ---------------------------------------------------------------------------------------------------- equals

interface Occurrence {
  read: ServiceRead;
  entry: Entry;
}

function occurrencesOf(context: Context, key: string): Occurrence[] {
  return context.reads.flatMap((read) => read.winners.flatMap((winners) => {
    const entry = winners.get(key);
    return entry ? [{ read, entry }] : [];
  }));
}

function allKeys(context: Context): string[] {
  return unique(context.reads.flatMap((read) => read.variants.flatMap((variant) => variant.entries.map((entry) => entry.key)))).sort();
}

/**
 * A key whose every value envdrift holds as text and none looks like a token: plain configuration, which
 * `equals` may quote. Everything else is compared by fingerprint only.
 */
function isPlainKey(context: Context, key: string, occurrences: Occurrence[]): boolean {
  return !context.options.isSensitiveKey(key) && occurrences.every(({ entry }) => entry.value?.text !== undefined && !looksLikeToken(entry.value.text));
}

/**
 * A value shaped like an API key or token (long, no spaces, upper and lower case letters and digits) is never
 * written to a rule file, whatever its key is called: rule files get committed, and a name can mislead.
 */
export function looksLikeToken(text: string): boolean {
  return text.length >= 20 && /^[A-Za-z0-9+/=_.~-]+$/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /[0-9]/.test(text);
}

function equalsRules(context: Context): InferredRule[] {
  const rules: InferredRule[] = [];
  for (const key of allKeys(context)) {
    const occurrences = occurrencesOf(context, key);
    if (!isPlainKey(context, key, occurrences)) continue;
    // Whitespace around a value is a finding of its own (trimmed, equals); a literal placeholder would be filled in.
    if (occurrences.some(({ entry }) => entry.value!.surroundingWhitespace || entry.value!.containsNewline || /\{(environment|service)\}/.test(entry.value!.text!))) continue;
    const holders = uniqueBy(occurrences.map(({ read }) => read), (read) => `${read.environment}/${read.service}`);
    if (holders.length < 2) continue; // one service in one environment is no evidence of a constant
    const texts = (predicate: (occurrence: Occurrence) => boolean) => occurrences.every(predicate);
    const seenOn = describeHolders(holders);
    const rule = (value: string, evidence: string, extra: Partial<InferredRule> = {}): InferredRule => ({
      id: `init/${slug(key)}-equals`,
      kind: 'equals',
      severity: 'error',
      description: `${key} held ${value.includes('{') ? 'this value' : 'the same value'} on every service that set it ${DESCRIBE_STATE}.`,
      remediation: 'Set {key} on {service} to the expected value, as on the other services that set it.',
      evidence: [evidence],
      ...environmentSelector(context, context.environments),
      ...extra,
      options: { key, value, optional: true },
    });
    if (texts(({ read, entry }) => entry.value!.text === read.environment)) {
      rules.push({ ...rule('{environment}', `Held the name of its environment wherever it was set: ${seenOn}.`), remediation: 'Set {key}={environment} on {service}.' });
    } else if (texts(({ read, entry }) => entry.value!.text === read.service)) {
      rules.push({ ...rule('{service}', `Held the name of its service wherever it was set: ${seenOn}.`), remediation: 'Set {key}={service} on {service} in {environment}.' });
    } else if (texts(({ entry }) => entry.value!.text === occurrences[0]!.entry.value!.text)) {
      rules.push(rule(occurrences[0]!.entry.value!.text!, `Held this one value wherever it was set: ${seenOn}.`));
    } else {
      // Not one value overall: an `equals` per environment where several services agree on one value.
      for (const environment of context.environments) {
        const here = occurrences.filter(({ read }) => read.environment === environment);
        const servicesHere = unique(here.map(({ read }) => read.service)).sort();
        if (here.length === 0) continue;
        const values = unique(here.map(({ entry }) => entry.value!.fingerprint));
        if (values.length > 1) {
          context.differences.push(`${key} holds ${values.length} different values in ${environment} (${list(servicesHere)}${servicesHere.length === 1 ? ', across its variants' : ''})`);
          continue;
        }
        if (servicesHere.length < 2) continue;
        rules.push({
          ...rule(here[0]!.entry.value!.text!, `Held this one value on every service of ${environment} that set it: ${list(servicesHere)}; another value elsewhere.`, { environments: [environment] }),
          id: `init/${slug(key)}-equals-in-${slug(environment)}`,
          description: `${key} held the same value on every service of ${environment} that set it ${DESCRIBE_STATE}.`,
        });
      }
    }
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------------- match

/** A (service, key) pair of a `match` candidate. */
interface Pair {
  service: string;
  key: string;
}

/** `vacuous`: fewer than two of the pairs are set there, so nothing was compared. */
type Status = 'holds' | 'fails' | 'unknown' | 'vacuous';

function matchRules(context: Context): InferredRule[] {
  const { options } = context;
  // Keys whose value envdrift does not hold as text somewhere: compared by fingerprint only.
  const hidden = allKeys(context).filter((key) => !isPlainKey(context, key, occurrencesOf(context, key)));
  if (hidden.length === 0) return [];

  const candidates = new Map<string, Pair[]>();
  for (const environment of context.environments) {
    const byValue = new Map<string, Array<Pair & { flagLike: boolean }>>();
    for (const read of context.reads.filter((candidate) => candidate.environment === environment)) {
      for (const key of hidden) {
        const facts = factsOf(read, key, options);
        if (!facts || facts.empty) continue;
        const values = facts.entries.map((entry) => entry.value);
        if (values.some((value) => value === undefined || value.surroundingWhitespace || value.containsNewline)) continue;
        const fingerprints = unique(values.map((value) => value!.fingerprint));
        if (fingerprints.length !== 1) continue; // differs between variants: revision drift, reported on its own
        const flagLike = values.some((value) => value!.checks[options.probes.flagLike] === true || (value!.text !== undefined && FLAG_LIKE.test(value!.text)));
        byValue.set(fingerprints[0]!, [...(byValue.get(fingerprints[0]!) ?? []), { service: read.service, key, flagLike }]);
      }
    }
    for (const group of byValue.values()) {
      // `true` under two different names is a coincidence, not a shared secret: only the same name counts then.
      const parts = group.some((pair) => pair.flagLike) ? [...groupBy(group, (pair) => pair.key).values()] : [group];
      for (const part of parts) {
        if (part.length < 2) continue;
        const pairs = part.map(({ service, key }) => ({ service, key })).sort(comparePairs);
        candidates.set(pairs.map(pairLabel).join(' '), pairs);
      }
    }
  }

  const evaluated = [...candidates.values()].map((pairs) => ({ pairs, statuses: new Map(context.environments.map((environment) => [environment, statusOf(context, pairs, environment)])) }));
  const failing = (candidate: (typeof evaluated)[number]) => new Set(context.environments.filter((environment) => candidate.statuses.get(environment)!.status === 'fails'));
  // A candidate is redundant when a larger one holds in every environment it holds in.
  const kept = evaluated.filter((candidate) => !evaluated.some((other) => other !== candidate && other.pairs.length > candidate.pairs.length && candidate.pairs.every((pair) => other.pairs.some((member) => comparePairs(member, pair) === 0)) && sameSet([...failing(other)], [...failing(candidate)])));

  return kept.map(({ pairs, statuses }) => {
    const fails = context.environments.filter((environment) => statuses.get(environment)!.status === 'fails');
    const holds = context.environments.filter((environment) => statuses.get(environment)!.status === 'holds');
    const applies = context.environments.filter((environment) => !fails.includes(environment));
    const optional = applies.some((environment) => statuses.get(environment)!.incomplete);
    const evidence = [`Same value on ${list(pairs.map(pairLabel), 'and')} in ${list(holds)} (compared by fingerprint; no value is written here).`];
    if (fails.length > 0) evidence.push(`In ${list(fails)} they hold different values, so this rule leaves ${fails.length === 1 ? 'it' : 'them'} out: drift, or on purpose?`);
    for (const environment of applies) {
      const { status, reason } = statuses.get(environment)!;
      if (status === 'unknown') evidence.push(`In ${environment} not compared: ${reason}.`);
      if (status === 'vacuous') evidence.push(`In ${environment} fewer than two of them are set, so there was nothing to compare.`);
    }
    if (optional) evidence.push('optional: some of these keys are not set everywhere the service runs; the require rules above say where they must be.');
    return {
      id: `init/${slug(pairs[0]!.key)}-shared`,
      kind: 'match' as const,
      severity: 'error' as const,
      description: `These keys held one value across ${unique(pairs.map((pair) => pair.service)).length > 1 ? 'services' : 'key names'} ${DESCRIBE_STATE}; when they differ, one side has drifted.`,
      remediation: 'Give {key} on {service} the same value (or secret) as the other members in {environment}.',
      evidence,
      ...(fails.length > 0 ? { environments: applies } : environmentSelector(context, applies)),
      options: { members: membersOf(pairs), ...(optional && { optional: true }) },
    };
  });
}

/** Values that are switches rather than secrets: two keys agreeing on `true` is a coincidence. */
export const FLAG_LIKE = /^(true|false|yes|no|on|off|0|1|enabled?|disabled?)$/i;

/** Whether a candidate's pairs agree in an environment, as the `match` kind would judge them. */
function statusOf(context: Context, pairs: Pair[], environment: string): { status: Status; incomplete: boolean; reason?: string } {
  const fingerprints = new Set<string>();
  const present = new Set<Pair>();
  let incomplete = false;
  for (const pair of pairs) {
    const read = context.reads.find((candidate) => candidate.environment === environment && candidate.service === pair.service);
    if (!read) continue; // the service is not in this environment: match skips the member there
    const facts = factsOf(read, pair.key, context.options);
    if (!facts || facts.missingFrom.length > 0) incomplete = true;
    for (const entry of facts?.entries ?? []) {
      if (!entry.value) return { status: 'unknown', incomplete, reason: `${pair.service} ${pair.key}: ${unknownValueReason(entry)}` };
      if (entry.value.surroundingWhitespace || entry.value.containsNewline) return { status: 'fails', incomplete };
      fingerprints.add(entry.value.fingerprint);
      present.add(pair);
    }
  }
  return { status: fingerprints.size > 1 ? 'fails' : present.size < 2 ? 'vacuous' : 'holds', incomplete };
}

/** One member per service; a single service's keys become one member each (`match` needs two members). */
function membersOf(pairs: Pair[]): Array<{ service: string; key: string | string[] }> {
  const byService = groupBy(pairs, (pair) => pair.service);
  if (byService.size === 1) return pairs.map(({ service, key }) => ({ service, key }));
  return [...byService.entries()].map(([service, members]) => ({ service, key: members.length === 1 ? members[0]!.key : members.map((member) => member.key) }));
}

// ---------------------------------------------------------------------------------------------------- source

function sourceRules(context: Context): InferredRule[] {
  const deployedOccurrences = (key: string) => occurrencesOf(context, key).filter(({ read, entry }) => read.variants.some((variant) => isDeployed(variant) && variant.entries.includes(entry)));
  const secretKeys: string[] = [];
  const seen = new Map<string, string>();
  for (const key of allKeys(context)) {
    const occurrences = deployedOccurrences(key);
    if (occurrences.length === 0 || !occurrences.every(({ entry }) => entry.source.kind === 'secret')) continue;
    secretKeys.push(key);
    seen.set(key, describeHolders(uniqueBy(occurrences.map(({ read }) => read), (read) => `${read.environment}/${read.service}`)));
  }
  // Pinned versions and keys flipping between literal and secret are the recommended pack's business already.
  const rules: InferredRule[] = [];
  if (secretKeys.length > 0) {
    rules.push({
      id: 'init/secrets-stay-in-secret-manager',
      kind: 'source',
      severity: 'error',
      description: `These keys came from Secret Manager wherever they were deployed ${DESCRIBE_STATE}; a literal would put the value in the service spec.`,
      remediation: 'Reference {key} on {service} from Secret Manager again, as elsewhere; never paste the value into the service.',
      evidence: ['A secret reference in every deployed configuration (Cloud Run template and serving revisions) that sets it:', ...secretKeys.map((key) => `  ${key}: ${seen.get(key)}`)],
      deployed: true,
      ...environmentSelector(context, context.environments),
      options: { keys: secretKeys, from: 'secret' },
    });
  }
  return rules;
}

function isDeployed(variant: ConfigVariant): boolean {
  return variant.origin.kind === 'cloudrun' || variant.origin.kind === 'manifest';
}

// ---------------------------------------------------------------------------------------------------- helpers

/** Every service and secret value that could not be read. */
function unreadParts(inventory: Inventory): string[] {
  return inventory.environments.flatMap((environment) =>
    environment.services.flatMap((service) => {
      const place = `${environment.name}/${service.name}`;
      if (service.unreadable !== undefined) return [`${place}: ${service.unreadable}`];
      return service.variants.flatMap((variant) => variant.entries.filter(isUnreadEntry).map((entry) => `${place} ${entry.key}: ${entry.unreadable}`));
    }),
  );
}

/** No selector when the rule holds in every environment the config declares; the environments otherwise. */
function environmentSelector(context: Context, environments: string[]): { environments?: string[] } {
  return context.inferredAll && sameSet(environments, context.environments) ? {} : { environments };
}

/** "backend, auth in staging; auth in production", or "backend, auth in staging and production". */
function describeHolders(holders: ServiceRead[]): string {
  const byEnvironment = groupBy(holders, (read) => read.environment);
  const servicesPer = [...byEnvironment.entries()].map(([environment, reads]) => ({ environment, services: list(reads.map((read) => read.service).sort()) }));
  if (servicesPer.every((entry) => entry.services === servicesPer[0]!.services)) return `${servicesPer[0]!.services} in ${list(servicesPer.map((entry) => entry.environment))}`;
  return servicesPer.map((entry) => `${entry.services} in ${entry.environment}`).join('; ');
}

function withUniqueIds(rules: InferredRule[]): InferredRule[] {
  const used = new Map<string, number>();
  return rules.map((rule) => {
    const count = (used.get(rule.id) ?? 0) + 1;
    used.set(rule.id, count);
    return count === 1 ? rule : { ...rule, id: `${rule.id}-${count}` };
  });
}

/** A rule-id fragment: lower-case letters, digits, `.` and `-` (`JWT_SECRET_KEY` → `jwt-secret-key`). */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'key';
}

function pairLabel(pair: Pair): string {
  return `${pair.service} ${pair.key}`;
}

function comparePairs(a: Pair, b: Pair): number {
  return a.service.localeCompare(b.service) || a.key.localeCompare(b.key);
}

function list(items: readonly string[], last = 'and'): string {
  const distinct = unique(items);
  return distinct.length <= 1 ? (distinct[0] ?? '') : `${distinct.slice(0, -1).join(', ')} ${last} ${distinct.at(-1)}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function sorted(items: Iterable<string>): string[] {
  return [...items].sort();
}

function intersection(sets: ReadonlyArray<ReadonlySet<string>>): Set<string> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((item) => sets.every((set) => set.has(item))));
}

function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((item) => !b.has(item)));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
