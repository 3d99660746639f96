import type { Entry } from '../../model/inventory.js';
import type { RuleContext } from '../rule-kind.js';
import { nameMatcher } from '../../util/glob.js';
import { groupByValue, type ValueGroup } from './value-groups.js';

/** One (service, key, variant) whose value takes part in an agreement check. */
export interface ValueMember {
  service: string;
  key: string;
  variant: string;
  /** How the member is named in messages, e.g. "auth JWT_SECRET_KEY (revision auth-00012)". */
  label: string;
  entry: Entry;
}

/** Names a member the way messages do: the variant only when the service has several. */
export function memberLabel(service: string, key: string, variant: string, variantCount: number): string {
  return `${service} ${key}${variantCount > 1 ? ` (${variant})` : ''}`;
}

/**
 * Reports members that should hold one value but do not, as groups: "these share value A, that one has
 * value B" — never a value, prefix or length. Letters come from the run's registry, so a value has the same
 * letter in every finding of its environment and key family; they are handed out in the rule's member order
 * (the auth pack lists the producer first). The reference is the value lettered A, and the finding sits at the
 * first member that differs from it — the same side in every rule.
 */
export function reportDisagreement(context: RuleContext, environment: string, members: readonly ValueMember[]): void {
  if (members.length < 2) return;
  const groups = groupByValue(members.map((member) => member.entry));
  if (groups.length < 2) return;
  const groupOf = (entry: Entry) => groups.find((group) => group.entries.includes(entry))!;
  const family = keyFamily(members[0]!.key);
  const letterOf = (group: ValueGroup) => context.valueLetter(environment, family, group.fingerprint);
  // Letters are handed out in the rule's member order — what runs now before what a manifest is about to
  // deploy, so a mismatch is located in the manifest — and the first member's value is A unless an earlier
  // rule saw the family.
  const declared = (member: ValueMember) => member.entry.origin.kind === 'manifest';
  for (const member of [...members.filter((member) => !declared(member)), ...members.filter(declared)]) letterOf(groupOf(member.entry));
  const labelOf = (entry: Entry) => members.find((member) => member.entry === entry)!.label;
  const summary = groups.map((group) => `${group.entries.map(labelOf).join(', ')} ${group.entries.length > 1 ? 'share' : 'has'} value ${letterOf(group)}`).join('; ');
  const onlyWhitespace = new Set(groups.map((group) => group.trimmedFingerprint)).size === 1;
  // The reference is the value that got the first letter in this run (for its environment and key family):
  // the first rule about the family decides, so every rule after it locates the mismatch on the same side.
  const reference = [...groups].sort((a, b) => letterRank(letterOf(a)) - letterRank(letterOf(b)))[0]!;
  const culprit = members.find((member) => !reference.entries.includes(member.entry))!;
  context.finding({
    environment,
    service: culprit.service,
    variant: culprit.variant,
    key: culprit.key,
    location: culprit.entry.origin,
    entry: culprit.entry,
    detail: `values differ${onlyWhitespace ? ' (only by surrounding whitespace)' : ''}: ${summary}`,
    related: members.filter((member) => member !== culprit).map((member) => ({ origin: member.entry.origin, note: `${member.label}: value ${letterOf(groupOf(member.entry))}` })),
  });
}

/** A, B, … Z, then #27, #28, …: the order letters are handed out in. */
function letterRank(letter: string): number {
  return letter.startsWith('#') ? Number(letter.slice(1)) - 1 : letter.charCodeAt(0) - 65;
}

/**
 * The family a key's value letters belong to: the name without the suffixes code uses for the same value
 * (JWT_SECRET, JWT_SECRET_KEY and JWT_SECRET_STAGING are one family).
 */
export function keyFamily(key: string): string {
  return key.toUpperCase().replace(/(_(KEY|VALUE|STAGING|STAGE|PRODUCTION|PROD|DEV|DEVELOPMENT|TEST|TESTS))+$/, '') || key.toUpperCase();
}

/**
 * Orders services as a rule names them: by the first of its `services` patterns each matches (the auth pack
 * lists the producer first), then as envdrift.yaml declares them.
 */
export function inRuleOrder<T extends { service: { name: string } }>(targets: readonly T[], patterns: readonly string[] | undefined): T[] {
  if (!patterns || patterns.length === 0) return [...targets];
  const matchers = patterns.map((pattern) => nameMatcher([pattern]));
  const rank = (name: string) => {
    const index = matchers.findIndex((matches) => matches(name));
    return index < 0 ? matchers.length : index;
  };
  return targets.map((target, index) => ({ target, index })).sort((a, b) => rank(a.target.service.name) - rank(b.target.service.name) || a.index - b.index).map(({ target }) => target);
}
