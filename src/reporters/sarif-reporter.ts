import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { findingIdentity } from '../model/finding-identity.js';
import { intrinsicRules } from '../model/intrinsic-rules.js';
import type { Finding, Report, Unevaluated, UnusedSuppression } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import type { Severity } from '../model/inventory.js';
import type { Reporter } from './reporter-types.js';
import { sarifLocation } from './sarif-locations.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/envdrift';
/** Key of the finding identity in `partialFingerprints`; versioned so a change of identity never matches old alerts. */
export const IDENTITY_FINGERPRINT = 'envdriftFindingIdentity/v1';
const NOT_EVALUATED = 'envdrift/not-evaluated';
const UNUSED_SUPPRESSION = 'envdrift/unused-suppression';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

type ReportRule = Report['rules'][number];

/**
 * SARIF 2.1.0 for code-scanning tools (docs/output-formats.md). One run; a result per finding, suppressed
 * ones included (marked, never dropped); and every check that was not evaluated as an error-level tool
 * notification with `executionSuccessful: false`, so a consumer never reads an incomplete run as clean.
 */
export const sarifReporter: Reporter = (report, context) => {
  const rules = rulesOf(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const run: Run = {
    tool: {
      driver: {
        name: 'envdrift',
        version: context.toolVersion,
        semanticVersion: context.toolVersion,
        informationUri: INFORMATION_URI,
        rules: rules.map(ruleDescriptor),
        notifications: [
          {
            id: NOT_EVALUATED,
            shortDescription: { text: 'A check could not be evaluated because something it needs could not be read. This is not a pass.' },
            fullDescription: { text: 'A check could not be evaluated because a source it needs (a Cloud Run service, a secret, a file) could not be read: the run is incomplete, and envdrift exits with 3.' },
            help: { text: 'Each notification names the check, the target and why it could not be read. Grant the missing role or fix the path, then run envdrift again; see docs/ci.md for the roles.' },
            defaultConfiguration: { level: 'error' },
          },
          {
            id: UNUSED_SUPPRESSION,
            shortDescription: { text: 'A suppression or baseline entry accepted no finding of this run and can be removed.' },
            fullDescription: { text: 'A suppression or baseline entry accepted no finding of this run: what it accepted has been fixed or no longer exists.' },
            help: { text: 'Delete the entry the notification names from envdrift.ignore.yaml or the baseline file, so it cannot hide a future finding.' },
            defaultConfiguration: { level: 'warning' },
          },
        ],
      },
    },
    invocations: [
      {
        executionSuccessful: report.unevaluated.length === 0,
        toolExecutionNotifications: [
          ...report.unevaluated.map((item) => notification(item, ruleIndex.get(item.ruleId))),
          ...(report.unusedSuppressions ?? []).map((entry) => unusedNotification(entry, ruleIndex.get(entry.ruleId))),
        ],
      },
    ],
    results: report.findings.map((finding) => result(finding, ruleIndex.get(finding.ruleId), context.configFile, context.serviceLines?.[`${finding.environment}/${finding.service}`])),
    properties: {
      failOn: context.failOn,
      environments: report.environments,
      servicesChecked: report.servicesChecked,
      notEvaluated: report.unevaluated.length,
      suppressed: report.findings.filter((finding) => finding.suppressed).length,
    },
  };
  const log: Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** The rules that ran, plus any rule id a finding or unevaluated check names that the list lacks. */
function rulesOf(report: Report): ReportRule[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((rule) => rule.id));
  for (const id of [...report.findings, ...report.unevaluated].map((item) => item.ruleId)) {
    if (known.has(id)) continue;
    known.add(id);
    const intrinsic = intrinsicRule(id);
    const severity = intrinsic?.severity ?? report.findings.find((finding) => finding.ruleId === id)?.severity ?? 'error';
    rules.push({ id, kind: intrinsic ? 'intrinsic' : 'unknown', severity, description: intrinsic?.description ?? id });
  }
  return rules;
}

function intrinsicRule(id: string): { severity: Severity; description: string; remediation: string } | undefined {
  return Object.hasOwn(intrinsicRules, id) ? intrinsicRules[id as keyof typeof intrinsicRules] : undefined;
}

function ruleDescriptor(rule: ReportRule): ReportingDescriptor {
  const remediation = intrinsicRule(rule.id)?.remediation;
  const help = [rule.description, remediation ? `Fix: ${remediation}` : 'Each result says exactly what to change and where.'].join('\n\n');
  return {
    id: rule.id,
    shortDescription: { text: firstSentence(rule.description) },
    fullDescription: { text: rule.description },
    help: { text: help },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { kind: rule.kind, tags: ['configuration', 'envdrift', rule.kind] },
  };
}

function result(finding: Finding, ruleIndex: number | undefined, configFile: string | undefined, serviceLine: number | undefined): Result {
  const variant = finding.variant && finding.variant !== '.env' ? ` [${finding.variant}]` : '';
  const lines = [`${finding.message}${variant}`];
  if (finding.detail !== finding.message) lines.push(finding.detail);
  if (finding.location.kind !== 'file' && finding.location.kind !== 'manifest') lines.push(`At ${describeOrigin(finding.location)}.`);
  lines.push(`Fix: ${finding.remediation}`);
  const sarifResult: Result = {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined && { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: lines.join('\n') },
    locations: [sarifLocation(finding.location, configFile, undefined, serviceLine)],
    partialFingerprints: { [IDENTITY_FINGERPRINT]: findingIdentity(finding) },
    // Results of one problem (several rules, or one rule on the template and its revisions) share a group id.
    properties: { ...targetProperties(finding), ...(finding.group !== undefined && { group: finding.group }) },
  };
  if (finding.related.length > 0) {
    sarifResult.relatedLocations = finding.related.map((related, id) => ({ id, ...sarifLocation(related.origin, configFile, `${related.note} (${describeOrigin(related.origin)})`) }));
  }
  if (finding.suppressed) {
    const { reason, expires, source } = finding.suppressed;
    sarifResult.suppressions = [{ kind: 'external', status: 'accepted', justification: reason, properties: { source, ...(expires !== undefined && { expires }) } }];
  }
  return sarifResult;
}

function notification(item: Unevaluated, ruleIndex: number | undefined): Notification {
  const target = [item.environment, item.service].filter(Boolean).join('/');
  const key = item.key ? ` ${item.key}` : '';
  const variant = item.variant ? ` [${item.variant}]` : '';
  return {
    descriptor: { id: NOT_EVALUATED, index: 0 },
    associatedRule: { id: item.ruleId, ...(ruleIndex !== undefined && { index: ruleIndex }) },
    level: 'error',
    message: { text: `Not evaluated: ${item.ruleId} ${target}${key}${variant}: ${item.reason}` },
    properties: targetProperties(item),
  };
}

function unusedNotification(entry: UnusedSuppression, ruleIndex: number | undefined): Notification {
  const target = [entry.environment, entry.service].filter(Boolean).join('/');
  return {
    descriptor: { id: UNUSED_SUPPRESSION, index: 1 },
    associatedRule: { id: entry.ruleId, ...(ruleIndex !== undefined && { index: ruleIndex }) },
    level: 'warning',
    message: { text: `Unused ${entry.kind} entry at ${entry.source}: ${[entry.ruleId, target, entry.key].filter(Boolean).join(' ')}: ${entry.note}` },
    properties: { source: entry.source, ...targetProperties(entry) },
  };
}

function targetProperties(item: Partial<Pick<Finding, 'environment' | 'service' | 'variant' | 'key'>>): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const name of ['environment', 'service', 'variant', 'key'] as const) {
    const value = item[name];
    if (value !== undefined) properties[name] = value;
  }
  return properties;
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
