/**
 * --format html without a browser: the page is self-contained under its own policy, escapes every piece of
 * report text, and says the right verdict. How it looks and behaves is checked in Chromium by
 * test/html-report-browser.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { Report } from '../../src/model/report.js';
import { htmlReporter } from '../../src/reporters/html-reporter.js';
import { CONTEXT, cleanReport, fullReport, hostileReport } from './report-fixture.js';

const hashOf = (content: string) => `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;

describe('html reporter', () => {
  let full: Report;
  before(async () => {
    full = await fullReport();
  });

  test('loads nothing: a strict policy that allows exactly the inline style and script by hash', () => {
    const html = htmlReporter(full, CONTEXT);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(policy, 'no Content-Security-Policy meta tag');
    const directives = Object.fromEntries(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    assert.equal(directives['default-src'], "'none'");
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    assert.equal(styles.length, 1);
    assert.equal(scripts.length, 1);
    assert.equal(directives['style-src'], hashOf(styles[0]!));
    assert.equal(directives['script-src'], hashOf(scripts[0]!));
    assert.doesNotMatch(html, /\s(src|href|style|on[a-z]+)=/i, 'no resource links, style attributes or inline handlers');
    assert.doesNotMatch(html, /url\(|@import|https?:\/\//i, 'nothing that could fetch');
  });

  test('every piece of report text is escaped; control characters are written out', () => {
    const html = htmlReporter(hostileReport(), CONTEXT);
    assert.doesNotMatch(html, /<b>/);
    assert.doesNotMatch(html, /[\u0000\u0001\u001b]/);
    assert.match(html, /messagea &lt;b&gt; &amp; "c" 'd'/);
    assert.match(html, /data-rule="rulea &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;/);
  });

  test('the verdict follows the exit code: failed, incomplete, passed, clean', () => {
    const verdictOf = (report: Report, failOn: typeof CONTEXT.failOn = 'error') => /data-verdict="(\w+)"/.exec(htmlReporter(report, { ...CONTEXT, failOn }))?.[1];
    assert.equal(verdictOf(full), 'failed');
    assert.equal(verdictOf({ ...full, findings: [] }), 'incomplete');
    assert.equal(verdictOf({ ...full, unevaluated: [] }, 'never'), 'passed');
    assert.equal(verdictOf(cleanReport()), 'clean');
  });

  test('draws a matrix per environment from the report, and places findings in their cells', () => {
    const html = htmlReporter(full, CONTEXT);
    assert.match(html, /<section class="environment" data-environment="staging"/);
    assert.match(html, /<section class="environment" data-environment="production"/);
    assert.match(html, /<th scope="col" data-service="backend" data-variant=".env">/);
    // The staging JWT secrets differ: two value groups in one row, and the finding is in the backend's cell.
    const jwtRow = /<tr class="row" data-key="JWT_SECRET_KEY"[^>]*>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    assert.deepEqual([...jwtRow.matchAll(/data-group="(\w)"/g)].map((match) => match[1]).sort(), ['A', 'B']);
    assert.match(jwtRow, /data-severity="error"/);
    assert.match(html, /<li class="finding" data-rule="jwt-shared">/);
  });
});
