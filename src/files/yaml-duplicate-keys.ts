import { isScalar, visit, type Document } from 'yaml';

/**
 * Where a mapping repeats a key, in one pass over the document: the offsets of every repeated key (not of
 * its first occurrence). Keys compare as yaml's own check does: scalars by value (`1` and `"1"` differ),
 * other keys only by identity, i.e. never.
 */
export function duplicateKeyOffsets(document: Document): number[] {
  const offsets: number[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(value);
      }
    },
  });
  return offsets;
}
