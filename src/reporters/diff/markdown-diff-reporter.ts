import { noteOf, rulesText, STATUS_TEXT, sideText, type DiffReporter } from './diff-reporter-types.js';

/** Pasteable into an incident ticket: one table per compared service, differences first. */
export const markdownDiffReporter: DiffReporter = (report, context) => {
  const lines = [`# envdrift diff: \`${escape(report.a)}\` vs \`${escape(report.b)}\``, ''];
  for (const service of report.services) {
    lines.push(`## ${escape(service.labelA)} ↔ ${escape(service.labelB)}`, '');
    if (service.unreadable !== undefined) {
      lines.push(`**Not compared** (could not be read): ${escape(service.unreadable)}`, '');
      continue;
    }
    const shown = service.keys.filter((key) => context.showSame || key.status !== 'same');
    const same = service.keys.length - service.keys.filter((key) => key.status !== 'same').length;
    if (shown.length === 0) {
      lines.push(`No differences (${same} keys the same).`, '');
      continue;
    }
    lines.push('| key | status | A | B | breaks rules | note |', '|---|---|---|---|---|---|');
    for (const key of shown) {
      const name = key.keyA === key.keyB ? key.keyA : `${key.keyA} = ${key.keyB}`;
      lines.push(`| \`${escape(name)}\` | ${STATUS_TEXT[key.status]} | ${code(sideText(key.a))} | ${code(sideText(key.b))} | ${rulesText(key, (rule) => `\`${escape(rule)}\``)} | ${escape(noteOf(key))} |`);
    }
    if (!context.showSame && same > 0) lines.push('', `${same} more ${same === 1 ? 'key is' : 'keys are'} the same.`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
};

function escape(text: string): string {
  return text.replace(/[|`\\]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '—' ? text : `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, '\\n')}\``;
}
