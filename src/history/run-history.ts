import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError } from '../files/user-error.js';
import type { HistoryReport, RevisionHistory, RevisionSecret, ServiceHistory } from '../model/history-report.js';
import type { SecretRef } from '../model/inventory.js';
import { prepareRun, type RunRequest } from '../pipeline/prepare-run.js';
import { readHistory, secretNameOf, type HistoryServiceRequest, type RevisionRecord, type ServiceRevisions } from '../sources/history/read-history.js';
import { revisionChanges } from './revision-changes.js';
import { ruleTimeline } from './rule-timeline.js';
import { iso, secretTimeline } from './secret-timeline.js';

export interface HistoryRequest extends RunRequest {
  /** `ENV` or `ENV/SERVICE`; every configured service when absent. */
  scope?: { environment: string; service?: string };
  sinceMs: number;
  untilMs: number;
  /** Evaluate the config's rules against every revision in the window. */
  rules: boolean;
}

export interface HistoryResult {
  report: HistoryReport;
  /** What the person must do about what could not be read (log in, say). */
  notices: string[];
}

/**
 * The incident timeline: for each configured Cloud Run service in scope, its revisions in the window with
 * the key-level changes between them; the secrets they reference and what happened to their versions; and
 * with `rules`, the revision with which each finding appeared and disappeared.
 */
export async function runHistory(request: HistoryRequest): Promise<HistoryResult> {
  const run = prepareRun(request.scope ? { ...request, environments: [request.scope.environment] } : request);
  const { requests, skipped } = servicesInScope(run.config, request.scope);
  const needsValue = request.rules ? run.needsValue : () => false;
  const reading = await readHistory(requests, {
    describer: run.describer,
    sinceMs: request.sinceMs,
    untilMs: request.untilMs,
    ...(request.gcp && { gcp: { ...request.gcp, needsValue } }),
  });
  const window = { sinceMs: request.sinceMs, untilMs: request.untilMs };
  const references = new Map<string, { by: Set<string>; versions: Set<string> }>();
  // Runs once per secret reference of every revision (24,000 in the benchmark): one name and one lookup each.
  for (const service of reading.services) {
    const place = `${service.environment}/${service.service}`;
    for (const revision of service.revisions) {
      for (const entry of revision.entries) {
        if (entry.source.kind !== 'secret') continue;
        const name = secretNameOf(entry.source);
        let seen = references.get(name);
        if (!seen) references.set(name, (seen = { by: new Set(), versions: new Set() }));
        seen.by.add(`${place} ${entry.key}`);
        if (entry.source.resolvedVersion) seen.versions.add(entry.source.resolvedVersion);
      }
    }
  }
  const report: HistoryReport = {
    since: iso(request.sinceMs),
    until: iso(request.untilMs),
    services: reading.services.map((service) => serviceHistory(service, request.sinceMs)),
    secrets: reading.secrets.map((secret) => {
      const seen = references.get(secret.secret);
      return secretTimeline(secret, [...(seen?.by ?? [])].sort(), seen?.versions ?? new Set(), window);
    }),
    skipped,
    ...(request.rules && { rules: ruleTimeline({ rules: run.rules, config: run.config, isSensitiveKey: run.isSensitiveKey, services: reading.services, sinceMs: request.sinceMs }) }),
  };
  return { report, notices: reading.notices };
}

function serviceHistory(service: ServiceRevisions, sinceMs: number): ServiceHistory {
  const base = { environment: service.environment, service: service.service, ...(service.resource && { resource: service.resource }) };
  if (service.unreadable !== undefined) return { ...base, revisions: [], unreadable: service.unreadable };
  const summaries = service.revisions.map((revision, index) => revisionHistory(revision, service.revisions[index - 1], service));
  const hasBefore = service.revisions[0] !== undefined && service.revisions[0].createdMs < sinceMs;
  return { ...base, ...(hasBefore && { before: summaries[0]! }), revisions: hasBefore ? summaries.slice(1) : summaries };
}

function revisionHistory(revision: RevisionRecord, previous: RevisionRecord | undefined, service: ServiceRevisions): RevisionHistory {
  const traffic = service.traffic[revision.name];
  return {
    name: revision.name,
    createTime: iso(revision.createdMs),
    ...(revision.creator && { creator: revision.creator }),
    trafficPercent: traffic?.percent ?? 0,
    tags: traffic?.tags ?? [],
    isTemplate: service.templateRevision === revision.name,
    ...(previous && { changes: revisionChanges(previous, revision) }),
    secrets: revision.entries.flatMap((entry): RevisionSecret[] => {
      if (entry.source.kind !== 'secret') return [];
      const source: SecretRef = entry.source;
      return [{
        key: entry.key,
        secret: source.secret,
        version: source.version,
        ...(source.resolvedVersion !== undefined && { resolvedVersion: source.resolvedVersion }),
        ...(source.state !== undefined && source.state !== 'ENABLED' && { stateNow: source.state }),
      }];
    }),
  };
}

/** The configured services the scope names that have a Cloud Run source; the others are listed as skipped. */
function servicesInScope(config: ReturnType<typeof prepareRun>['config'], scope: HistoryRequest['scope']): { requests: HistoryServiceRequest[]; skipped: HistoryReport['skipped'] } {
  const requests: HistoryServiceRequest[] = [];
  const skipped: HistoryReport['skipped'] = [];
  for (const environment of config.environments) {
    const services = scope?.service ? environment.services.filter((service) => service.name === scope.service) : environment.services;
    if (scope?.service && services.length === 0) {
      const names = environment.services.map((service) => service.name);
      throw new UserError(`${scope.environment}/${scope.service}: no service '${scope.service}' in ${environment.name}${suggestionSuffix(scope.service, names)}; declared: ${names.join(', ')}`);
    }
    for (const service of services) {
      const cloudrun = service.sources.find((source) => source.type === 'cloudrun');
      if (!cloudrun) {
        if (scope?.service) throw new UserError(`${environment.name}/${service.name} has no Cloud Run source, so no revision history: history reads deployed revisions`);
        skipped.push({ environment: environment.name, service: service.name, reason: 'no Cloud Run source (no revisions to read)' });
        continue;
      }
      requests.push({ environment: environment.name, service: service.name, project: cloudrun.project, ...(cloudrun.regions && { regions: cloudrun.regions }), serviceName: cloudrun.serviceName });
    }
  }
  return { requests, skipped };
}
