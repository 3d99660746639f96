/** Small statistics helpers for timings. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Summary of repeated timings, in milliseconds. */
export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export function summarise(samples: readonly number[], digits = 2): Timing {
  return { medianMs: round(median(samples), digits), minMs: round(Math.min(...samples), digits), maxMs: round(Math.max(...samples), digits), runs: samples.length };
}
