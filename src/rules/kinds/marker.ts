import type { ConfigVariant, Entry, ServiceInventory } from '../../model/inventory.js';
import { quoted, unknownValueReason } from '../kit/variant-walk.js';
import { defineRuleKind, type RuleContext, type RuleWithOptions } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'the marker keys, e.g. ENVIRONMENT, APP_ENV, NODE_ENV (exact names)' },
} as const;
const requiredOptions = ['keys'] as const;
type MarkerRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

/**
 * `marker`: when the services of an environment declare which environment they are in (`ENVIRONMENT`,
 * `APP_ENV`, `NODE_ENV`, …), every one of them must, with the same value. The incident: code blocked test
 * switches only when ENVIRONMENT=production, so a service that lost ENVIRONMENT silently re-enabled an auth
 * bypass. A marker no service declares is not asked for: that is `require`'s job.
 */
export const markerKind = defineRuleKind({
  name: 'marker',
  summary: 'If any service of an environment sets an environment marker key, every service (and every serving revision) must set it, to the same value.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  comparesValues: true,
  evaluate(context) {
    for (const environment of context.environments) {
      const services = context.targets.filter((target) => target.environment === environment).map((target) => target.service);
      for (const service of services) {
        if (service.unreadable !== undefined) context.unevaluated({ environment: environment.name, service: service.name, reason: service.unreadable });
      }
      const readable = services.filter((service) => service.unreadable === undefined);
      for (const key of context.rule.keys) checkMarker(context, environment.name, readable, key);
    }
  },
});

function checkMarker(context: RuleContext<MarkerRule>, environment: string, services: readonly ServiceInventory[], key: string): void {
  const sightings: Array<{ service: ServiceInventory; variant: ConfigVariant; entry: Entry | undefined }> = services.flatMap((service) =>
    service.variants.map((variant) => ({ service, variant, entry: context.entries(variant, key).at(-1) })),
  );
  const setters = [...new Set(sightings.filter((sighting) => sighting.entry).map((sighting) => sighting.service.name))];
  if (setters.length === 0) return;
  for (const { service, variant, entry } of sightings) {
    if (entry) continue;
    const others = setters.filter((name) => name !== service.name);
    const declaredBy = others.length > 0 ? `${others.join(', ')} set${others.length === 1 ? 's' : ''} it` : `its other configurations set it`;
    context.finding({
      environment, service: service.name, variant: variant.name, key, location: variant.origin,
      detail: `${key} is not set on ${named(service, variant)}, while ${declaredBy}: code that checks ${key} to turn off test switches treats this service as not ${environment}`,
    });
  }
  const valued = sightings.filter((sighting): sighting is typeof sighting & { entry: Entry } => sighting.entry !== undefined);
  const unknown = valued.filter((sighting) => !sighting.entry.value);
  for (const { service, variant, entry } of unknown) context.unevaluated({ environment, service: service.name, variant: variant.name, key, reason: unknownValueReason(entry) });
  if (unknown.length > 0) return;
  // The value most services hold is the reference; each service that holds another is reported, once.
  const counts = new Map<string, number>();
  for (const { entry } of valued) counts.set(entry.value!.fingerprint, (counts.get(entry.value!.fingerprint) ?? 0) + 1);
  if (counts.size < 2) return;
  const reference = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const holders = valued.filter((sighting) => sighting.entry.value!.fingerprint === reference);
  const referenceText = holders[0]!.entry.value!.text;
  for (const { service, variant, entry } of valued) {
    if (entry.value!.fingerprint === reference) continue;
    const found = entry.value!.text !== undefined ? `is ${quoted(entry.value!.text)}` : 'holds another value';
    const expected = referenceText !== undefined ? quoted(referenceText) : 'their value';
    context.finding({
      environment, service: service.name, variant: variant.name, key, location: entry.origin, entry,
      detail: `${key} ${found} on ${named(service, variant)}, while ${[...new Set(holders.map((holder) => holder.service.name))].join(', ')} say ${expected}`,
    });
  }
}

/** A service, with the variant when it has several (its template and serving revisions). */
function named(service: ServiceInventory, variant: ConfigVariant): string {
  return service.variants.length > 1 ? `${service.name} (${variant.name})` : service.name;
}
