import { suggestionSuffix } from '../../files/did-you-mean.js';
import { reportSurroundingWhitespace } from '../kit/value-hygiene.js';
import { forEachReadableVariant, probeResult, quoted, unknownValueReason } from '../kit/variant-walk.js';
import type { Entry, EnvironmentInventory, ServiceInventory } from '../../model/inventory.js';
import { declaredServiceNames, defineRuleKind, type RuleContext, type RuleWithOptions } from '../rule-kind.js';
import { isGlob, nameMatcher } from '../../util/glob.js';
import { probeId } from '../kit/probe-id.js';
import { urlIdentity } from '../kit/url-identity.js';

const options = {
  key: { type: 'string', minLength: 1, description: 'the key name, e.g. AUTH_SERVICE_URL, or a glob such as *_SERVICE_URL' },
  target: { type: 'string', minLength: 1, description: 'the service the value must point at, e.g. auth; "*" for any other declared service' },
  optional: { type: 'boolean', description: 'accept an exactly named key being absent (default false)' },
} as const;
const requiredOptions = ['key', 'target'] as const;
type ReferenceRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

/** `target: "*"` accepts a URL of any other declared service of the same environment. */
const ANY_SERVICE = '*';
const pointsAtTargetProbe = (rule: ReferenceRule) => probeId(rule, 'points-at-target');

/**
 * `reference`: a key's value must be one of the URLs declared for another service of the same environment
 * (`AUTH_SERVICE_URL` must reach auth — not a stale `*.run.app` URL, not the frontend's domain).
 */
export const referenceKind = defineRuleKind({
  name: 'reference',
  summary: "A key's value must be one of the `urls` declared for the target service (or, with target \"*\", for any other service) in the same environment.",
  options,
  requiredOptions,
  check(rule, config) {
    if (rule.target === ANY_SERVICE) return [];
    const declared = declaredServiceNames(config);
    if (!declared.includes(rule.target)) {
      return [{ path: ['target'], message: `service '${rule.target}' is not declared in the config${suggestionSuffix(rule.target, declared)}; declared: ${declared.join(', ')}` }];
    }
    const withoutUrls = config.environments.filter((environment) => environment.services.some((service) => service.name === rule.target && service.urls.length === 0));
    if (withoutUrls.length === 0) return [];
    const where = withoutUrls.map((environment) => environment.name).join(', ');
    return [{ path: ['target'], message: `service '${rule.target}' declares no 'urls' in ${where}; add them in the config so this rule has something to compare with` }];
  },
  keysNamed: (rule) => [rule.key],
  probes: (rule, config) => {
    const keyMatches = nameMatcher([rule.key]);
    return [
      {
        id: pointsAtTargetProbe(rule),
        appliesTo: keyMatches,
        test: (value, where) => {
          const identity = urlIdentity(value);
          if (identity === undefined) return false;
          const candidates = rule.target === ANY_SERVICE ? config.servicesOf(where.environment).filter((service) => service !== where.service) : [rule.target];
          return candidates.some((service) => config.urlsOf(where.environment, service).some((url) => urlIdentity(url) === identity));
        },
      },
    ];
  },
  evaluate(context) {
    const { rule } = context;
    const keyMatches = nameMatcher([rule.key]);
    forEachReadableVariant(context, ({ environment, service }, variant) => {
      const where = { environment: environment.name, service: service.name, variant: variant.name };
      const targets = targetCandidates(environment, rule.target).filter((candidate) => candidate !== service);
      if (targets.length === 0) {
        // With "*", nothing to compare with is not a pass: say so. A named target absent here is simply not part of it.
        if (rule.target === ANY_SERVICE) context.unevaluated({ ...where, reason: `no other service of ${environment.name} declares urls in envdrift.yaml, so ${rule.key} cannot be checked` });
        return;
      }
      const targetName = rule.target === ANY_SERVICE ? 'another service' : rule.target;
      const expected = targets.flatMap((target) => target.urls).join(', ');
      const entries = isGlob(rule.key) ? [...new Map(variant.entries.filter((entry) => keyMatches(entry.key)).map((entry) => [entry.key, entry])).values()] : context.entries(variant, rule.key).slice(-1);
      if (entries.length === 0 && !isGlob(rule.key)) {
        if (!rule.optional) context.finding({ ...where, key: rule.key, location: variant.origin, detail: `${rule.key} is not set; expected ${targetName}'s URL (${expected})` });
        return;
      }
      for (const entry of entries) {
        // A key that names a service (AUTH_SERVICE_URL) must point at that service — also on that service itself,
        // which may well know its own public URL; only unnamed keys must point at *another* service.
        const named = rule.target === ANY_SERVICE ? serviceNamedByKey(entry.key, environment) : undefined;
        if (named) {
          checkNamedTarget(context, entry, named, environment, where);
          continue;
        }
        const pointsAtTarget = probeResult(entry, pointsAtTargetProbe(rule));
        if (pointsAtTarget === undefined) {
          context.unevaluated({ ...where, key: entry.key, reason: unknownValueReason(entry) });
          continue;
        }
        reportSurroundingWhitespace(context, entry, where);
        if (pointsAtTarget) continue;
        const text = entry.value?.text;
        const actual = text === undefined ? 'does not point at' : `is ${quoted(text)}${describeOwner(text, environment)}, not`;
        context.finding({ ...where, key: entry.key, location: entry.origin, entry, detail: `${entry.key} ${actual} ${targetName}'s URL; expected one of: ${expected}` });
      }
    });
  },
});

