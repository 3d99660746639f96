/**
 * Counts API calls per method as the server receives them — retries and failed calls included, since each one
 * is a round trip — so a benchmark can report "number of API calls" and a test can prove a retry happened.
 */
export class CallCounter {
  readonly #counts = new Map<string, number>();

  /** Records one call and returns how many calls of `method` there have been, this one included. */
  record(method: string): number {
    const count = (this.#counts.get(method) ?? 0) + 1;
    this.#counts.set(method, count);
    return count;
  }

  of(method: string): number {
    return this.#counts.get(method) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const count of this.#counts.values()) sum += count;
    return sum;
  }

  /** Calls per method, e.g. `{ ListServices: 3, AccessSecretVersion: 5 }`. */
  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.#counts.clear();
  }
}
