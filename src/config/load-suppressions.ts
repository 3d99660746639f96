import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SuppressionEntry } from '../model/suppression.js';
import { isGlob, matchesGlob } from '../util/glob.js';
import { compileSchema } from '../files/compile-schema.js';
import { expiryProblem } from './expiry.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError, type FileProblem } from '../files/user-error.js';
import { readUserFile } from '../files/read-user-file.js';
import { checkAgainstSchema } from '../files/schema-check.js';
import { suppressionFileSchema } from './suppression-schema.js';
import { parseYamlFile, type YamlFile } from '../files/yaml-file.js';

/** Names of the suppression file looked for next to the config. */
export const SUPPRESSION_FILE_NAMES = ['envdrift.ignore.yaml', 'envdrift.ignore.yml'];

const FINGERPRINT = /^[0-9a-f]{64}$/;

/** Rule ids that name no finding, so suppressing them could only mislead (what was not read stays exit 3). */
const UNSUPPRESSIBLE = new Set(['envdrift/read']);

/** The suppression file of a run: the one given (`--ignore-file`), or one next to the config, or none. */
export function findSuppressionFile(configFile: string, cwd: string, given?: string): string | undefined {
  if (given !== undefined) return resolve(cwd, given);
  return SUPPRESSION_FILE_NAMES.map((name) => resolve(dirname(configFile), name)).find((candidate) => existsSync(candidate));
}

/**
 * The problems of a suppression file that need neither the config nor the rules (YAML syntax, the schema), so
 * they can be listed together with the config's and rules' own when those are invalid. Empty when it has none.
 */
export function suppressionFileShapeProblems(file: string, shownName: string): FileProblem[] {
  try {
    const yaml = parseYamlFile(shownName, readUserFile(file, 'suppression file'));
    return checkAgainstSchema(yaml, compileSchema(suppressionFileSchema)).filter((problem) => !problem.message.includes('must match pattern'));
  } catch (error) {
    if (error instanceof UserError) return error.problems.length > 0 ? error.problems : [{ file: shownName, line: 1, column: 1, message: error.message }];
    throw error;
  }
}

/** What entries are checked against: the date, and the names the config and rules declare. */
export interface SuppressionContext {
  /** Today (YYYY-MM-DD, UTC), from the CLI: the engine and this loader have no clock. */
  today: string;
  /** Ids of every loaded rule, intrinsic ones included. */
  ruleIds: readonly string[];
  /** Every environment the config declares (not only those `--env` selected). */
  environments: readonly string[];
  /** Every service the config declares; `undefined` when services are also discovered by label. */
  services: readonly string[] | undefined;
  /** Whether fingerprints are stable across runs (ENVDRIFT_FINGERPRINT_KEY is set). */
  stableFingerprints: boolean;
}

interface RawEntry {
  rule?: unknown;
  environment?: unknown;
  service?: unknown;
  key?: unknown;
  fingerprint?: unknown;
  reason?: unknown;
  expires?: unknown;
}

/**
 * Loads and validates a suppression file. Every problem is collected (schema, unknown rules and names,
 * impossible, expired or too distant dates, fingerprints without a stable key) before one `UserError`: a
 * suppression file that is wrong anywhere is not applied at all (fail closed).
 */
