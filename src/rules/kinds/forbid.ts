import { forEachMatchingEntry, probeResult, unknownValueReason } from '../kit/variant-walk.js';
import { nameMatcher } from '../../util/glob.js';
import { defineRuleKind, type RuleWithOptions } from '../rule-kind.js';
import { probeId } from '../kit/probe-id.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs such as *_BYPASS*' },
  when: { enum: ['present', 'truthy'], description: "'present' (any value, even false) or 'truthy' (1, true, yes, on)" },
} as const;
const requiredOptions = ['keys', 'when'] as const;
type ForbidRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
const truthyProbe = (rule: ForbidRule) => probeId(rule, 'truthy');

/**
 * `forbid`: keys must be absent. Real systems disagree on what "set" means (some test `if VAR`, some test
 * `VAR == "true"`), so the rule must say which: `present` (any value, even `false`) or `truthy`.
 */
export const forbidKind = defineRuleKind({
  name: 'forbid',
  summary: 'Keys (names or globs) must be absent: present at all, or set to a truthy value (1, true, yes, on).',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  probes(rule) {
    if (rule.when !== 'truthy') return [];
    const matches = nameMatcher(rule.keys);
    return [{ id: truthyProbe(rule), appliesTo: matches, test: (value) => TRUTHY.has(value.trim().toLowerCase()) }];
  },
  evaluate(context) {
    const { rule } = context;
    forEachMatchingEntry(context, rule.keys, (where, key, entry) => {
      if (rule.when === 'present') {
        context.finding({ ...where, key, location: entry.origin, entry, detail: `${key} is set; it must not be present here at all` });
        return;
      }
      const truthy = probeResult(entry, truthyProbe(rule));
      if (truthy === undefined) context.unevaluated({ ...where, key, reason: unknownValueReason(entry) });
      else if (truthy) context.finding({ ...where, key, location: entry.origin, entry, detail: `${key} is set to a truthy value; it must be off or absent here` });
    });
  },
});
