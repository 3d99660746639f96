import type { Severity } from '../model/inventory.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import type { FileProblem } from '../files/user-error.js';
import type { EnvdriftConfig, SeverityOverride } from './config-types.js';

/** What could not be read is always reported: turning it down or off would make an incomplete check look clean. */
const FIXED_SEVERITY = new Set(['envdrift/read']);

/**
 * Problems with the `severity:` block of envdrift.yaml once the rules are known: an id that names no rule of
 * this run (with a "did you mean"), or one whose severity is not the user's to change.
 */
export function severityOverrideProblems(config: EnvdriftConfig, knownRuleIds: readonly string[]): FileProblem[] {
  return (config.severities ?? []).flatMap(({ ruleId, setAt }): FileProblem[] => {
    if (FIXED_SEVERITY.has(ruleId)) return [{ ...setAt, message: `the severity of '${ruleId}' cannot be changed: what could not be read always makes the check incomplete (exit 3)` }];
    if (knownRuleIds.includes(ruleId)) return [];
    return [{ ...setAt, message: `'severity' names rule '${ruleId}', which this config does not apply${suggestionSuffix(ruleId, knownRuleIds)}; run 'envdrift rules' to list the rules` }];
  });
}

/** The severities a config sets, by rule id (the last one written wins, as YAML keys are unique anyway). */
export function severityMap(config: EnvdriftConfig): Map<string, Severity | 'off'> {
  return new Map((config.severities ?? []).map((override: SeverityOverride) => [override.ruleId, override.severity]));
}
