import { resolve } from 'node:path';
import { evaluate } from '../engine/evaluate.js';
import { readUserFile } from '../files/read-user-file.js';
import { UserError } from '../files/user-error.js';
import type { HistoryReport, RevisionHistory, RevisionSecret, RuleSpan, ServiceHistory, TimelinePoint } from '../model/history-report.js';
import type { ConfigVariant, Inventory } from '../model/inventory.js';
import type { Finding } from '../model/report.js';
import type { PreparedRun } from '../pipeline/prepare-run.js';
import { inventoryFromSnapshot } from '../sources/snapshot/snapshot-file.js';
import { revisionChanges } from './revision-changes.js';
import { findingIdentity } from './rule-timeline.js';

export interface SnapshotHistoryRequest {
  cwd: string;
  /** The two snapshot files, A (the earlier) then B, as given. */
  files: readonly [string, string];
  scope?: { environment: string; service?: string };
  rules: boolean;
}

interface TakenSnapshot {
  label: string;
  createdAt: string;
  keyId: string;
  inventory: Inventory;
}

/**
 * Two snapshots (written by `envdrift snapshot`) as a history with one step: per configured service in scope,
 * the key-level changes from A to B, compared like consecutive revisions (by fingerprint, sensitive values
 * never shown); with `rules`, the findings that appear or disappear between them. Snapshots hold no secret
 * version history, so the report has no secret events. Reads only the two files.
 */
export function snapshotHistory(request: SnapshotHistoryRequest, run: PreparedRun): HistoryReport {
  const [a, b] = request.files.map((file): TakenSnapshot => {
    const path = resolve(request.cwd, file);
    const { inventory, document } = inventoryFromSnapshot(readUserFile(path, 'snapshot'), run.shownName(path), run.describer, run.config);
    return { label: run.shownName(path), createdAt: document.createdAt, keyId: document.fingerprintKeyId, inventory };
  }) as [TakenSnapshot, TakenSnapshot];
  if (a.keyId !== b.keyId) {
    throw new UserError(`${a.label} and ${b.label} were taken with different fingerprint keys, so their values cannot be compared: set the same ENVDRIFT_FINGERPRINT_KEY when taking both`);
  }
  const { scope } = request;
  const services: ServiceHistory[] = [];
  for (const environment of run.config.environments) {
    if (scope && environment.name !== scope.environment) continue;
    for (const declared of environment.services) {
      if (scope?.service === undefined || declared.name === scope.service) services.push(serviceStep(environment.name, declared.name, a, b));
    }
  }
  if (scope && services.length === 0) throw new UserError(`${scope.environment}${scope.service ? `/${scope.service}` : ''}: no such ${scope.service ? 'service' : 'environment'} in the config`);
  return {
    since: a.createdAt,
    until: b.createdAt,
    snapshots: { a: a.label, b: b.label },
    services,
    secrets: [],
    skipped: [],
    ...(request.rules && { rules: ruleSpans(a, b, run, scope) }),
  };
}

function serviceStep(environment: string, service: string, a: TakenSnapshot, b: TakenSnapshot): ServiceHistory {
  const base = { environment, service };
  const sideA = variantOf(a, environment, service);
  const sideB = variantOf(b, environment, service);
  if (typeof sideA === 'string' || typeof sideB === 'string') {
    const unreadable = [typeof sideA === 'string' && `${a.label}: ${sideA}`, typeof sideB === 'string' && `${b.label}: ${sideB}`].filter(Boolean).join('; ');
    return { ...base, revisions: [], unreadable };
  }
  return { ...base, before: point(a, sideA), revisions: [{ ...point(b, sideB), changes: revisionChanges(comparable(sideA), comparable(sideB)) }] };
}

/** The configuration a snapshot holds for the service (the template when there is one, as `diff` picks), or why there is none. */
function variantOf(snapshot: TakenSnapshot, environment: string, service: string): ConfigVariant | string {
  const found = snapshot.inventory.environments.find((candidate) => candidate.name === environment)?.services.find((candidate) => candidate.name === service);
  if (!found) return `${environment}/${service} is not in it`;
  if (found.unreadable !== undefined) return found.unreadable;
  return found.variants.find((variant) => variant.name.startsWith('template')) ?? found.variants[0] ?? `${environment}/${service} has no configuration in it`;
}

function comparable(variant: ConfigVariant) {
  const containers = [...new Set(variant.entries.flatMap((entry) => (entry.origin.kind === 'cloudrun' && entry.origin.container !== undefined ? [entry.origin.container] : [])))];
  return { containers, entries: variant.entries };
}

function point(snapshot: TakenSnapshot, variant: ConfigVariant): RevisionHistory {
  return {
    name: `${snapshot.label} (${variant.name})`,
    createTime: snapshot.createdAt,
    trafficPercent: 0,
    tags: [],
    isTemplate: false,
    secrets: variant.entries.flatMap((entry): RevisionSecret[] =>
      entry.source.kind === 'secret'
        ? [{ key: entry.key, secret: entry.source.secret, version: entry.source.version, ...(entry.source.resolvedVersion !== undefined && { resolvedVersion: entry.source.resolvedVersion }) }]
        : [],
    ),
  };
}

/** Findings of the rules on A and on B: those only on B appeared with B, those only on A disappeared with B. */
function ruleSpans(a: TakenSnapshot, b: TakenSnapshot, run: PreparedRun, scope: SnapshotHistoryRequest['scope']): RuleSpan[] {
  // Findings about no environment or no service (cross-environment rules) stay in a scoped comparison.
  const relevant = (finding: Finding) =>
    !scope || ((finding.environment === undefined || finding.environment === scope.environment) && (scope.service === undefined || finding.service === undefined || finding.service === scope.service));
  const findingsOf = (snapshot: TakenSnapshot) =>
    new Map(evaluate(run.rules, snapshot.inventory, { isSensitiveKey: run.isSensitiveKey }).findings.filter(relevant).map((finding) => [findingIdentity(finding), finding]));
  const before = findingsOf(a);
  const after = findingsOf(b);
  const at = (finding: Finding): TimelinePoint => ({ environment: finding.environment ?? '', service: finding.service ?? '', revision: b.label, createTime: b.createdAt });
  const spans: RuleSpan[] = [];
  for (const [id, finding] of before) spans.push({ ...spanOf(finding), ...(!after.has(id) && { disappeared: at(finding) }) });
  for (const [id, finding] of after) if (!before.has(id)) spans.push({ ...spanOf(finding), appeared: at(finding) });
  return spans;
}

function spanOf(finding: Finding): RuleSpan {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    ...(finding.environment !== undefined && { environment: finding.environment }),
    ...(finding.service !== undefined && { service: finding.service }),
    ...(finding.key !== undefined && { key: finding.key }),
    message: finding.message,
  };
}
