import type { Inventory } from '../model/inventory.js';
import { isUnreadEntry } from '../model/unread.js';
import { sameSet, unique } from './infer-collections.js';
import { equalsRules } from './infer-equals.js';
import { matchRules } from './infer-match.js';
import { requireRules } from './infer-require.js';
import { sourceRules } from './infer-source.js';
import type { Context, Inference, InferOptions, InferredRule, ServiceRead } from './infer-types.js';

export { FLAG_LIKE } from './infer-match.js';
export { looksLikeToken } from './infer-observe.js';
export type { Inference, InferOptions, InferredRule } from './infer-types.js';

/**
 * What `envdrift init` infers from an inventory: rules that hold today, each with the evidence it came from,
 * and what was seen but not turned into a rule. Pure: no I/O. Values of keys that look sensitive, and any value
 * a source withheld (no `text`), never reach a rule — only key names and fingerprint relationships do.
 */

export function inferRules(inventory: Inventory, options: InferOptions): Inference {
  const differences: string[] = [];
  const unread = unreadParts(inventory);
  const reads: ServiceRead[] = [];
  for (const environment of inventory.environments) {
    for (const service of environment.services) {
      if (service.unreadable !== undefined) continue;
      if (service.variants.length === 0) {
        differences.push(`${environment.name}/${service.name} has no configuration (not deployed?), so nothing was inferred from it`);
        continue;
      }
      reads.push({
        environment: environment.name,
        service: service.name,
        variants: service.variants,
        winners: service.variants.map((variant) => new Map(variant.entries.map((entry) => [entry.key, entry]))),
      });
    }
  }
  const environments = unique(reads.map((read) => read.environment));
  const services = unique(reads.map((read) => read.service)).sort();
  const inferredAll = sameSet(inventory.environments.map((environment) => environment.name), options.declaredEnvironments);
  const context: Context = { reads, environments, services, options, differences, inferredAll };

  const rules = [...requireRules(context), ...equalsRules(context), ...matchRules(context), ...sourceRules(context)];
  return { rules: withUniqueIds(rules), differences, unread, environments, services };
}

/** Every service and secret value that could not be read. */
function unreadParts(inventory: Inventory): string[] {
  return inventory.environments.flatMap((environment) =>
    environment.services.flatMap((service) => {
      const place = `${environment.name}/${service.name}`;
      if (service.unreadable !== undefined) return [`${place}: ${service.unreadable}`];
      return service.variants.flatMap((variant) => variant.entries.filter(isUnreadEntry).map((entry) => `${place} ${entry.key}: ${entry.unreadable}`));
    }),
  );
}

function withUniqueIds(rules: InferredRule[]): InferredRule[] {
  const used = new Map<string, number>();
  return rules.map((rule) => {
    const count = (used.get(rule.id) ?? 0) + 1;
    used.set(rule.id, count);
    return count === 1 ? rule : { ...rule, id: `${rule.id}-${count}` };
  });
}
