import { findSuppressionFile, loadSuppressions } from '../config/load-suppressions.js';
import { intrinsicRules } from '../model/intrinsic-rules.js';
import type { SuppressionEntry } from '../model/suppression.js';
import { declaredServiceNames, discoversServices } from '../rules/rule-kind.js';
import type { PreparedRun, RunRequest } from './prepare-run.js';

/**
 * The suppression file of a run (`--ignore-file`, or `envdrift.ignore.yaml` next to the config), validated
 * against the config and rules: what `check` and `diff` both accept as known. Loaded before any source is
 * read, so a bad or expired entry fails fast.
 */
export function loadRunSuppressions(request: RunRequest, run: PreparedRun): SuppressionEntry[] {
  const file = findSuppressionFile(run.declared.file, request.cwd, request.ignoreFile);
  if (file === undefined) return [];
  return loadSuppressions(file, run.shownName(file), {
    today: requireToday(request),
    ruleIds: [...Object.keys(intrinsicRules), ...run.rules.map((rule) => rule.id)],
    environments: run.declared.environments.map((environment) => environment.name),
    services: discoversServices(run.declared) ? undefined : declaredServiceNames(run.declared),
    stableFingerprints: request.fingerprintKey !== undefined,
  });
}

/** Fail closed: without a date, expiry cannot be checked, so nothing may be accepted. */
export function requireToday(request: RunRequest): string {
  if (request.today === undefined) throw new Error("suppressions and baselines need today's date to check expiry; the caller must pass `today`");
  return request.today;
}
