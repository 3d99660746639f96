import { inRuleOrder, memberLabel, reportDisagreement, type ValueMember } from '../kit/disagreement.js';
import { lastEntriesMatching, unknownValueReason } from '../kit/variant-walk.js';
import { nameMatcher } from '../../util/glob.js';
import { defineRuleKind } from '../rule-kind.js';

const options = {
  keys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'key names or globs such as JWT_SECRET*' },
} as const;
const requiredOptions = ['keys'] as const;

/**
 * `uniform`: within each environment, every key matching the globs, on every selected service, holds one
 * and the same value — `match` for a whole family of names (`JWT_SECRET*`), where code reads the secret
 * through several names in different orders and all of them must agree.
 */
export const uniformKind = defineRuleKind({
  name: 'uniform',
  summary: 'Within each environment, all keys matching the globs on all selected services must hold the same value.',
  options,
  requiredOptions,
  keysNamed: (rule) => rule.keys,
  comparesValues: true,
  evaluate(context) {
    const matches = nameMatcher(context.rule.keys);
    for (const environment of context.environments) {
      const members: ValueMember[] = [];
      let complete = true;
      for (const { service } of inRuleOrder(context.targets.filter((target) => target.environment === environment), context.rule.services)) {
        if (service.unreadable !== undefined) {
          context.unevaluated({ environment: environment.name, service: service.name, reason: service.unreadable });
          complete = false;
          continue;
        }
        for (const variant of service.variants) {
          const lastByKey = lastEntriesMatching(variant, matches);
          for (const [key, entry] of lastByKey) {
            if (!entry.value) {
              context.unevaluated({ environment: environment.name, service: service.name, variant: variant.name, key, reason: unknownValueReason(entry) });
              complete = false;
              continue;
            }
            members.push({ service: service.name, key, variant: variant.name, label: memberLabel(service.name, key, variant.name, service.variants.length), entry });
          }
        }
      }
      if (complete) reportDisagreement(context, environment.name, members);
    }
  },
});
