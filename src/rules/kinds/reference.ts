import { suggestionSuffix } from '../../config/did-you-mean.js';
import { reportSurroundingWhitespace } from '../../engine/value-hygiene.js';
import { forEachReadableVariant, probeResult, quoted, unknownValueReason } from '../../engine/variant-walk.js';
import type { EnvironmentInventory } from '../../inventory/types.js';
import { declaredServiceNames, defineRuleKind } from '../rule-kind.js';
import { probeId } from '../probe-id.js';
import type { Rule } from '../rule-types.js';
import { urlIdentity } from '../url-identity.js';

type ReferenceRule = Rule & { key: string; target: string; optional?: boolean };

const pointsAtTargetProbe = (rule: ReferenceRule) => probeId(rule, 'points-at-target');

/**
 * `reference`: a key's value must be one of the URLs declared for another service of the same environment
 * (`AUTH_SERVICE_URL` must reach auth — not a stale `*.run.app` URL, not the frontend's domain).
 */
export const referenceKind = defineRuleKind<ReferenceRule>({
  name: 'reference',
  summary: "A key's value must be one of the `urls` declared for the target service in the same environment.",
  options: {
    key: { type: 'string', minLength: 1, description: 'the exact key name, e.g. AUTH_SERVICE_URL' },
    target: { type: 'string', minLength: 1, description: 'the service the value must point at, e.g. auth' },
    optional: { type: 'boolean', description: 'accept the key being absent (default false)' },
  },
  requiredOptions: ['key', 'target'],
  check(rule, config) {
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
  probes: (rule, config) => [
    {
      id: pointsAtTargetProbe(rule),
      appliesTo: (key) => key === rule.key,
      test: (value, where) => {
        const identity = urlIdentity(value);
        return identity !== undefined && config.urlsOf(where.environment, rule.target).some((url) => urlIdentity(url) === identity);
      },
    },
  ],
  evaluate(context) {
    const { rule } = context;
    forEachReadableVariant(context, ({ environment, service }, variant) => {
      const targetService = environment.services.find((candidate) => candidate.name === rule.target);
      if (!targetService || service === targetService) return; // no target here, or the target itself
      const where = { environment: environment.name, service: service.name, variant: variant.name };
      const expected = targetService.urls.join(', ');
      const entry = context.entries(variant, rule.key).at(-1);
      if (!entry) {
        if (!rule.optional) context.finding({ ...where, key: rule.key, location: variant.origin, detail: `${rule.key} is not set; expected ${rule.target}'s URL (${expected})` });
        return;
      }
      const pointsAtTarget = probeResult(entry, pointsAtTargetProbe(rule));
      if (pointsAtTarget === undefined) {
        context.unevaluated({ ...where, key: rule.key, reason: unknownValueReason(entry) });
        return;
      }
      reportSurroundingWhitespace(context, entry, where);
      if (pointsAtTarget) return;
      const text = entry.value?.text;
      const actual = text === undefined ? 'does not point at' : `is ${quoted(text)}${describeOwner(text, environment)}, not`;
      context.finding({ ...where, key: rule.key, location: entry.origin, entry: entry, detail: `${rule.key} ${actual} ${rule.target}'s URL; expected one of: ${expected}` });
    });
  },
});

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
