import type { ConfigVariant, EnvironmentInventory, ServiceInventory } from '../../model/inventory.js';
import { nameMatcher } from '../../util/glob.js';
import type { RuleContext } from '../rule-kind.js';
import { defineRuleKind, type RuleWithOptions } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs to compare; ["*"] for all' },
  ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'key names or globs that may legitimately differ (test switches, debug flags)' },
  across: { type: 'array', minItems: 1, items: { enum: ['environments', 'services'] }, description: 'what to compare: a service with itself in the other environments, and/or a service with the other services of its environment (default both)' },
  minimumPeers: { type: 'integer', minimum: 1, description: 'with across: services, the fewest other services that must all have a key before its absence is reported (default 3)' },
} as const;
const requiredOptions = ['keys'] as const;
type ParityRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

/** Local (.env) and deployed configuration are compared with their own kind only. */
type ConfigurationKind = 'local' | 'deployed';
const KINDS: readonly ConfigurationKind[] = ['local', 'deployed'];
const DEFAULT_MINIMUM_PEERS = 3;

/**
 * `parity`: a key a service has in every other environment but lacks in this one, or a key every other service
 * of an environment has but one lacks. The incidents: a backend deployed without four keys it had everywhere
 * else; deploy tooling that silently dropped env vars. One finding per service lists every missing key.
 */
export const parityKind = defineRuleKind({
  name: 'parity',
  summary: 'A key a service has in every other environment (or every other service of its environment has) must not be missing from it.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  evaluate(context) {
    for (const { environment, service } of context.targets) {
      if (service.unreadable !== undefined) context.unevaluated({ environment: environment.name, service: service.name, reason: service.unreadable });
    }
    const across = context.rule.across ?? ['environments', 'services'];
    for (const kind of KINDS) {
      if (across.includes('environments')) compareAcrossEnvironments(context, kind);
      if (across.includes('services')) compareAcrossServices(context, kind);
    }
  },
});

/** The key set of a service's first configuration of a kind (the `.env` files, or the Cloud Run template). */
function primaryVariant(service: ServiceInventory, kind: ConfigurationKind): ConfigVariant | undefined {
  return service.variants.find((variant) => kindOf(variant) === kind);
}

function kindOf(variant: ConfigVariant): ConfigurationKind {
  return variant.origin.kind === 'cloudrun' || variant.origin.kind === 'manifest' ? 'deployed' : 'local';
}

function comparedKeys(rule: ParityRule): (key: string) => boolean {
  const included = nameMatcher(rule.keys);
  const ignored = rule.ignore && rule.ignore.length > 0 ? nameMatcher(rule.ignore) : () => false;
  return (key) => included(key) && !ignored(key);
}

function keysOf(variant: ConfigVariant, compared: (key: string) => boolean): Set<string> {
  return new Set(variant.entries.map((entry) => entry.key).filter(compared));
}

function compareAcrossEnvironments(context: RuleContext<ParityRule>, kind: ConfigurationKind): void {
  const compared = comparedKeys(context.rule);
  const byService = new Map<string, Array<{ environment: EnvironmentInventory; service: ServiceInventory }>>();
  // Peers come from every environment the rule may see, not only the selected ones: production's keys are
  // the evidence for staging even when a rule selects staging alone.
  for (const environment of context.inventory.environments) {
    for (const service of environment.services) byService.set(service.name, [...(byService.get(service.name) ?? []), { environment, service }]);
  }
  for (const { environment, service } of context.targets) {
    const variant = service.unreadable === undefined ? primaryVariant(service, kind) : undefined;
    const peers = (byService.get(service.name) ?? []).filter((peer) => peer.environment !== environment);
    const readablePeers = peers.filter((peer) => peer.service.unreadable === undefined && primaryVariant(peer.service, kind));
    if (!variant || readablePeers.length === 0) continue;
    const where = { environment: environment.name, service: service.name };
    const unreadablePeer = peers.find((peer) => peer.service.unreadable !== undefined);
    if (unreadablePeer) {
      context.unevaluated({ ...where, reason: unreadablePeer.service.unreadable! });
      continue;
    }
    const own = keysOf(variant, compared);
    const peerKeys = readablePeers.map((peer) => keysOf(primaryVariant(peer.service, kind)!, compared));
    const missing = [...peerKeys[0]!].filter((key) => !own.has(key) && peerKeys.every((keys) => keys.has(key))).sort();
    if (missing.length === 0) continue;
    const elsewhere = readablePeers.map((peer) => peer.environment.name).join(' and ');
    context.finding({
      ...where,
      variant: variant.name,
      ...(missing.length === 1 && { key: missing[0]! }),
      location: variant.origin,
      detail: `${service.name} in ${environment.name} lacks ${missing.join(', ')}, which it has in ${elsewhere}`,
    });
  }
}

function compareAcrossServices(context: RuleContext<ParityRule>, kind: ConfigurationKind): void {
  const compared = comparedKeys(context.rule);
  const minimumPeers = context.rule.minimumPeers ?? DEFAULT_MINIMUM_PEERS;
  for (const { environment, service } of context.targets) {
    const variant = service.unreadable === undefined ? primaryVariant(service, kind) : undefined;
    if (!variant) continue;
    const peers = environment.services.filter((peer) => peer !== service && (peer.unreadable !== undefined || primaryVariant(peer, kind)));
    if (peers.length < minimumPeers) continue;
    const where = { environment: environment.name, service: service.name };
    const unreadablePeer = peers.find((peer) => peer.unreadable !== undefined);
    if (unreadablePeer) {
      context.unevaluated({ ...where, reason: unreadablePeer.unreadable! });
      continue;
    }
    const own = keysOf(variant, compared);
    const peerKeys = peers.map((peer) => keysOf(primaryVariant(peer, kind)!, compared));
    const missing = [...peerKeys[0]!].filter((key) => !own.has(key) && peerKeys.every((keys) => keys.has(key))).sort();
    if (missing.length === 0) continue;
    context.finding({
      ...where,
      variant: variant.name,
      ...(missing.length === 1 && { key: missing[0]! }),
      location: variant.origin,
      detail: `${service.name} lacks ${missing.join(', ')}, which every other service of ${environment.name} (${peers.map((peer) => peer.name).join(', ')}) has`,
    });
  }
}
