import { UserError } from '../files/user-error.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A moment given on the command line: a duration back from now (`30m`, `24h`, `7d`, `2w`), a date
 * (`2025-09-01`, UTC; the start of the day for `--since`, its end for `--until`) or an RFC 3339 timestamp.
 */
export function parseMoment(text: string, flag: '--since' | '--until', nowMs: number): number {
  const value = text.trim();
  const duration = /^(\d+)([mhdw])$/.exec(value);
  if (duration) return nowMs - Number(duration[1]) * UNIT_MS[duration[2]!]!;
  const date = DATE.exec(value);
  if (date) {
    const start = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (!Number.isNaN(start) && new Date(start).toISOString().startsWith(value)) return flag === '--since' ? start : start + UNIT_MS.d! - 1;
  }
  if (RFC3339.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new UserError(`${flag} ${JSON.stringify(text)}: expected a duration back from now (30m, 24h, 7d, 2w), a date (2025-09-01) or an RFC 3339 timestamp (2025-09-01T18:02:00Z)`);
}

/** The window a history covers; the last 7 days by default. */
export function historyWindow(since: string | undefined, until: string | undefined, nowMs: number): { sinceMs: number; untilMs: number } {
  const sinceMs = parseMoment(since ?? '7d', '--since', nowMs);
  const untilMs = until === undefined ? nowMs : parseMoment(until, '--until', nowMs);
  if (sinceMs > untilMs) throw new UserError(`--since ${since ?? '7d'} is after --until ${until ?? 'now'}: the window would be empty`);
  return { sinceMs, untilMs };
}
