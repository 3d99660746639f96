import { reportSurroundingWhitespace } from '../kit/value-hygiene.js';
import { forEachMatchingEntry, unknownValueReason } from '../kit/variant-walk.js';
import { defineRuleKind } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs; ["*"] for all' },
} as const;
const requiredOptions = ['keys'] as const;

/**
 * `trimmed`: values must not start or end with whitespace or a line break — secret payloads included, which
 * are checked inside the source. The incident: a SERVICE_ID secret created with `echo` carried a newline.
 */
export const trimmedKind = defineRuleKind({
  name: 'trimmed',
  summary: 'Values of the keys (names or globs) must not start or end with whitespace or a line break; secret payloads included.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  // The whitespace of a secret can only be seen in its payload, so the payload must be read.
  comparesValues: true,
  evaluate(context) {
    forEachMatchingEntry(context, context.rule.keys, (where, key, entry) => {
      if (!entry.value) context.unevaluated({ ...where, key, reason: unknownValueReason(entry) });
      else reportSurroundingWhitespace(context, entry, where);
    });
  },
});
