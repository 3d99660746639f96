import { showInvisible } from '../visible-text.js';
import type { RevisionHistory } from '../../model/history-report.js';
import { beforeLabel, CHANGE_MARK, windowText, foldUnchanged, keyLabel, pointText, revisionRole, secretEventText, shortTime, summaryLine, type HistoryReporter } from './history-reporter-types.js';

/** Per service its revisions oldest first with what each changed, then the secrets, the rules and what was not read. */
export const textHistoryReporter: HistoryReporter = (report, context) => {
  const paint = (code: number, text: string) => (context.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [paint(1, `envdrift history: ${showInvisible(windowText(report))}`), ''];
  const revisionLine = (revision: RevisionHistory, prefix = '') => {
    const role = revisionRole(revision);
    return `  ${prefix}${paint(1, revision.name)}  ${shortTime(revision.createTime)}${revision.creator ? `  by ${revision.creator}` : ''}${role ? `  [${role}]` : ''}`;
  };
  for (const service of report.services) {
    lines.push(paint(1, `${service.environment}/${service.service}`) + (service.resource ? paint(90, `  ${service.resource}`) : ''));
    if (service.unreadable !== undefined) {
      lines.push(`  not read: ${service.unreadable}`, '');
      continue;
    }
    if (service.before) lines.push(paint(90, revisionLine(service.before, `${beforeLabel(report)}: `)));
    if (service.revisions.length === 0) lines.push('  no revision created in the window');
    for (const line of foldUnchanged(service.revisions)) {
      if (line.kind === 'folded') {
        lines.push(paint(90, `  ${line.first.name} … ${line.last.name}  ${line.count} revisions, no configuration change (${shortTime(line.first.createTime)} → ${shortTime(line.last.createTime)})`));
        continue;
      }
      const { revision } = line;
      lines.push(revisionLine(revision));
      if (revision.changes === undefined) lines.push('      first revision of the service');
      else if (revision.changes.length === 0) lines.push(paint(90, '      no configuration change'));
      for (const change of revision.changes ?? []) lines.push(`      ${CHANGE_MARK[change.change]} ${showInvisible(keyLabel(change))}  ${showInvisible(change.detail)}`);
    }
    lines.push('');
  }
  const secrets = report.secrets.filter((secret) => secret.events.length > 0 || secret.unreadable !== undefined);
  if (secrets.length > 0) {
    lines.push(paint(1, 'Secrets'));
    for (const secret of secrets) {
      lines.push(`  ${secret.secret}${paint(90, `  (${secret.referencedBy.join(', ')})`)}`);
      if (secret.unreadable !== undefined) lines.push(`    not read: ${secret.unreadable}`);
      for (const event of secret.events) lines.push(`    ${secretEventText(event)}`);
    }
    lines.push('');
  }
  if (report.rules) {
    lines.push(paint(1, 'Rules, revision by revision'));
    if (report.rules.length === 0) lines.push('  no finding at any revision in the window');
    for (const span of report.rules) {
      const where = [span.environment && span.service ? `${span.environment}/${span.service}` : span.environment, span.key].filter(Boolean).join(' ');
      lines.push(`  ${span.severity.padEnd(7)} ${span.ruleId}  ${where}: ${span.message}`);
      lines.push(`          ${span.appeared ? `since ${pointText(span.appeared)}` : report.snapshots ? 'already in snapshot A' : 'already before the window'}${span.disappeared ? `; gone with ${pointText(span.disappeared)}` : report.snapshots ? '; still in snapshot B' : '; still there'}`);
    }
    lines.push('');
  }
  for (const skipped of report.skipped) lines.push(paint(90, `not in the history: ${skipped.environment}/${skipped.service} — ${skipped.reason}`));
  if (report.skipped.length > 0) lines.push('');
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
};
