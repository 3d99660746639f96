import { reportSurroundingWhitespace } from '../../engine/value-hygiene.js';
import { forEachReadableVariant, unknownValueReason } from '../../engine/variant-walk.js';
import { nameMatcher } from '../../util/glob.js';
import { defineRuleKind } from '../rule-kind.js';
import type { Rule } from '../rule-types.js';

type TrimmedRule = Rule & { keys: string[] };

/**
 * `trimmed`: values must not start or end with whitespace or a line break — secret payloads included, which
 * are checked inside the source. The incident: a SERVICE_ID secret created with `echo` carried a newline.
 */
export const trimmedKind = defineRuleKind<TrimmedRule>({
  name: 'trimmed',
  summary: 'Values of the keys (names or globs) must not start or end with whitespace or a line break; secret payloads included.',
  options: {
    keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs; ["*"] for all' },
  },
  requiredOptions: ['keys'],
  keysNamed: (rule) => rule.keys,
  // The whitespace of a secret can only be seen in its payload, so the payload must be read.
  comparesValues: true,
  evaluate(context) {
    const matches = nameMatcher(context.rule.keys);
    forEachReadableVariant(context, ({ environment, service }, variant) => {
      const where = { environment: environment.name, service: service.name, variant: variant.name };
      const lastByKey = new Map(variant.entries.filter((entry) => matches(entry.key)).map((entry) => [entry.key, entry]));
      for (const [key, entry] of lastByKey) {
        if (!entry.value) context.unevaluated({ ...where, key, reason: unknownValueReason(entry) });
        else reportSurroundingWhitespace(context, entry, where);
      }
    });
  },
});
