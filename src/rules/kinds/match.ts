import { suggestionSuffix } from '../../config/did-you-mean.js';
import { groupByValue } from '../../engine/value-groups.js';
import { reportSurroundingWhitespace } from '../../engine/value-hygiene.js';
import { unknownValueReason } from '../../engine/variant-walk.js';
import type { Entry } from '../../inventory/types.js';
import { declaredServiceNames, defineRuleKind, discoversServices, type RuleProblem } from '../rule-kind.js';
import type { Rule } from '../rule-types.js';

interface MatchMember {
  service: string;
  key: string | string[];
}
type MatchRule = Rule & { members: MatchMember[]; optional?: boolean };

interface Member {
  service: string;
  key: string;
  variant: string;
  /** How the member is named in messages, e.g. "auth JWT_SECRET_KEY (revision auth-00012)". */
  label: string;
  entry: Entry;
}

/**
 * `match`: several (service, key) pairs must all hold the same value within each environment; the pairs may
 * use different key names (backend `JWT_SECRET_KEY` = auth `JWT_SECRET_STAGING`).
 */
export const matchKind = defineRuleKind<MatchRule>({
  name: 'match',
  summary: 'Within each environment, the listed (service, key) pairs must all hold the same value; key names may differ.',
  options: {
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
  },
  requiredOptions: ['members'],
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
      const present: Member[] = [];
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
            const label = `${service.name} ${key}${service.variants.length > 1 ? ` (${variant.name})` : ''}`;
            present.push({ service: service.name, key, variant: variant.name, label, entry });
          }
        }
      }
      if (!complete || present.length < 2) continue;
      const groups = groupByValue(present.map((member) => member.entry));
      if (groups.length < 2) continue;
      const describe = (entry: Entry) => present.find((member) => member.entry === entry)!.label;
      const summary = groups.map((group) => `${group.entries.map(describe).join(', ')} ${group.entries.length > 1 ? 'share' : 'has'} value ${group.label}`).join('; ');
      const onlyWhitespace = new Set(groups.map((group) => group.trimmedFingerprint)).size === 1;
      const smallest = [...groups].sort((a, b) => a.entries.length - b.entries.length)[0]!;
      const culprit = present.find((member) => member.entry === smallest.entries[0])!;
      context.finding({
        environment: environment.name,
        service: culprit.service,
        variant: culprit.variant,
        key: culprit.key,
        location: culprit.entry.origin, entry: culprit.entry,
        detail: `values differ${onlyWhitespace ? ' (only by surrounding whitespace)' : ''}: ${summary}`,
        related: present
          .filter((member) => member !== culprit)
          .map((member) => ({ origin: member.entry.origin, note: `${member.label}: value ${groups.find((group) => group.entries.includes(member.entry))!.label}` })),
      });
    }
  },
});

function memberKeys(member: MatchMember): string[] {
  return Array.isArray(member.key) ? member.key : [member.key];
}