/**
 * `AUTH_SERVICE_URL` names its target: when a service called `auth` is declared, the URL must be auth's, not
 * just any service's (the incident: it pointed at the frontend's domain).
 */
function serviceNamedByKey(key: string, environment: EnvironmentInventory): ServiceInventory | undefined {
  const prefix = /^(.+)_SERVICE_URL$/.exec(key)?.[1]?.toLowerCase();
  if (!prefix) return undefined;
  const byName = servicesWithUrlsByName(environment);
  const found = [byName.get(prefix), byName.get(prefix.replaceAll('_', '-'))].filter((candidate) => candidate !== undefined);
  // The first in declaration order, as a scan of the services would find it.
  return found.sort((a, b) => a.index - b.index)[0]?.service;
}

const namedByEnvironment = new WeakMap<EnvironmentInventory, Map<string, { service: ServiceInventory; index: number }>>();

/** Lower-cased name → the first service of that name with urls, built once per environment, not once per entry. */
function servicesWithUrlsByName(environment: EnvironmentInventory): Map<string, { service: ServiceInventory; index: number }> {
  let byName = namedByEnvironment.get(environment);
  if (!byName) {
    byName = new Map();
    environment.services.forEach((service, index) => {
      const name = service.name.toLowerCase();
      if (service.urls.length > 0 && !byName!.has(name)) byName!.set(name, { service, index });
    });
    namedByEnvironment.set(environment, byName);
  }
  return byName;
}

const candidatesByEnvironment = new WeakMap<EnvironmentInventory, Map<string, ServiceInventory[]>>();

/**
 * The services a rule's target can be in an environment (every service with urls for "*", else those of that
 * name), in declaration order, found once per environment and target: a scan per variant made the rule grow with
 * the square of the number of services.
 */
function targetCandidates(environment: EnvironmentInventory, target: string): ServiceInventory[] {
  let byTarget = candidatesByEnvironment.get(environment);
  if (!byTarget) candidatesByEnvironment.set(environment, (byTarget = new Map()));
  let candidates = byTarget.get(target);
  if (!candidates) {
    candidates = environment.services.filter((candidate) => (target === ANY_SERVICE ? candidate.urls.length > 0 : candidate.name === target));
    byTarget.set(target, candidates);
  }
  return candidates;
}

/** Checks a URL against one named service; for values whose text envdrift holds (URLs with credentials are hidden). */
function checkNamedTarget(context: RuleContext, entry: Entry, target: ServiceInventory, environment: EnvironmentInventory, where: { environment: string; service: string; variant: string }): void {
  const text = entry.value?.text;
  if (text === undefined) {
    context.unevaluated({ ...where, key: entry.key, reason: entry.value ? `${entry.key} is sensitive, so which service it names cannot be compared` : unknownValueReason(entry) });
    return;
  }
  reportSurroundingWhitespace(context, entry, where);
  const identity = urlIdentity(text);
  if (identity !== undefined && target.urls.some((url) => urlIdentity(url) === identity)) return;
  context.finding({ ...where, key: entry.key, location: entry.origin, entry, detail: `${entry.key} is ${quoted(text)}${describeOwner(text, environment)}, not ${target.name}'s URL; expected one of: ${target.urls.join(', ')}` });
}

/** Names the service a wrong URL does belong to, which is usually the whole diagnosis. */
function describeOwner(text: string, environment: EnvironmentInventory): string {
  const identity = urlIdentity(text);
  if (identity === undefined) return ' (not an absolute URL)';
  const owner = urlOwners(environment).get(identity);
  return owner ? ` (that is ${owner}'s URL)` : '';
}

const ownersByEnvironment = new WeakMap<EnvironmentInventory, Map<string, string>>();

/** URL identity → service name, built once per environment rather than once per wrong URL. */
function urlOwners(environment: EnvironmentInventory): Map<string, string> {
  let owners = ownersByEnvironment.get(environment);
  if (!owners) {
    owners = new Map();
    for (const service of environment.services) {
      for (const url of service.urls) {
        const identity = urlIdentity(url);
        if (identity !== undefined && !owners.has(identity)) owners.set(identity, service.name);
      }
    }
    ownersByEnvironment.set(environment, owners);
  }
  return owners;
}
