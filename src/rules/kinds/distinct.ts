import { groupByValue } from '../kit/value-groups.js';
import { unknownValueReason } from '../kit/variant-walk.js';
import type { Entry } from '../../model/inventory.js';
import { isGlob, nameMatcher } from '../../util/glob.js';
import { defineRuleKind } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs such as *SECRET*' },
} as const;
const requiredOptions = ['keys'] as const;

interface Sighting {
  environment: string;
  label: string;
  entry: Entry;
}

/**
 * `distinct`: a key's value must differ across environments, so a production secret is never reused in
 * staging (where more people and more tools can read it).
 */
export const distinctKind = defineRuleKind({
  name: 'distinct',
  summary: 'For each selected service, the keys must hold a different value in every selected environment.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  comparesValues: true,
  evaluate(context) {
    const { rule } = context;
    const targetsByService = new Map<string, typeof context.targets>();
    for (const target of context.targets) {
      const list = targetsByService.get(target.service.name);
      if (list) list.push(target);
      else targetsByService.set(target.service.name, [target]);
    }
    const matches = nameMatcher(rule.keys);
    for (const [serviceName, targets] of targetsByService) {
      // Globs (`*SECRET*`) stand for every matching key any environment of the service has.
      const keys = new Set(rule.keys.filter((key) => !isGlob(key)));
      for (const { service } of targets) for (const variant of service.variants) for (const entry of variant.entries) if (matches(entry.key)) keys.add(entry.key);
      for (const key of keys) {
        const sightings: Sighting[] = [];
        let complete = true;
        for (const { environment, service } of targets) {
          if (service.unreadable !== undefined) {
            context.unevaluated({ environment: environment.name, service: serviceName, key, reason: service.unreadable });
            complete = false;
            continue;
          }
          for (const variant of service.variants) {
            const entry = context.entries(variant, key).at(-1);
            if (!entry) continue; // absence is `require`'s business
            if (!entry.value) {
              context.unevaluated({ environment: environment.name, service: serviceName, variant: variant.name, key, reason: unknownValueReason(entry) });
              complete = false;
              continue;
            }
            const label = service.variants.length > 1 ? `${environment.name} (${variant.name})` : environment.name;
            sightings.push({ environment: environment.name, label, entry });
          }
        }
        if (!complete) continue;
        for (const group of groupByValue(sightings.map((sighting) => sighting.entry))) {
          const inGroup = sightings.filter((sighting) => group.entries.includes(sighting.entry));
          if (new Set(inGroup.map((sighting) => sighting.environment)).size < 2) continue;
          const [first, ...others] = inGroup;
          context.finding({
            environment: first!.environment,
            service: serviceName,
            key,
            location: first!.entry.origin, entry: first!.entry,
            detail: `${serviceName} ${key} holds the same value in ${[...new Set(inGroup.map((sighting) => sighting.environment))].join(' and ')}; each environment needs its own`,
            related: others.map((sighting) => ({ origin: sighting.entry.origin, note: `same value in ${sighting.label}` })),
          });
        }
      }
    }
  },
});
