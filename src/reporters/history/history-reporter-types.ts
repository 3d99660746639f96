import type { ChangeKind, HistoryReport, KeyChange, RevisionHistory, SecretEvent, TimelinePoint } from '../../model/history-report.js';

export interface HistoryReportContext {
  color: boolean;
}

/** A history renderer: pure, writes nothing, decides no exit code. */
export type HistoryReporter = (report: HistoryReport, context: HistoryReportContext) => string;

export const CHANGE_MARK: Record<ChangeKind, string> = {
  added: '+',
  removed: '-',
  'value-changed': '~',
  'literal-to-secret': '~',
  'secret-to-literal': '~',
  'secret-changed': '~',
  'version-changed': '~',
  'container-added': '+',
  'container-removed': '-',
};

/** `2025-09-11 18:02 UTC`: minutes are what a person correlates with an incident. */
export function shortTime(rfc3339: string): string {
  return `${rfc3339.slice(0, 10)} ${rfc3339.slice(11, 16)} UTC`;
}

export function keyLabel(change: KeyChange): string {
  return change.container !== undefined ? `${change.container}: ${change.key}` : change.key;
}

/** `serving 90%, tag canary, template`: what the revision is to the service now. */
export function revisionRole(revision: RevisionHistory): string {
  return [revision.trafficPercent > 0 ? `serving ${revision.trafficPercent}%` : '', ...revision.tags.map((tag) => `tag ${tag}`), revision.isTemplate ? 'template' : ''].filter(Boolean).join(', ');
}

/** In the window, revisions that changed nothing and play no role now fold into one line. */
export type RevisionLine = { kind: 'revision'; revision: RevisionHistory } | { kind: 'folded'; first: RevisionHistory; last: RevisionHistory; count: number };

export function foldUnchanged(revisions: readonly RevisionHistory[]): RevisionLine[] {
  const lines: RevisionLine[] = [];
  let run: RevisionHistory[] = [];
  const flush = () => {
    if (run.length === 1) lines.push({ kind: 'revision', revision: run[0]! });
    else if (run.length > 1) lines.push({ kind: 'folded', first: run[0]!, last: run.at(-1)!, count: run.length });
    run = [];
  };
  for (const revision of revisions) {
    if (revision.changes?.length === 0 && revisionRole(revision) === '') run.push(revision);
    else {
      flush();
      lines.push({ kind: 'revision', revision });
    }
  }
  flush();
  return lines;
}

export function secretEventText(event: SecretEvent): string {
  switch (event.event) {
    case 'created':
      return `version ${event.version} created ${shortTime(event.at!)}; ${event.latestFrom ? `latest moved from ${event.latestFrom} to ${event.latestTo}` : `its first version (latest is ${event.latestTo})`}`;
    case 'destroyed':
      return `version ${event.version} destroyed ${shortTime(event.at!)}`;
    case 'disabled-now':
      return `version ${event.version} is DISABLED now (Secret Manager records no time for disabling; see Cloud Audit Logs)`;
    case 'destroyed-now':
      return `version ${event.version} is DESTROYED now`;
  }
}

/** `netra-backend-00041-net (staging/backend, created 2025-09-11 18:02 UTC by deploy@…)`. */
export function pointText(point: TimelinePoint): string {
  const where = [point.environment, point.service].filter(Boolean).join('/');
  return `${point.revision} (${where ? `${where}, ` : ''}created ${shortTime(point.createTime)}${point.creator ? ` by ${point.creator}` : ''})`;
}

export function summaryLine(report: HistoryReport): string {
  const revisions = report.services.flatMap((service) => service.revisions);
  const changed = revisions.filter((revision) => revision.changes === undefined || revision.changes.length > 0).length;
  const events = report.secrets.flatMap((secret) => secret.events).filter((event) => event.event === 'created' || event.event === 'destroyed').length;
  const unread = report.services.filter((service) => service.unreadable !== undefined).length + report.secrets.filter((secret) => secret.unreadable !== undefined).length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const compared = report.snapshots ? `${plural(revisions.length, 'service')} compared between the snapshots` : `${plural(revisions.length, 'revision')} in the window`;
  return `${compared} (${changed} changed configuration), ${plural(events, 'secret version event')}${unread ? `; ${unread} not read` : ''}`;
}

/** The report's title after `envdrift history: `: the window, or the two snapshots compared. */
export function windowText(report: HistoryReport, show: (name: string) => string = (name) => name): string {
  const span = `${shortTime(report.since)} → ${shortTime(report.until)}`;
  return report.snapshots ? `snapshot ${show(report.snapshots.a)} → ${show(report.snapshots.b)} (${span})` : span;
}

/** What a service's `before` is: the last revision before the window, or snapshot A. */
export function beforeLabel(report: HistoryReport): string {
  return report.snapshots ? 'snapshot A' : 'before the window';
}
