import type { ConfigVariant, Entry, SecretRef } from '../../model/inventory.js';
import type { RuleContext, ServiceTarget } from '../rule-kind.js';
import { nameMatcher } from '../../util/glob.js';

/**
 * Calls `visit` for every variant of every readable target. A target whose configuration could not be
 * read is reported as unevaluated (never as a pass), once per rule and service.
 */
export function forEachReadableVariant(
  context: RuleContext,
  visit: (target: ServiceTarget, variant: ConfigVariant) => void,
): void {
  for (const target of context.targets) {
    if (target.service.unreadable !== undefined) {
      context.unevaluated({ environment: target.environment.name, service: target.service.name, reason: target.service.unreadable });
      continue;
    }
    for (const variant of target.service.variants) visit(target, variant);
  }
}

/** The result of a probe on an entry: true/false, or undefined when the value was not read. */
export function probeResult(entry: Entry, probeId: string): boolean | undefined {
  return entry.value?.checks[probeId];
}

/** Why a probe result is missing, for the unevaluated report. */
export function unknownValueReason(entry: Entry): string {
  if (entry.unreadable) return entry.unreadable;
  if (entry.source.kind === 'secret') return `value of secret ${entry.source.secret} (version ${entry.source.version}) was not resolved`;
  return 'value was not read';
}

export function quoted(text: string): string {
  return JSON.stringify(text);
}

/** Shows a value when the source let its text through (the key is not sensitive), otherwise says it is hidden. */
export function shownValue(entry: Entry): string {
  return entry.value?.text !== undefined ? quoted(entry.value.text) : '(value hidden: sensitive)';
}

/** The finding text for a secret reference that floats with `latest` or an alias instead of a version number. */
export function unpinnedDetail(key: string, reference: SecretRef): string {
  const resolved = reference.resolvedVersion ? ` (today version ${reference.resolvedVersion})` : '';
  return `${key} references secret ${reference.secret} at '${reference.version}'${resolved}; pin a version number so a new version cannot change it unreviewed`;
}

/** The winning (last) entry of every key in a variant that `matches` accepts, in source order. */
export function lastEntriesMatching(variant: ConfigVariant, matches: (key: string) => boolean): Map<string, Entry> {
  return new Map(variant.entries.filter((entry) => matches(entry.key)).map((entry) => [entry.key, entry]));
}

export interface EntryPlace {
  environment: string;
  service: string;
  variant: string;
}

/**
 * Calls `visit` for the winning entry of every key matching `keys` (names or globs) in every variant of every
 * readable target; unreadable targets are reported as unevaluated by `forEachReadableVariant`.
 */
export function forEachMatchingEntry(context: RuleContext, keys: readonly string[], visit: (where: EntryPlace, key: string, entry: Entry) => void): void {
  const matches = nameMatcher(keys);
  forEachReadableVariant(context, ({ environment, service }, variant) => {
    const where = { environment: environment.name, service: service.name, variant: variant.name };
    for (const [key, entry] of lastEntriesMatching(variant, matches)) visit(where, key, entry);
  });
}
