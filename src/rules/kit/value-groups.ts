import type { Entry } from '../../model/inventory.js';

/** A set of entries holding the same value. */
export interface ValueGroup {
  fingerprint: string;
  trimmedFingerprint: string;
  entries: Entry[];
}

/**
 * Groups entries by value fingerprint, in order of first appearance. This is how `match` and `distinct`
 * describe differences: "these share value A, that one has value B" — never a value, prefix or length.
 * Entries must all have values.
 */
export function groupByValue(entries: readonly Entry[]): ValueGroup[] {
  const groups = new Map<string, ValueGroup>();
  for (const entry of entries) {
    const value = entry.value!;
    let group = groups.get(value.fingerprint);
    if (!group) {
      group = { fingerprint: value.fingerprint, trimmedFingerprint: value.trimmedFingerprint, entries: [] };
      groups.set(value.fingerprint, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}
