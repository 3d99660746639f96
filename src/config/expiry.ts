/**
 * Expiry dates of suppressions and baselines. An acceptance is always temporary: it names its last day, which
 * may not be in the past (then it is an error: fail closed) nor more than a year ahead (then it is permanent
 * in all but name). "Today" comes from the CLI; nothing here reads a clock.
 */

/** The furthest ahead an expiry may be: long enough to plan a fix, short enough to be decided again. */
export const MAX_EXPIRY_DAYS = 365;

const DAY_MS = 86_400_000;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with an expiry date today, or undefined when it is fine. `what` names the thing that expires. */
export function expiryProblem(expires: string, today: string, what: string, renew: string): string | undefined {
  const day = dayNumber(expires);
  if (day === undefined) return DATE_PATTERN.test(expires) ? `expires '${expires}' is not a date; expected YYYY-MM-DD` : 'expires must be a date, written YYYY-MM-DD';
  const now = dayNumber(today);
  if (now === undefined) throw new Error(`today must be a YYYY-MM-DD date, got ${today}`);
  if (day < now) return `${what} expired on ${expires} (today is ${today}): ${renew}`;
  if (day - now > MAX_EXPIRY_DAYS) {
    return `expires ${expires} is more than ${MAX_EXPIRY_DAYS} days after today (${today}); ${what} must be decided again at least once a year: choose a date no later than ${addDays(today, MAX_EXPIRY_DAYS)}`;
  }
  return undefined;
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date)! + days);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, or undefined for an impossible one (2026-02-30). */
function dayNumber(date: string): number | undefined {
  if (!DATE_PATTERN.test(date)) return undefined;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const days = Date.UTC(year, month - 1, day) / DAY_MS;
  return dateOf(days) === date ? days : undefined;
}

function dateOf(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
