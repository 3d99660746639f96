import { difference, intersection, sorted, unique } from './infer-collections.js';
import { factsOf, requirable } from './infer-observe.js';
import { DESCRIBE_STATE, environmentSelector, list, slug } from './infer-rule-parts.js';
import type { Context, InferredRule, ServiceRead } from './infer-types.js';

/**
 * `require` rules: keys set (and not empty) on every service, on every service of one environment, or on one
 * service everywhere it runs; and, as differences, what was seen but not required.
 */

export function requireRules(context: Context): InferredRule[] {
  const { reads, environments, services, options } = context;
  const keysOf = (read: ServiceRead) => unique(read.variants.flatMap((variant) => variant.entries.map((entry) => entry.key)));
  const requirableKeys = new Map(reads.map((read) => [read, new Set(keysOf(read).filter((key) => requirable(factsOf(read, key, options))))]));
  const readsIn = (environment: string) => reads.filter((read) => read.environment === environment);
  const readsOf = (service: string) => reads.filter((read) => read.service === service);
  const onAll = (group: ServiceRead[]) => intersection(group.map((read) => requirableKeys.get(read)!));

  const rules: InferredRule[] = [];
  // Keys on every service of every environment: one rule, when "every service" means more than one.
  const everywhere = services.length >= 2 ? onAll(reads) : new Set<string>();
  if (everywhere.size > 0) {
    rules.push({
      id: 'init/required-everywhere',
      kind: 'require',
      severity: 'error',
      description: `These keys were set on every service in every environment ${DESCRIBE_STATE}; a service without one of them has drifted.`,
      remediation: 'Set {key} on {service} in {environment}, as on every other service.',
      evidence: [`Set, and not empty, on every service of every environment: ${list(services)} in ${list(environments)}.`],
      ...environmentSelector(context, environments),
      options: { keys: sorted(everywhere) },
    });
  }

  // Keys on every service of one environment (but not everywhere).
  const perEnvironment = new Map<string, Set<string>>();
  if (environments.length >= 2) {
    for (const environment of environments) {
      const group = readsIn(environment);
      if (group.length < 2) continue;
      const keys = difference(onAll(group), everywhere);
      perEnvironment.set(environment, keys);
      if (keys.size === 0) continue;
      rules.push({
        id: `init/required-in-${slug(environment)}`,
        kind: 'require',
        severity: 'error',
        description: `These keys were set on every service of ${environment} ${DESCRIBE_STATE}; a service of ${environment} without one of them has drifted.`,
        remediation: 'Set {key} on {service} in {environment}, as on the other services of {environment}.',
        evidence: [`Set, and not empty, on every service of ${environment}: ${list(group.map((read) => read.service).sort())}.`],
        environments: [environment],
        options: { keys: sorted(keys) },
      });
    }
  }

  // Keys a service had in every environment it runs in, not already required above.
  for (const service of services) {
    const group = readsOf(service);
    const coveredByEnvironment = (key: string) => group.every((read) => perEnvironment.get(read.environment)?.has(key) === true);
    const keys = [...onAll(group)].filter((key) => !everywhere.has(key) && !coveredByEnvironment(key));
    if (keys.length === 0) continue;
    const where = group.length === 1 ? `in ${group[0]!.environment}` : `in every environment it runs in: ${list(group.map((read) => read.environment))}`;
    rules.push({
      id: `init/required-on-${slug(service)}`,
      kind: 'require',
      severity: 'error',
      description: `These keys were set on ${service} ${where.replace(/:.*/, '')} ${DESCRIBE_STATE}; ${service} without one of them has drifted.`,
      remediation: 'Set {key} on {service} in {environment}, as in its other environments.',
      evidence: [`Set, and not empty, on ${service} ${where}.`],
      services: [service],
      ...environmentSelector(context, environments),
      options: { keys: sorted(keys) },
    });
  }

  // What was seen but not required: say it, so a reviewer can tell drift from intent.
  const required = (read: ServiceRead, key: string) => everywhere.has(key) || perEnvironment.get(read.environment)?.has(key) === true || rules.some((rule) => rule.services?.[0] === read.service && (rule.options.keys as string[]).includes(key));
  const notes = new Map<string, string[]>();
  const note = (key: string, text: string) => notes.set(key, [...(notes.get(key) ?? []), text]);
  for (const service of services) {
    const group = readsOf(service);
    for (const key of unique(group.flatMap(keysOf)).sort()) {
      const facts = group.map((read) => ({ read, facts: factsOf(read, key, options) }));
      const setIn = facts.filter(({ facts: found }) => found !== undefined).map(({ read }) => read.environment);
      const missingIn = facts.filter(({ facts: found }) => found === undefined).map(({ read }) => read.environment);
      if (setIn.length > 0 && missingIn.length > 0) note(key, `${key} is set on ${service} in ${list(setIn)}, but not in ${list(missingIn)}`);
      for (const { read, facts: found } of facts) {
        if (found === undefined || required(read, key)) continue;
        if (found.empty) note(key, `${key} is set but empty on ${service} in ${read.environment}`);
        else if (found.missingFrom.length > 0) note(key, `${key} is set on ${service} in ${read.environment}, but missing from ${list(found.missingFrom)}`);
      }
    }
  }
  for (const key of [...notes.keys()].sort()) context.differences.push(...notes.get(key)!);
  return rules;
}
