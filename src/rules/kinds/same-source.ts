import { nameMatcher } from '../../util/glob.js';
import type { Entry } from '../../model/inventory.js';
import { defineRuleKind } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs; ["*"] for all' },
} as const;
const requiredOptions = ['keys'] as const;

interface Sighting {
  environment: string;
  place: string;
  entry: Entry;
}

/**
 * `same-source`: a key is a literal everywhere or a secret reference everywhere, across the environments and
 * revisions of a service. Cloud Run refuses to turn a plain variable into a secret reference (or back) in one
 * deploy, and a key that flips is usually a half-finished migration.
 */
export const sameSourceKind = defineRuleKind({
  name: 'same-source',
  summary: 'Each key (names or globs) of a service must be a literal everywhere or a secret reference everywhere, across environments and revisions.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  evaluate(context) {
    const matches = nameMatcher(context.rule.keys);
    const byServiceKey = new Map<string, Sighting[]>();
    for (const { environment, service } of context.targets) {
      if (service.unreadable !== undefined) {
        context.unevaluated({ environment: environment.name, service: service.name, reason: service.unreadable });
        continue;
      }
      for (const variant of service.variants) {
        const place = service.variants.length > 1 ? `${environment.name} (${variant.name})` : environment.name;
        for (const entry of variant.entries) {
          if (!matches(entry.key)) continue;
          const id = `${service.name}\u0000${entry.key}`;
          const list = byServiceKey.get(id) ?? [];
          list.push({ environment: environment.name, place, entry });
          byServiceKey.set(id, list);
        }
      }
    }
    for (const [id, sightings] of byServiceKey) {
      const secret = sightings.filter((sighting) => sighting.entry.source.kind === 'secret');
      const literal = sightings.filter((sighting) => sighting.entry.source.kind === 'literal');
      if (secret.length === 0 || literal.length === 0) continue;
      const [service, key] = id.split('\u0000') as [string, string];
      const odd = literal.length <= secret.length ? literal : secret;
      const first = odd[0]!;
      context.finding({
        environment: first.environment,
        service,
        key,
        location: first.entry.origin,
        entry: first.entry,
        detail: `${service} ${key} is a secret reference in ${places(secret)} but a literal in ${places(literal)}`,
        related: sightings.filter((sighting) => sighting !== first).map((sighting) => ({ origin: sighting.entry.origin, note: `${sighting.entry.source.kind === 'secret' ? 'secret reference' : 'literal'} in ${sighting.place}` })),
      });
    }
  },
});

function places(sightings: Sighting[]): string {
  return [...new Set(sightings.map((sighting) => sighting.place))].join(', ');
}
