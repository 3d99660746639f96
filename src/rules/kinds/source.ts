import type { Entry, SecretRef } from '../../model/inventory.js';
import { forEachMatchingEntry, unpinnedDetail, type EntryPlace } from '../kit/variant-walk.js';
import { defineRuleKind } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs such as *SECRET*' },
  from: { enum: ['secret', 'literal'], description: 'where present values must come from' },
  pinned: { type: 'boolean', description: 'secret references must name a version number, not latest or an alias' },
} as const;
const requiredOptions = ['keys'] as const;

/**
 * `source`: where the values of present keys come from. With `from: secret`, a secret-like key held as a
 * plain literal in a deployed service is a finding (it sits in the service spec for anyone with
 * `run.services.get`); with `pinned: true`, a secret reference to `latest` or an alias is one.
 */
export const sourceKind = defineRuleKind({
  name: 'source',
  summary: 'Present keys (names or globs) must come from a secret reference (or a literal), and/or name a pinned secret version.',
  options,
  requiredOptions,
  check: (rule) => (rule.from === undefined && !rule.pinned ? [{ path: [], message: `rule ${rule.id} needs 'from' or 'pinned: true' (or both)` }] : []),
  keysNamed: (rule) => rule.keys,
  evaluate(context) {
    const { rule } = context;
    // A service that floats many references on `latest` has one cause to fix: one finding per service lists them.
    const unpinned = new Map<string, { where: EntryPlace; variants: Set<string>; references: Map<string, Entry & { source: SecretRef }> }>();
    forEachMatchingEntry(context, rule.keys, (where, key, entry) => {
      if (rule.from !== undefined && entry.source.kind !== rule.from) {
        const detail =
          rule.from === 'secret'
            ? `${key} is a plain literal; a secret-like value belongs in Secret Manager, referenced by version`
            : `${key} is a secret reference; expected a literal value`;
        context.finding({ ...where, key, location: entry.origin, entry, detail });
      }
      if (rule.pinned && entry.source.kind === 'secret' && !/^\d+$/.test(entry.source.version)) {
        const service = `${where.environment}\u0000${where.service}`;
        if (!unpinned.has(service)) unpinned.set(service, { where, variants: new Set(), references: new Map() });
        const found = unpinned.get(service)!;
        found.variants.add(where.variant);
        if (!found.references.has(key)) found.references.set(key, entry as Entry & { source: SecretRef });
      }
    });
    for (const { where, variants, references } of unpinned.values()) {
      const [first, ...others] = [...references.values()];
      const variant = [...variants].join(', ');
      if (others.length === 0) {
        context.finding({ ...where, variant, key: first!.key, location: first!.origin, entry: first!, detail: unpinnedDetail(first!.key, first!.source) });
        continue;
      }
      const listed = [first!, ...others].map((entry) => `${entry.key} → ${entry.source.secret}@${entry.source.version}${entry.source.resolvedVersion ? ` (today ${entry.source.resolvedVersion})` : ''}`).join(', ');
      context.finding({
        ...where,
        variant,
        location: first!.origin,
        detail: `${others.length + 1} secret references of ${where.service} follow 'latest' or an alias: ${listed}; pin version numbers so a new version cannot change them unreviewed`,
      });
    }
  },
});
