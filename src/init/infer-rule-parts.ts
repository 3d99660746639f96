import { groupBy, sameSet, unique } from './infer-collections.js';
import type { Context, ServiceRead } from './infer-types.js';

/** Pieces every inferred rule is written with: ids, selectors and the wording of its description and evidence. */

export const DESCRIBE_STATE = 'when envdrift init read the configuration';

/** No selector when the rule holds in every environment the config declares; the environments otherwise. */
export function environmentSelector(context: Context, environments: string[]): { environments?: string[] } {
  return context.inferredAll && sameSet(environments, context.environments) ? {} : { environments };
}

/** "backend, auth in staging; auth in production", or "backend, auth in staging and production". */
export function describeHolders(holders: ServiceRead[]): string {
  const byEnvironment = groupBy(holders, (read) => read.environment);
  const servicesPer = [...byEnvironment.entries()].map(([environment, reads]) => ({ environment, services: list(reads.map((read) => read.service).sort()) }));
  if (servicesPer.every((entry) => entry.services === servicesPer[0]!.services)) return `${servicesPer[0]!.services} in ${list(servicesPer.map((entry) => entry.environment))}`;
  return servicesPer.map((entry) => `${entry.services} in ${entry.environment}`).join('; ');
}

/** A rule-id fragment: lower-case letters, digits, `.` and `-` (`JWT_SECRET_KEY` → `jwt-secret-key`). */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'key';
}

export function list(items: readonly string[], last = 'and'): string {
  const distinct = unique(items);
  return distinct.length <= 1 ? (distinct[0] ?? '') : `${distinct.slice(0, -1).join(', ')} ${last} ${distinct.at(-1)}`;
}
