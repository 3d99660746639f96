import { markdownCell, markdownCode } from '../markdown-escape.js';
import { beforeLabel, CHANGE_MARK, windowText, foldUnchanged, keyLabel, pointText, revisionRole, secretEventText, shortTime, summaryLine, type HistoryReporter } from './history-reporter-types.js';

/** For a ticket: a table of revisions and their changes per service, then secrets and rules. Everything escaped. */
export const markdownHistoryReporter: HistoryReporter = (report) => {
  const lines: string[] = [`# envdrift history: ${windowText(report, (name) => markdownCode(name, 'text'))}`, '', summaryLine(report), ''];
  for (const service of report.services) {
    lines.push(`## ${markdownCell(`${service.environment}/${service.service}`)}`, '');
    if (service.unreadable !== undefined) {
      lines.push(`**Not read:** ${markdownCell(service.unreadable)}`, '');
      continue;
    }
    if (service.before) lines.push(`${beforeLabel(report).replace(/^./, (first) => first.toUpperCase())}: ${markdownCode(service.before.name, 'text')}, created ${shortTime(service.before.createTime)}${service.before.creator ? ` by ${markdownCell(service.before.creator)}` : ''}`, '');
    if (service.revisions.length === 0) {
      lines.push('No revision created in the window.', '');
      continue;
    }
    lines.push('| revision | created | by | now | changes |', '|---|---|---|---|---|');
    for (const line of foldUnchanged(service.revisions)) {
      if (line.kind === 'folded') {
        lines.push(`| ${markdownCode(line.first.name)} … ${markdownCode(line.last.name)} | ${shortTime(line.first.createTime)} → ${shortTime(line.last.createTime)} | | | ${line.count} revisions, no configuration change |`);
        continue;
      }
      const { revision } = line;
      const changes = revision.changes === undefined ? 'first revision of the service' : revision.changes.length === 0 ? 'no configuration change' : revision.changes.map((change) => `${CHANGE_MARK[change.change]} ${markdownCode(keyLabel(change))} ${markdownCell(change.detail)}`).join('<br>');
      lines.push(`| ${markdownCode(revision.name)} | ${shortTime(revision.createTime)} | ${markdownCell(revision.creator ?? '')} | ${markdownCell(revisionRole(revision))} | ${changes} |`);
    }
    lines.push('');
  }
  const secrets = report.secrets.filter((secret) => secret.events.length > 0 || secret.unreadable !== undefined);
  if (secrets.length > 0) {
    lines.push('## Secrets', '');
    for (const secret of secrets) {
      lines.push(`- ${markdownCode(secret.secret, 'text')} (${markdownCell(secret.referencedBy.join(', '))})`);
      if (secret.unreadable !== undefined) lines.push(`  - **not read:** ${markdownCell(secret.unreadable)}`);
      for (const event of secret.events) lines.push(`  - ${markdownCell(secretEventText(event))}`);
    }
    lines.push('');
  }
  if (report.rules) {
    lines.push('## Rules, revision by revision', '');
    if (report.rules.length === 0) lines.push('No finding at any revision in the window.');
    else lines.push('| severity | rule | where | finding | since | gone with |', '|---|---|---|---|---|---|');
    for (const span of report.rules) {
      const where = [span.environment && span.service ? `${span.environment}/${span.service}` : span.environment, span.key].filter(Boolean).join(' ');
      lines.push(`| ${span.severity} | ${markdownCode(span.ruleId)} | ${markdownCell(where)} | ${markdownCell(span.message)} | ${span.appeared ? markdownCell(pointText(span.appeared)) : report.snapshots ? 'in snapshot A' : 'before the window'} | ${span.disappeared ? markdownCell(pointText(span.disappeared)) : report.snapshots ? 'still in snapshot B' : 'still there'} |`);
    }
    lines.push('');
  }
  for (const skipped of report.skipped) lines.push(`- not in the history: ${markdownCell(`${skipped.environment}/${skipped.service}`)} — ${markdownCell(skipped.reason)}`);
  return `${lines.join('\n').trimEnd()}\n`;
};
