import type { Entry } from '../../model/inventory.js';
import type { RuleContext } from '../rule-kind.js';
import { groupByValue } from './value-groups.js';

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
 * value B" — never a value, prefix or length. The finding sits at the smallest group (the odd one out).
 */
export function reportDisagreement(context: RuleContext, environment: string, members: readonly ValueMember[]): void {
  if (members.length < 2) return;
  const groups = groupByValue(members.map((member) => member.entry));
  if (groups.length < 2) return;
  const labelOf = (entry: Entry) => members.find((member) => member.entry === entry)!.label;
  const groupOf = (entry: Entry) => groups.find((group) => group.entries.includes(entry))!;
  const summary = groups.map((group) => `${group.entries.map(labelOf).join(', ')} ${group.entries.length > 1 ? 'share' : 'has'} value ${group.label}`).join('; ');
  const onlyWhitespace = new Set(groups.map((group) => group.trimmedFingerprint)).size === 1;
  const smallest = [...groups].sort((a, b) => a.entries.length - b.entries.length)[0]!;
  const culprit = members.find((member) => member.entry === smallest.entries[0])!;
  context.finding({
    environment,
    service: culprit.service,
    variant: culprit.variant,
    key: culprit.key,
    location: culprit.entry.origin,
    entry: culprit.entry,
    detail: `values differ${onlyWhitespace ? ' (only by surrounding whitespace)' : ''}: ${summary}`,
    related: members.filter((member) => member !== culprit).map((member) => ({ origin: member.entry.origin, note: `${member.label}: value ${groupOf(member.entry).label}` })),
  });
}
