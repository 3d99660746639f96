import { unique, uniqueBy } from './infer-collections.js';
import { allKeys, isPlainKey, occurrencesOf, type Occurrence } from './infer-observe.js';
import { DESCRIBE_STATE, describeHolders, environmentSelector, list, slug } from './infer-rule-parts.js';
import type { Context, InferredRule } from './infer-types.js';

/**
 * `equals` rules: a plain (quotable) key that held one value everywhere, its environment's name or its service's
 * name; failing that, one value on several services of one environment.
 */

export function equalsRules(context: Context): InferredRule[] {
  const rules: InferredRule[] = [];
  for (const key of allKeys(context)) {
    const occurrences = occurrencesOf(context, key);
    if (!isPlainKey(context, key, occurrences)) continue;
    // Whitespace around a value is a finding of its own (trimmed, equals); a literal placeholder would be filled in.
    if (occurrences.some(({ entry }) => entry.value!.surroundingWhitespace || entry.value!.containsNewline || /\{(environment|service)\}/.test(entry.value!.text!))) continue;
    const holders = uniqueBy(occurrences.map(({ read }) => read), (read) => `${read.environment}/${read.service}`);
    if (holders.length < 2) continue; // one service in one environment is no evidence of a constant
    const texts = (predicate: (occurrence: Occurrence) => boolean) => occurrences.every(predicate);
    const seenOn = describeHolders(holders);
    const rule = (value: string, evidence: string, extra: Partial<InferredRule> = {}): InferredRule => ({
      id: `init/${slug(key)}-equals`,
      kind: 'equals',
      severity: 'error',
      description: `${key} held ${value.includes('{') ? 'this value' : 'the same value'} on every service that set it ${DESCRIBE_STATE}.`,
      remediation: 'Set {key} on {service} to the expected value, as on the other services that set it.',
      evidence: [evidence],
      ...environmentSelector(context, context.environments),
      ...extra,
      options: { key, value, optional: true },
    });
    if (texts(({ read, entry }) => entry.value!.text === read.environment)) {
      rules.push({ ...rule('{environment}', `Held the name of its environment wherever it was set: ${seenOn}.`), remediation: 'Set {key}={environment} on {service}.' });
    } else if (texts(({ read, entry }) => entry.value!.text === read.service)) {
      rules.push({ ...rule('{service}', `Held the name of its service wherever it was set: ${seenOn}.`), remediation: 'Set {key}={service} on {service} in {environment}.' });
    } else if (texts(({ entry }) => entry.value!.text === occurrences[0]!.entry.value!.text)) {
      rules.push(rule(occurrences[0]!.entry.value!.text!, `Held this one value wherever it was set: ${seenOn}.`));
    } else {
      // Not one value overall: an `equals` per environment where several services agree on one value.
      for (const environment of context.environments) {
        const here = occurrences.filter(({ read }) => read.environment === environment);
        const servicesHere = unique(here.map(({ read }) => read.service)).sort();
        if (here.length === 0) continue;
        const values = unique(here.map(({ entry }) => entry.value!.fingerprint));
        if (values.length > 1) {
          context.differences.push(`${key} holds ${values.length} different values in ${environment} (${list(servicesHere)}${servicesHere.length === 1 ? ', across its variants' : ''})`);
          continue;
        }
        if (servicesHere.length < 2) continue;
        rules.push({
          ...rule(here[0]!.entry.value!.text!, `Held this one value on every service of ${environment} that set it: ${list(servicesHere)}; another value elsewhere.`, { environments: [environment] }),
          id: `init/${slug(key)}-equals-in-${slug(environment)}`,
          description: `${key} held the same value on every service of ${environment} that set it ${DESCRIBE_STATE}.`,
        });
      }
    }
  }
  return rules;
}
