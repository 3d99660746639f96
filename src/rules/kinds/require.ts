import { forEachReadableVariant, probeResult, unpinnedDetail } from '../kit/variant-walk.js';
import { defineRuleKind, type RuleWithOptions } from '../rule-kind.js';
import { probeId } from '../kit/probe-id.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'exact key names' },
  from: { enum: ['any', 'secret', 'literal'], description: 'where the value must come from (default any)' },
  allowEmpty: { type: 'boolean', description: 'accept an empty value (default false)' },
  pinned: { type: 'boolean', description: 'secret references must name a version number, not latest or an alias (default false)' },
} as const;
const requiredOptions = ['keys'] as const;
type RequireRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

const nonEmptyProbe = (rule: RequireRule) => probeId(rule, 'non-empty');

/** `require`: keys must be present (optionally as a secret reference, or as a literal, or pinned), and not empty. */
export const requireKind = defineRuleKind({
  name: 'require',
  summary: 'Keys must be present on every selected service; optionally from a secret reference, or as a literal.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  probes: (rule) =>
    rule.allowEmpty ? [] : [{ id: nonEmptyProbe(rule), passive: true, appliesTo: (key) => rule.keys.includes(key), test: (value) => value.trim() !== '' }],
  evaluate(context) {
    const { rule } = context;
    const from = rule.from ?? 'any';
    forEachReadableVariant(context, ({ environment, service }, variant) => {
      const where = { environment: environment.name, service: service.name, variant: variant.name };
      for (const key of rule.keys) {
        const entries = context.entries(variant, key);
        const last = entries[entries.length - 1];
        if (!last) {
          context.finding({ ...where, key, location: variant.origin, detail: `${key} is not set` });
          continue;
        }
        if (from !== 'any' && last.source.kind !== from) {
          const found = last.source.kind === 'secret' ? 'a secret reference' : 'a literal value';
          const expected = from === 'secret' ? 'a secret reference' : 'a literal value';
          context.finding({ ...where, key, location: last.origin, entry: last, detail: `${key} is ${found}, expected ${expected}` });
          continue;
        }
        if (rule.pinned && last.source.kind === 'secret' && !/^\d+$/.test(last.source.version)) {
          context.finding({ ...where, key, location: last.origin, entry: last, detail: unpinnedDetail(key, last.source) });
        }
        if (!rule.allowEmpty && probeResult(last, nonEmptyProbe(rule)) === false) {
          context.finding({ ...where, key, location: last.origin, entry: last, detail: `${key} is set but empty` });
        }
      }
    });
  },
});
