import type { KeyDiff } from '../../model/diff-report.js';
import { noteOf, rulesText, STATUS_TEXT, sideText, type DiffReporter } from './diff-reporter-types.js';

const MAX_CELL = 48;

/** An aligned table per compared service, differences first, with the rules each difference breaks. */
export const textDiffReporter: DiffReporter = (report, context) => {
  const paint = (code: number, text: string) => (context.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  let differing = 0;
  let same = 0;
  for (const service of report.services) {
    lines.push(paint(1, `A: ${service.labelA}`), paint(1, `B: ${service.labelB}`));
    if (service.unreadable !== undefined) {
      lines.push(`  not compared: ${service.unreadable}`, '');
      continue;
    }
    const shown = service.keys.filter((key) => context.showSame || key.status !== 'same');
    differing += service.keys.filter((key) => key.status !== 'same').length;
    same += service.keys.filter((key) => key.status === 'same').length;
    if (shown.length === 0) {
      lines.push(`  no differences (${service.keys.length} keys the same)`, '');
      continue;
    }
    const rows = shown.map((key) => [keyLabel(key), STATUS_TEXT[key.status], cell(sideText(key.a)), cell(sideText(key.b)), rulesText(key), noteOf(key)]);
    const header = ['KEY', 'STATUS', 'A', 'B', 'BREAKS RULES', 'NOTE'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const format = (row: string[]) => `  ${row.map((text, column) => text.padEnd(widths[column]!)).join('  ').trimEnd()}`;
    lines.push(paint(90, format(header)));
    for (const [index, row] of rows.entries()) lines.push(shown[index]!.status === 'same' ? paint(90, format(row)) : format(row));
    lines.push('');
  }
  const unreadable = report.services.filter((service) => service.unreadable !== undefined).length;
  lines.push(`${differing} key${differing === 1 ? '' : 's'} differ, ${same} the same${unreadable ? `; ${unreadable} not compared (could not be read)` : ''}`);
  return `${lines.join('\n')}\n`;
};

function keyLabel(key: KeyDiff): string {
  return key.keyA === key.keyB ? key.keyA : `${key.keyA} = ${key.keyB}`;
}

function cell(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}
