/** Small list and set helpers for init's inference. */

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

export function sorted(items: Iterable<string>): string[] {
  return [...items].sort();
}

export function intersection(sets: ReadonlyArray<ReadonlySet<string>>): Set<string> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((item) => sets.every((set) => set.has(item))));
}

export function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((item) => !b.has(item)));
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