export function loadSuppressions(file: string, shownName: string, context: SuppressionContext): SuppressionEntry[] {
  const yaml = parseYamlFile(shownName, readUserFile(file, 'suppression file'));
  // The schema's patterns (reason, expires, fingerprint) are for editors; entryProblems says the same in words.
  const problems = checkAgainstSchema(yaml, compileSchema(suppressionFileSchema)).filter((problem) => !problem.message.includes('must match pattern'));
  const raw = yaml.value as { suppressions?: unknown } | null;
  const items = raw !== null && typeof raw === 'object' && Array.isArray(raw.suppressions) ? (raw.suppressions as unknown[]) : [];
  items.forEach((item, index) => {
    if (item !== null && typeof item === 'object') problems.push(...entryProblems(item as RawEntry, index, yaml, context));
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new UserError(`${shownName} is not a valid suppression file; no suppression was applied`, problems);
  }
  // Valid now: the schema and entryProblems found nothing wrong.
  return (items as Array<Omit<SuppressionEntry, 'source'>>).map((entry, index) => ({
    rule: entry.rule,
    ...(entry.environment !== undefined && { environment: entry.environment }),
    ...(entry.service !== undefined && { service: entry.service }),
    ...(entry.key !== undefined && { key: entry.key }),
    ...(entry.fingerprint !== undefined && { fingerprint: entry.fingerprint }),
    reason: entry.reason.trim(),
    expires: entry.expires,
    source: `${shownName}:${yaml.locate(['suppressions', index]).line}`,
  }));
}

/** Checks the schema cannot express. Only fields of the right type are checked, so no problem is reported twice. */
function entryProblems(entry: RawEntry, index: number, yaml: YamlFile, context: SuppressionContext): FileProblem[] {
  const problems: FileProblem[] = [];
  const at = (field: string, message: string) => problems.push({ file: yaml.file, ...yaml.locate(['suppressions', index, field]), message });

  if (typeof entry.rule === 'string' && entry.rule !== '') {
    if (UNSUPPRESSIBLE.has(entry.rule)) {
      at('rule', `'${entry.rule}' cannot be suppressed: what could not be read is never a finding, and the run stays incomplete (exit 3) until it is read`);
    } else if (!context.ruleIds.includes(entry.rule)) {
      const known = context.ruleIds.filter((id) => !UNSUPPRESSIBLE.has(id));
      at('rule', `unknown rule '${shown(entry.rule)}'${suggestionSuffix(entry.rule, known)}; expected the id of a loaded rule or an envdrift/ rule`);
    }
  }
  if (typeof entry.environment === 'string' && entry.environment !== '') {
    const problem = nameProblem('environment', entry.environment, context.environments);
    if (problem) at('environment', problem);
  }
  if (typeof entry.service === 'string' && entry.service !== '' && context.services !== undefined) {
    const problem = nameProblem('service', entry.service, context.services);
    if (problem) at('service', problem);
  }
  if (typeof entry.reason === 'string' && entry.reason.trim() === '') at('reason', 'reason is empty: say why the finding is accepted for now (a ticket, a plan, who decided)');
  if (typeof entry.fingerprint === 'string') {
    if (!FINGERPRINT.test(entry.fingerprint)) {
      at('fingerprint', "fingerprint must be a finding's valueFingerprint from the JSON report: 64 hex digits");
    } else if (!context.stableFingerprints) {
      at('fingerprint', 'a fingerprint only matches when ENVDRIFT_FINGERPRINT_KEY is set (without it, fingerprints change every run); set the key that produced this fingerprint, or remove the fingerprint');
    }
  }
  if (typeof entry.expires === 'string') {
    const problem = expiryProblem(entry.expires, context.today, 'the suppression', 'fix the finding, or decide again and write a new reason and date');
    if (problem) at('expires', problem);
  }
  return problems;
}

function nameProblem(what: 'environment' | 'service', name: string, declared: readonly string[]): string | undefined {
  if (isGlob(name)) {
    return declared.some((candidate) => matchesGlob(name, candidate)) ? undefined : `${what} pattern '${shown(name)}' matches no declared ${what}; declared: ${declared.join(', ')}`;
  }
  return declared.includes(name) ? undefined : `${what} '${shown(name)}' is not declared in the config${suggestionSuffix(name, declared)}; declared: ${declared.join(', ')}`;
}

/** Echoes a word only when it is short and word-like; anything else is not repeated, not even in part. */
function shown(text: string): string {
  return /^[\w./*?-]{1,60}$/.test(text) ? text : '(a value)';
}
