import { suggestionSuffix } from '../../files/did-you-mean.js';
import { memberLabel, reportDisagreement, type ValueMember } from '../kit/disagreement.js';
import { reportSurroundingWhitespace } from '../kit/value-hygiene.js';
import { unknownValueReason } from '../kit/variant-walk.js';
import { declaredServiceNames, defineRuleKind, discoversServices, type RuleProblem, type RuleWithOptions } from '../rule-kind.js';

const options = {
  members: {
    type: 'array',
    minItems: 2,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['service', 'key'],
      properties: {
        service: { type: 'string', minLength: 1, description: 'a service name' },
        key: {
          anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }],
          description: 'a key name, or a list of names that must all hold the value',
        },
      },
    },
    description: 'the (service, key) pairs that must agree',
  },
  optional: { type: 'boolean', description: 'accept members whose key is absent (default false)' },
} as const;
const requiredOptions = ['members'] as const;
type MatchMember = RuleWithOptions<typeof options, (typeof requiredOptions)[number]>['members'][number];

/**
 * `match`: several (service, key) pairs must all hold the same value within each environment; the pairs may
 * use different key names (backend `JWT_SECRET_KEY` = auth `JWT_SECRET_STAGING`).
 */
export const matchKind = defineRuleKind({
  name: 'match',
  summary: 'Within each environment, the listed (service, key) pairs must all hold the same value; key names may differ.',
  options,
  requiredOptions,
  check(rule, config) {
    const declared = declaredServiceNames(config);
    const problems: RuleProblem[] = rule.services ? [{ path: ['services'], message: `a match rule picks its services through 'members'; remove 'services'` }] : [];
    return problems.concat(rule.members.flatMap((member, index) =>
      declared.includes(member.service) || discoversServices(config)
        ? []
        : [{ path: ['members', index, 'service'], message: `service '${member.service}' is not declared in the config${suggestionSuffix(member.service, declared)}; declared: ${declared.join(', ')}` }],
    ));
  },
  keysNamed: (rule) => rule.members.flatMap((member) => memberKeys(member)),
  comparesValues: true,
  evaluate(context) {
    const { rule } = context;
    for (const environment of context.environments) {
      const present: ValueMember[] = [];
      let complete = true;
      for (const member of rule.members) {
        const service = environment.services.find((candidate) => candidate.name === member.service);
        if (!service) continue; // not declared in this environment: nothing to compare
        if (service.unreadable !== undefined) {
          context.unevaluated({ environment: environment.name, service: service.name, reason: service.unreadable });
          complete = false;
          continue;
        }
        for (const variant of service.variants) {
          const where = { environment: environment.name, service: service.name, variant: variant.name };
          for (const key of memberKeys(member)) {
            const entry = context.entries(variant, key).at(-1);
            if (!entry) {
              if (!rule.optional) context.finding({ ...where, key, location: variant.origin, detail: `${key} is not set, so it cannot hold the shared value` });
              continue;
            }
            if (!entry.value) {
              context.unevaluated({ ...where, key, reason: unknownValueReason(entry) });
              complete = false;
              continue;
            }
            reportSurroundingWhitespace(context, entry, where);
            present.push({ service: service.name, key, variant: variant.name, label: memberLabel(service.name, key, variant.name, service.variants.length), entry });
          }
        }
      }
      if (complete) reportDisagreement(context, environment.name, present);
    }
  },
});

function memberKeys(member: MatchMember): string[] {
  return Array.isArray(member.key) ? member.key : [member.key];
}
