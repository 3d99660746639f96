import { unknownValueReason } from '../rules/kit/variant-walk.js';
import { groupBy, sameSet, unique } from './infer-collections.js';
import { allKeys, factsOf, isPlainKey, occurrencesOf } from './infer-observe.js';
import { DESCRIBE_STATE, environmentSelector, list, slug } from './infer-rule-parts.js';
import type { Context, InferredRule } from './infer-types.js';

/** `match` rules: keys not quotable that held one value (by fingerprint) across services or key names. */

/** A (service, key) pair of a `match` candidate. */
interface Pair {
  service: string;
  key: string;
}

/** `vacuous`: fewer than two of the pairs are set there, so nothing was compared. */
type Status = 'holds' | 'fails' | 'unknown' | 'vacuous';

export function matchRules(context: Context): InferredRule[] {
  const { options } = context;
  // Keys whose value envdrift does not hold as text somewhere: compared by fingerprint only.
  const hidden = allKeys(context).filter((key) => !isPlainKey(context, key, occurrencesOf(context, key)));
  if (hidden.length === 0) return [];

  const candidates = new Map<string, Pair[]>();
  for (const environment of context.environments) {
    const byValue = new Map<string, Array<Pair & { flagLike: boolean }>>();
    for (const read of context.reads.filter((candidate) => candidate.environment === environment)) {
      for (const key of hidden) {
        const facts = factsOf(read, key, options);
        if (!facts || facts.empty) continue;
        const values = facts.entries.map((entry) => entry.value);
        if (values.some((value) => value === undefined || value.surroundingWhitespace || value.containsNewline)) continue;
        const fingerprints = unique(values.map((value) => value!.fingerprint));
        if (fingerprints.length !== 1) continue; // differs between variants: revision drift, reported on its own
        const flagLike = values.some((value) => value!.checks[options.probes.flagLike] === true || (value!.text !== undefined && FLAG_LIKE.test(value!.text)));
        byValue.set(fingerprints[0]!, [...(byValue.get(fingerprints[0]!) ?? []), { service: read.service, key, flagLike }]);
      }
    }
    for (const group of byValue.values()) {
      // `true` under two different names is a coincidence, not a shared secret: only the same name counts then.
      const parts = group.some((pair) => pair.flagLike) ? [...groupBy(group, (pair) => pair.key).values()] : [group];
      for (const part of parts) {
        if (part.length < 2) continue;
        const pairs = part.map(({ service, key }) => ({ service, key })).sort(comparePairs);
        candidates.set(pairs.map(pairLabel).join(' '), pairs);
      }
    }
  }

  const evaluated = [...candidates.values()].map((pairs) => ({ pairs, statuses: new Map(context.environments.map((environment) => [environment, statusOf(context, pairs, environment)])) }));
  const failing = (candidate: (typeof evaluated)[number]) => new Set(context.environments.filter((environment) => candidate.statuses.get(environment)!.status === 'fails'));
  // A candidate is redundant when a larger one holds in every environment it holds in.
  const kept = evaluated.filter((candidate) => !evaluated.some((other) => other !== candidate && other.pairs.length > candidate.pairs.length && candidate.pairs.every((pair) => other.pairs.some((member) => comparePairs(member, pair) === 0)) && sameSet([...failing(other)], [...failing(candidate)])));

  return kept.map(({ pairs, statuses }) => {
    const fails = context.environments.filter((environment) => statuses.get(environment)!.status === 'fails');
    const holds = context.environments.filter((environment) => statuses.get(environment)!.status === 'holds');
    const applies = context.environments.filter((environment) => !fails.includes(environment));
    const optional = applies.some((environment) => statuses.get(environment)!.incomplete);
    const evidence = [`Same value on ${list(pairs.map(pairLabel), 'and')} in ${list(holds)} (compared by fingerprint; no value is written here).`];
    if (fails.length > 0) evidence.push(`In ${list(fails)} they hold different values, so this rule leaves ${fails.length === 1 ? 'it' : 'them'} out: drift, or on purpose?`);
    for (const environment of applies) {
      const { status, reason } = statuses.get(environment)!;
      if (status === 'unknown') evidence.push(`In ${environment} not compared: ${reason}.`);
      if (status === 'vacuous') evidence.push(`In ${environment} fewer than two of them are set, so there was nothing to compare.`);
    }
    if (optional) evidence.push('optional: some of these keys are not set everywhere the service runs; the require rules above say where they must be.');
    return {
      id: `init/${slug(pairs[0]!.key)}-shared`,
      kind: 'match' as const,
      severity: 'error' as const,
      description: `These keys held one value across ${unique(pairs.map((pair) => pair.service)).length > 1 ? 'services' : 'key names'} ${DESCRIBE_STATE}; when they differ, one side has drifted.`,
      remediation: 'Give {key} on {service} the same value (or secret) as the other members in {environment}.',
      evidence,
      ...(fails.length > 0 ? { environments: applies } : environmentSelector(context, applies)),
      options: { members: membersOf(pairs), ...(optional && { optional: true }) },
    };
  });
}

/** Values that are switches rather than secrets: two keys agreeing on `true` is a coincidence. */
export const FLAG_LIKE = /^(true|false|yes|no|on|off|0|1|enabled?|disabled?)$/i;

/** Whether a candidate's pairs agree in an environment, as the `match` kind would judge them. */
function statusOf(context: Context, pairs: Pair[], environment: string): { status: Status; incomplete: boolean; reason?: string } {
  const fingerprints = new Set<string>();
  const present = new Set<Pair>();
  let incomplete = false;
  for (const pair of pairs) {
    const read = context.reads.find((candidate) => candidate.environment === environment && candidate.service === pair.service);
    if (!read) continue; // the service is not in this environment: match skips the member there
    const facts = factsOf(read, pair.key, context.options);
    if (!facts || facts.missingFrom.length > 0) incomplete = true;
    for (const entry of facts?.entries ?? []) {
      if (!entry.value) return { status: 'unknown', incomplete, reason: `${pair.service} ${pair.key}: ${unknownValueReason(entry)}` };
      if (entry.value.surroundingWhitespace || entry.value.containsNewline) return { status: 'fails', incomplete };
      fingerprints.add(entry.value.fingerprint);
      present.add(pair);
    }
  }
  return { status: fingerprints.size > 1 ? 'fails' : present.size < 2 ? 'vacuous' : 'holds', incomplete };
}

/** One member per service; a single service's keys become one member each (`match` needs two members). */
function membersOf(pairs: Pair[]): Array<{ service: string; key: string | string[] }> {
  const byService = groupBy(pairs, (pair) => pair.service);
  if (byService.size === 1) return pairs.map(({ service, key }) => ({ service, key }));
  return [...byService.entries()].map(([service, members]) => ({ service, key: members.length === 1 ? members[0]!.key : members.map((member) => member.key) }));
}

function pairLabel(pair: Pair): string {
  return `${pair.service} ${pair.key}`;
}

function comparePairs(a: Pair, b: Pair): number {
  return a.service.localeCompare(b.service) || a.key.localeCompare(b.key);
}
