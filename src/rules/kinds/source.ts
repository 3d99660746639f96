import { forEachMatchingEntry, unpinnedDetail } from '../kit/variant-walk.js';
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
    forEachMatchingEntry(context, rule.keys, (where, key, entry) => {
      if (rule.from !== undefined && entry.source.kind !== rule.from) {
        const detail =
          rule.from === 'secret'
            ? `${key} is a plain literal; a secret-like value belongs in Secret Manager, referenced by version`
            : `${key} is a secret reference; expected a literal value`;
        context.finding({ ...where, key, location: entry.origin, entry, detail });
      }
      if (rule.pinned && entry.source.kind === 'secret' && !/^\d+$/.test(entry.source.version)) {
        context.finding({ ...where, key, location: entry.origin, entry, detail: unpinnedDetail(key, entry.source) });
      }
    });
  },
});
