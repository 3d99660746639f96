/**
 * A small seeded PRNG (mulberry32), so every run of the benchmark builds exactly the same inventory and the
 * numbers of two runs (or two machines) describe the same work.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** An integer in [0, max). */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A random token of the given length from [A-Za-z0-9], like a generated secret. */
  token(length: number): string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    chance: (probability) => next() < probability,
    int,
    pick: (items) => items[int(items.length)]!,
    token: (length) => {
      let text = '';
      for (let index = 0; index < length; index++) text += ALPHABET[int(ALPHABET.length)];
      return text;
    },
  };
}
