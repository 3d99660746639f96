import { forEachMatchingEntry, probeResult, unknownValueReason } from '../kit/variant-walk.js';
import { nameMatcher } from '../../util/glob.js';
import { defineRuleKind, type RuleWithOptions } from '../rule-kind.js';
import { probeId } from '../kit/probe-id.js';

const DEFAULT_WEAK_WORDS = ['secret', 'password', 'changeme', 'test', 'example', 'default', 'admin', '123456'];
const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs such as JWT_SECRET*' },
  minLength: { type: 'integer', minimum: 1, description: 'the fewest characters a value may have (default 32)' },
  weakWords: { type: 'array', items: { type: 'string', minLength: 1 }, description: `words no value may contain, any case (default: ${DEFAULT_WEAK_WORDS.join(', ')})` },
} as const;
const requiredOptions = ['keys'] as const;
type StrengthRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

const lengthProbe = (rule: StrengthRule) => probeId(rule, 'min-length');
const wordsProbe = (rule: StrengthRule) => probeId(rule, 'weak-words');

/**
 * `strength`: secrets are long enough and contain no weak word. Both are decided inside the source where the
 * value is read; the finding says only which requirement failed — never the value or its length.
 */
export const strengthKind = defineRuleKind({
  name: 'strength',
  summary: 'Values of the keys (names or globs) must be at least minLength characters and contain none of the weak words.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  probes(rule) {
    const appliesTo = nameMatcher(rule.keys);
    const minLength = rule.minLength ?? 32;
    const words = (rule.weakWords ?? DEFAULT_WEAK_WORDS).map((word) => word.toLowerCase());
    return [
      { id: lengthProbe(rule), appliesTo, test: (value: string) => [...value.trim()].length >= minLength },
      { id: wordsProbe(rule), appliesTo, test: (value: string) => !words.some((word) => value.toLowerCase().includes(word)) },
    ];
  },
  evaluate(context) {
    const { rule } = context;
    forEachMatchingEntry(context, rule.keys, (where, key, entry) => {
      const longEnough = probeResult(entry, lengthProbe(rule));
      const noWeakWord = probeResult(entry, wordsProbe(rule));
      if (longEnough === undefined || noWeakWord === undefined) {
        context.unevaluated({ ...where, key, reason: unknownValueReason(entry) });
        return;
      }
      const problems = [
        ...(longEnough ? [] : [`is shorter than the required ${rule.minLength ?? 32} characters`]),
        ...(noWeakWord ? [] : ['contains a weak word (such as secret, test or changeme)']),
      ];
      if (problems.length > 0) context.finding({ ...where, key, location: entry.origin, entry, detail: `${key} ${problems.join(' and ')}` });
    });
  },
});
