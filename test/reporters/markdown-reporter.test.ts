/** --format markdown: a triage report that pastes into a GitHub issue without any text breaking its tables. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import type { Report } from '../../src/model/report.js';
import { markdownCode } from '../../src/reporters/markdown-escape.js';
import { markdownReporter } from '../../src/reporters/markdown-reporter.js';
import { CONTEXT, cleanReport, fullReport, HOSTILE, hostileReport } from './report-fixture.js';

/** Cells of a table row: split at every `|` that is not escaped with a backslash, as GFM does. */
function cells(row: string): string[] {
  return row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** Every table in the document: its header cells and the cells of each row. */
function tables(markdown: string): Array<{ header: string[]; rows: string[][] }> {
  const found: Array<{ header: string[]; rows: string[][] }> = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!/^\|(---\|)+$/.test(lines[index + 1] ?? '')) continue;
    const table = { header: cells(lines[index]!), rows: [] as string[][] };
    for (index += 2; lines[index]?.startsWith('|'); index++) table.rows.push(cells(lines[index]!));
    found.push(table);
  }
  return found;
}

/** GitHub's own Markdown engine (cmark-gfm), where installed, renders the document. */
function renderWithGfm(markdown: string): string | undefined {
  const result = spawnSync('cmark-gfm', ['--extension', 'table', '--extension', 'autolink', '--extension', 'strikethrough'], { input: markdown, encoding: 'utf8' });
  return result.error ? undefined : result.stdout;
}

describe('--format markdown', () => {
  let report: Report;
  let markdown: string;
  before(async () => {
    report = await fullReport();
    markdown = markdownReporter(report, CONTEXT);
  });

  test('summary table, then findings by environment and service, then not evaluated, then suppressed', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    assert.deepEqual(headings, [
      '## envdrift report',
      '### Findings',
      '#### Environment `staging`',
      '##### Service `backend`',
      '#### Environment `production`',
      '##### Service `backend`',
      '### Not evaluated',
      '### Suppressed findings',
      '### Unused suppressions',
    ]);
    const summary = Object.fromEntries(tables(markdown)[0]!.rows.map(([name, value]) => [name, value]));
    assert.deepEqual(summary, {
      verdict: '❌ **failed**: 4 findings at or above `--fail-on error`',
      errors: '4',
      warnings: '2',
      info: '0',
      'not evaluated': '5',
      suppressed: '1',
      services: '3',
      environments: '2: `staging`, `production`',
    });
  });

  test('each finding row says severity, rule, key, message, location with related places, and fix', () => {
    const staging = tables(markdown)[1]!;
    assert.deepEqual(staging.header, ['severity', 'rule', 'key', 'message', 'location', 'fix']);
    const jwt = staging.rows.find((row) => row[1] === '`jwt-shared`')!;
    assert.deepEqual(jwt, [
      '🔴 error',
      '`jwt-shared`',
      '`JWT_SECRET_KEY`',
      'values differ: auth JWT_SECRET_KEY has value A; backend JWT_SECRET_KEY has value B',
      '`config dir/backend.env:3`<br>see `auth.env:2`: auth JWT_SECRET_KEY: value A',
      'point both at one secret',
    ]);
    const production = tables(markdown)[2]!;
    const cloudRun = production.rows.find((row) => row[1] === '`needs-service-id`')!;
    assert.equal(cloudRun[3], 'SERVICE_ID is not set (revision netra-backend-00042-xyz)');
    assert.equal(cloudRun[4], '`Cloud Run netra-prod/us-central1/netra-backend (revision netra-backend-00042-xyz, container sidecar)`');
  });

  test('not evaluated, suppressed findings and unused suppressions get tables of their own; suppressed ones are not counted as findings', () => {
    const [, , , notEvaluated, suppressed] = tables(markdown);
    // One row per thing that could not be read, with the checks it blocked.
    assert.equal(notEvaluated!.rows.length, new Set(report.unevaluated.map((item) => item.reason)).size);
    assert.deepEqual(notEvaluated!.rows[0], ['missing/backend.env does not exist', '`production/backend`', '5: `envdrift/read`, `needs-service-id`, `log-level-info`, `jwt-shared`, `no-bypass-switch`']);
    assert.match(markdown, /\*\*This is not a pass\.\*\*/);
    assert.deepEqual(suppressed!.rows, [
      ['warning', '`log-level-info`', '`staging / auth`', '`LOG_LEVEL`', 'LOG_LEVEL is "debug", expected "info"', '`auth.env:3`', 'debug logging until the incident INC-7 is closed', '2099-12-31', '`envdrift.ignore.yaml:4`'],
    ]);
    assert.ok(!tables(markdown)[1]!.rows.some((row) => row.includes('`staging / auth`')));
    assert.deepEqual(tables(markdown)[5]!.rows, [['`envdrift.ignore.yaml:9`', '`jwt-shared`', '`staging / auth`', '', 'matched no finding']]);
  });

  test('the verdict follows the exit code: incomplete is never clean, suppressed findings never fail', async () => {
    const verdict = (text: string) => tables(text)[0]!.rows[0]![1]!;
    assert.match(verdict(markdownReporter(report, { ...CONTEXT, failOn: 'never' })), /incomplete/);
    assert.match(verdict(markdownReporter(cleanReport(), CONTEXT)), /clean/);
    const onlySuppressed = { ...cleanReport(), findings: report.findings.filter((finding) => finding.suppressed) };
    assert.match(verdict(markdownReporter(onlySuppressed, { ...CONTEXT, failOn: 'info' })), /clean/);
    const onlyWarnings = { ...cleanReport(), findings: report.findings.filter((finding) => finding.severity === 'warning' && !finding.suppressed) };
    assert.match(verdict(markdownReporter(onlyWarnings, CONTEXT)), /passed\*\* with findings below/);
  });

  test('no report text can break a table row or become markup', () => {
    const text = markdownReporter(hostileReport(), CONTEXT);
    for (const table of tables(text)) for (const row of table.rows) assert.equal(row.length, table.header.length, `row breaks the table:\n${row.join(' ‖ ')}`);
    const outsideCode = text.replace(/(`+)[\s\S]*?(?<!`)\1(?!`)/g, '');
    assert.ok(!outsideCode.includes('<b>'), 'raw HTML outside code spans');
    assert.ok(!text.includes('\r') && !text.includes('\u0001'), 'raw control characters');
    assert.ok(text.includes('\\*f\\*') && text.includes('\\`e\\`') && text.includes('&amp;'), text);
    const html = renderWithGfm(text);
    if (html === undefined) return; // cmark-gfm not installed: the structural check above stands alone
    for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
      const count = (row.match(/<t[dh]/g) ?? []).length;
      assert.ok([2, 4, 6, 9].includes(count), `a rendered row has ${count} cells:\n${row}`);
    }
    assert.doesNotMatch(html, /<b>|<em>|<code>e<\/code>/, 'report text turned into markup');
  });

  test('inline code survives backticks and pipes', () => {
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x`'), '`` `x` ``');
    assert.equal(markdownCode('a|b'), '`a\\|b`');
    assert.equal(markdownCode('a|b', 'text'), '`a|b`');
    assert.equal(markdownCode(`line${HOSTILE}`).includes('\n'), false);
  });
});
