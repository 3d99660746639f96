const MAX_SUGGESTED_WORD = 100;

/** Suggests the closest known word for a misspelt one, or nothing when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  // Edit distance costs length × length: a hostile 1 MB key must not make one suggestion take seconds.
  if (word.length > MAX_SUGGESTED_WORD) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= tolerance ? best : undefined;
}

export function suggestionSuffix(word: string, candidates: Iterable<string>): string {
  const suggestion = didYouMean(word, candidates);
  return suggestion ? ` (did you mean '${suggestion}'?)` : '';
}

/**
 * Edit distance where swapping two neighbouring letters counts as one edit ("auht" is one away from "auth").
 * Three rolling rows instead of a full table: one suggestion per unknown key of a file with 100k of them.
 */
function editDistance(a: string, b: string): number {
  let beforePrevious = new Uint32Array(b.length + 1);
  let previous = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}
