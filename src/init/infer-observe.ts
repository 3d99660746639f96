import type { Entry } from '../model/inventory.js';
import { unique } from './infer-collections.js';
import type { Context, InferOptions, ServiceRead } from './infer-types.js';

/**
 * What the reads say about one key, as every rule kind asks it: where it is set, with which values, and whether
 * those values may be quoted in a rule file.
 */

/** What one service in one environment says about one key, across its variants. */
export interface KeyFacts {
  /** Winning entries of the variants that set the key. */
  entries: Entry[];
  /** Variants that do not set it. */
  missingFrom: string[];
  /** Some value is known to be empty (or only whitespace). */
  empty: boolean;
}

export function factsOf(read: ServiceRead, key: string, options: InferOptions): KeyFacts | undefined {
  const entries: Entry[] = [];
  const missingFrom: string[] = [];
  read.winners.forEach((winners, index) => {
    const entry = winners.get(key);
    if (entry) entries.push(entry);
    else missingFrom.push(read.variants[index]!.name);
  });
  if (entries.length === 0) return undefined;
  const empty = entries.some((entry) => entry.value !== undefined && (entry.value.text !== undefined ? entry.value.text.trim() === '' : entry.value.checks[options.probes.nonEmpty] === false));
  return { entries, missingFrom, empty };
}

/** Set in every variant, and not known to be empty: what a `require` rule accepts. */
export function requirable(facts: KeyFacts | undefined): boolean {
  return facts !== undefined && facts.missingFrom.length === 0 && !facts.empty;
}

export interface Occurrence {
  read: ServiceRead;
  entry: Entry;
}

export function occurrencesOf(context: Context, key: string): Occurrence[] {
  return context.reads.flatMap((read) => read.winners.flatMap((winners) => {
    const entry = winners.get(key);
    return entry ? [{ read, entry }] : [];
  }));
}

export function allKeys(context: Context): string[] {
  return unique(context.reads.flatMap((read) => read.variants.flatMap((variant) => variant.entries.map((entry) => entry.key)))).sort();
}

/**
 * A key whose every value envdrift holds as text and none looks like a token: plain configuration, which
 * `equals` may quote. Everything else is compared by fingerprint only.
 */
export function isPlainKey(context: Context, key: string, occurrences: Occurrence[]): boolean {
  return !context.options.isSensitiveKey(key) && occurrences.every(({ entry }) => entry.value?.text !== undefined && !looksLikeToken(entry.value.text));
}

/**
 * A value shaped like an API key or token (long, no spaces, upper and lower case letters and digits) is never
 * written to a rule file, whatever its key is called: rule files get committed, and a name can mislead.
 */
export function looksLikeToken(text: string): boolean {
  return text.length >= 20 && /^[A-Za-z0-9+/=_.~-]+$/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /[0-9]/.test(text);
}
