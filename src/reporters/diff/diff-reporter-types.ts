import type { DiffReport, KeyDiff, KeyStatus, SideSummary } from '../../model/diff-report.js';

export interface DiffReportContext {
  color: boolean;
  /** Also list keys that are the same on both sides. */
  showSame: boolean;
}

/** A diff renderer: pure, writes nothing, decides no exit code. */
export type DiffReporter = (report: DiffReport, context: DiffReportContext) => string;

export const STATUS_TEXT: Record<KeyStatus, string> = {
  same: 'same',
  'only-in-a': 'only in A',
  'only-in-b': 'only in B',
  'different-value': 'different value',
  'literal-vs-secret': 'literal vs secret',
  'different-secret': 'different secret',
  'not-comparable': 'not comparable',
};

/** What a side shows for a key: the value when it is not sensitive, otherwise where it comes from. */
export function sideText(side: SideSummary | undefined): string {
  if (!side) return '—';
  if (side.source !== 'literal') return side.source;
  return side.text !== undefined ? JSON.stringify(side.text) : '(hidden: sensitive)';
}

/** The rules a difference breaks, then those a suppression accepts, marked as such. */
export function rulesText(key: KeyDiff, code: (rule: string) => string = (rule) => rule): string {
  return [...key.rules.map(code), ...key.suppressedRules.map((rule) => `${code(rule)} (suppressed)`)].join(', ');
}

/** The detail worth a column: what the status alone does not say ("(same value)", which versions, why not comparable). */
export function noteOf(key: KeyDiff): string {
  return key.status === 'same' || ['values differ', 'only in A', 'only in B'].includes(key.detail) ? '' : key.detail;
}
