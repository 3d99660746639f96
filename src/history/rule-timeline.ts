import type { EnvdriftConfig } from '../config/config-types.js';
import { evaluate } from '../engine/evaluate.js';
import type { RuleSpan, TimelinePoint } from '../model/history-report.js';
import type { EnvironmentInventory, Inventory } from '../model/inventory.js';
import type { Finding } from '../model/report.js';
import type { Rule } from '../rules/rule-types.js';
import type { RevisionRecord, ServiceRevisions } from '../sources/history/read-history.js';
import { iso } from './secret-timeline.js';

export interface RuleTimelineInput {
  rules: readonly Rule[];
  config: EnvdriftConfig;
  isSensitiveKey: (key: string) => boolean;
  services: readonly ServiceRevisions[];
  sinceMs: number;
}

/**
 * Evaluates the rules against the configuration as it stood after each revision in the window (every service
 * at its newest revision by then), and reports per finding the revision with which it appeared and the one
 * with which it disappeared. A finding that already held before the window has no `appeared`.
 */
export function ruleTimeline(input: RuleTimelineInput): RuleSpan[] {
  const { services, sinceMs } = input;
  const current = new Map<ServiceRevisions, RevisionRecord | undefined>(services.map((service) => [service, service.revisions.filter((revision) => revision.createdMs < sinceMs).at(-1)]));
  const steps = services
    .flatMap((service) => service.revisions.filter((revision) => revision.createdMs >= sinceMs).map((revision) => ({ service, revision })))
    .sort((a, b) => a.revision.createdMs - b.revision.createdMs || a.revision.name.localeCompare(b.revision.name));

  const open = new Map<string, RuleSpan>();
  const spans: RuleSpan[] = [];
  const observe = (point: TimelinePoint | undefined) => {
    const findings = new Map(evaluate(input.rules, inventoryAt(input.config, services, current), { isSensitiveKey: input.isSensitiveKey }).findings.map((finding) => [findingIdentity(finding), finding]));
    for (const [id, span] of open) {
      if (findings.has(id)) continue;
      open.delete(id);
      if (point) span.disappeared = point;
    }
    for (const [id, finding] of findings) {
      if (open.has(id)) continue;
      const span: RuleSpan = {
        ruleId: finding.ruleId,
        severity: finding.severity,
        ...(finding.environment !== undefined && { environment: finding.environment }),
        ...(finding.service !== undefined && { service: finding.service }),
        ...(finding.key !== undefined && { key: finding.key }),
        message: finding.message,
        ...(point && { appeared: point }),
      };
      open.set(id, span);
      spans.push(span);
    }
  };
  observe(undefined);
  for (const { service, revision } of steps) {
    current.set(service, revision);
    observe({ environment: service.environment, service: service.service, revision: revision.name, createTime: iso(revision.createdMs), ...(revision.creator && { creator: revision.creator }) });
  }
  return spans;
}

/** Which rule, about what: not the wording (it may quote a value that changed) nor the revision. */
export function findingIdentity(finding: Finding): string {
  return [finding.ruleId, finding.environment ?? '', finding.service ?? '', finding.key ?? ''].join('\u0000');
}

/** The configured environments with each service at its revision of the moment; services without one are unknown, never clean. */
function inventoryAt(config: EnvdriftConfig, services: readonly ServiceRevisions[], current: ReadonlyMap<ServiceRevisions, RevisionRecord | undefined>): Inventory {
  const environments = config.environments.map((environment): EnvironmentInventory => ({
    name: environment.name,
    production: environment.production,
    services: environment.services.map((declared) => {
      const history = services.find((service) => service.environment === environment.name && service.service === declared.name);
      const base = { name: declared.name, urls: declared.urls, variants: [], problems: [] };
      if (!history) return { ...base, unreadable: 'not in this history (no Cloud Run source)' };
      if (history.unreadable !== undefined) return { ...base, unreadable: history.unreadable };
      const revision = current.get(history);
      if (!revision) return { ...base, unreadable: 'no revision existed yet at this point' };
      const [, project = '', , region = '', , service = declared.name] = (history.resource ?? '').split('/');
      const origin = { kind: 'cloudrun' as const, project, region, service, revision: revision.name };
      return { ...base, variants: [{ name: `revision ${revision.name}`, origin, entries: revision.entries }] };
    }),
  }));
  return { environments };
}
