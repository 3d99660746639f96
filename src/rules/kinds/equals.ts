import { reportSurroundingWhitespace } from '../kit/value-hygiene.js';
import { forEachReadableVariant, probeResult, quoted, shownValue, unknownValueReason } from '../kit/variant-walk.js';
import { defineRuleKind, type RuleWithOptions } from '../rule-kind.js';
import { probeId } from '../kit/probe-id.js';

const options = {
  key: { type: 'string', minLength: 1, description: 'the exact key name' },
  value: { type: 'string', description: 'the expected value; may contain {environment} and {service}' },
  values: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'instead of value: the allowed values (e.g. the service identities auth accepts)' },
  optional: { type: 'boolean', description: 'accept the key being absent (default false)' },
} as const;
const requiredOptions = ['key'] as const;
type EqualsRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

const equalsProbe = (rule: EqualsRule) => probeId(rule, 'equals');
const equalsTrimmedProbe = (rule: EqualsRule) => probeId(rule, 'equals-trimmed');

/** The expected value, with `{environment}` and `{service}` filled in (so one rule covers `ENVIRONMENT=staging` and `=production`). */
export function expectedValues(rule: EqualsRule, where: { environment: string; service: string }): string[] {
  return (rule.values ?? [rule.value!]).map((value) => value.replaceAll('{environment}', where.environment).replaceAll('{service}', where.service));
}

/** `equals`: a key's value equals a constant, exactly (surrounding whitespace is a finding of its own). */
export const equalsKind = defineRuleKind({
  name: 'equals',
  summary: 'A key must hold exactly the given value (or one of the given values); `{environment}` and `{service}` are filled in.',
  options,
  requiredOptions,
  check: (rule) => ((rule.value === undefined) === (rule.values === undefined) ? [{ path: [], message: `rule ${rule.id} needs exactly one of 'value' or 'values'` }] : []),
  keysNamed: (rule) => [rule.key],
  probes: (rule) => [
    { id: equalsProbe(rule), appliesTo: (key) => key === rule.key, test: (value, where) => expectedValues(rule, where).includes(value) },
    { id: equalsTrimmedProbe(rule), appliesTo: (key) => key === rule.key, test: (value, where) => expectedValues(rule, where).includes(value.trim()) },
  ],
  evaluate(context) {
    const { rule } = context;
    forEachReadableVariant(context, ({ environment, service }, variant) => {
      const where = { environment: environment.name, service: service.name, variant: variant.name };
      const entry = context.entries(variant, rule.key).at(-1);
      const expected = expectedValues(rule, { environment: environment.name, service: service.name });
      const sensitive = context.isSensitiveKey(rule.key) || (entry?.value !== undefined && entry.value.text === undefined);
      const expectation = sensitive ? 'the value the rule expects' : expected.length === 1 ? quoted(expected[0]!) : `one of ${expected.map(quoted).join(', ')}`;
      if (!entry) {
        if (!rule.optional) context.finding({ ...where, key: rule.key, location: variant.origin, detail: `${rule.key} is not set; expected ${expectation}` });
        return;
      }
      const equal = probeResult(entry, equalsProbe(rule));
      if (equal === undefined) {
        context.unevaluated({ ...where, key: rule.key, reason: unknownValueReason(entry) });
        return;
      }
      if (reportSurroundingWhitespace(context, entry, where) && probeResult(entry, equalsTrimmedProbe(rule))) return;
      if (!equal) context.finding({ ...where, key: rule.key, location: entry.origin, entry, detail: `${rule.key} is ${shownValue(entry)}, expected ${expectation}` });
    });
  },
});
