import type { Entry } from '../../model/inventory.js';
import type { RuleContext } from '../rule-kind.js';

/**
 * Reports a value with surrounding whitespace or a line break as its own finding. The incident this guards
 * against: `SERVICE_ID` ended in a newline and every comparison downstream failed in production only.
 * Returns true when it reported something.
 */
export function reportSurroundingWhitespace(
  context: RuleContext,
  entry: Entry,
  where: { environment: string; service: string; variant: string },
): boolean {
  if (!entry.value?.surroundingWhitespace) return false;
  const what = entry.value.containsNewline ? 'a line break' : 'whitespace';
  context.finding({
    ...where,
    key: entry.key,
    location: entry.origin, entry,
    detail: `${entry.key} has ${what} at its start or end, which is part of the value and breaks comparisons`,
  });
  return true;
}
