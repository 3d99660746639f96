import { lastEntriesMatching, forEachReadableVariant, probeResult, shownValue, unknownValueReason } from '../kit/variant-walk.js';
import { isGlob, nameMatcher } from '../../util/glob.js';
import { compileUserRegex, userRegexProblem } from '../kit/linear-regex.js';
import { defineRuleKind, type RuleProblem, type RuleWithOptions } from '../rule-kind.js';
import { probeId } from '../kit/probe-id.js';
import { urlViolation } from '../kit/url-check.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs such as *_URL' },
  regex: { type: 'string', minLength: 1, description: 'a regular expression (RE2 syntax, matched in linear time) the value must match (anchor it with ^...$ to match the whole value)' },
  url: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      schemes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*$' }, description: 'allowed schemes such as https' },
      forbiddenHosts: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'host names or globs such as localhost, *.run.app' },
    },
    description: 'URL requirements: schemes and/or forbiddenHosts',
  },
  optional: { type: 'boolean', description: 'accept exact key names being absent (default false)' },
} as const;
const requiredOptions = ['keys'] as const;
type PatternRule = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>;

const regexProbe = (rule: PatternRule) => probeId(rule, 'regex');
const urlProbe = (rule: PatternRule) => probeId(rule, 'url');

/**
 * `pattern`: a key's value matches a regular expression, and/or is a URL with an allowed scheme and no
 * forbidden host. Probes run inside the source, so secret-backed values are checked without being read here.
 */
export const patternKind = defineRuleKind({
  name: 'pattern',
  summary: 'Values of the keys (names or globs) must match a regular expression, or be URLs with an allowed scheme and no forbidden host.',
  options,
  requiredOptions,
  check(rule) {
    const problems: RuleProblem[] = [];
    if (rule.regex === undefined && rule.url === undefined) problems.push({ path: [], message: `rule ${rule.id} needs 'regex' or 'url' (or both)` });
    const regexProblem = rule.regex === undefined ? undefined : userRegexProblem(rule.regex);
    if (regexProblem) problems.push({ path: ['regex'], message: regexProblem });
    return problems;
  },
  keysNamed: (rule) => rule.keys,
  probes(rule) {
    const appliesTo = nameMatcher(rule.keys);
    const probes = [];
    if (rule.regex !== undefined) {
      const regex = compileUserRegex(rule.regex);
      probes.push({ id: regexProbe(rule), appliesTo, test: (value: string) => regex.test(value) });
    }
    if (rule.url !== undefined) {
      const requirements = rule.url;
      probes.push({ id: urlProbe(rule), appliesTo, test: (value: string) => urlViolation(value, requirements) === undefined });
    }
    return probes;
  },
  evaluate(context) {
    const { rule } = context;
    const matches = nameMatcher(rule.keys);
    const exactKeys = rule.keys.filter((key) => !isGlob(key));
    forEachReadableVariant(context, ({ environment, service }, variant) => {
      const where = { environment: environment.name, service: service.name, variant: variant.name };
      const lastByKey = lastEntriesMatching(variant, matches);
      if (!rule.optional) {
        for (const key of exactKeys) {
          if (!lastByKey.has(key)) context.finding({ ...where, key, location: variant.origin, detail: `${key} is not set` });
        }
      }
      for (const [key, entry] of lastByKey) {
        const regexOk = rule.regex === undefined ? true : probeResult(entry, regexProbe(rule));
        const urlOk = rule.url === undefined ? true : probeResult(entry, urlProbe(rule));
        if (regexOk === undefined || urlOk === undefined) {
          context.unevaluated({ ...where, key, reason: unknownValueReason(entry) });
          continue;
        }
        const problems: string[] = [];
        if (!regexOk) problems.push(`does not match /${rule.regex}/`);
        if (!urlOk) {
          const text = entry.value?.text;
          problems.push(text !== undefined ? urlViolation(text, rule.url!)! : 'is not a URL that meets the rule');
        }
        if (problems.length > 0) context.finding({ ...where, key, location: entry.origin, entry, detail: `${key} ${shownValue(entry)} ${problems.join('; ')}` });
      }
    });
  },
});
