/**
 * The HTML report as a person sees it: rendered by real headless Chromium, checked through the DOM. It must
 * draw the expected matrix, show mismatched JWT secrets as different value groups, open a cell's findings on
 * click and on the keyboard, filter and search rows, keep working under its own Content-Security-Policy, and
 * never make a request. Screenshots are saved under test-artifacts/ (gitignored) for a person to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { packageRoot } from '../src/files/package-root.js';
import { findChromium } from './support/chromium.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const chromium = findChromium();
const ARTIFACTS = join(packageRoot, 'test-artifacts', 'html-report');
const workspace = createWorkspace();
after(() => workspace.dispose());

interface MatrixView {
  columns: string[];
  rows: Record<string, Record<string, { text: string; group: string | null; severity: string | null }>>;
}

/** The matrix of one environment as the DOM holds it: column titles "service / variant", cells by key. */
function readMatrix(page: Page, environment: string): Promise<MatrixView> {
  return page.evaluate((name) => {
    const section = document.querySelector(`section.environment[data-environment="${name}"]`)!;
    const columns = [...section.querySelectorAll('thead th[data-service]')].map((th) => `${th.getAttribute('data-service')} / ${th.getAttribute('data-variant')}`);
    const rows: MatrixView['rows'] = {};
    for (const row of section.querySelectorAll('tbody tr.row')) {
      const cells = [...row.querySelectorAll('td.cell')];
      rows[row.getAttribute('data-key')!] = Object.fromEntries(
        cells.map((cell, index) => [columns[index]!, { text: (cell as HTMLElement).innerText, group: cell.getAttribute('data-group'), severity: cell.getAttribute('data-severity') }]),
      );
    }
    return { columns, rows };
  }, environment);
}

/** Opens an HTML file with every request the page makes recorded and refused, except loading the file itself. */
async function openReport(browser: Browser, file: string): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1500, height: 1000 });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const problems: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === url) return void request.continue();
    requests.push(request.url());
    void request.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems };
}

function renderHtml(args: string[], file: string, cwd: string): string {
  const result = runCli([...args, '--format', `html:${file}`], { cwd });
  assert.equal(result.status, 1, `expected findings (exit 1): ${result.stderr}`);
  assert.equal(result.stdout, '', 'html:FILE writes to the file, not to standard output');
  return file;
}

describe('the HTML report in a real browser', { skip: chromium.skipReason }, () => {
  let browser: Browser;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await puppeteer.launch({ executablePath: chromium.path!, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  });
  after(async () => browser?.close());

  test('the demo estate: revision column, JWT groups, click, keyboard, filter, search, no request', async () => {
    const file = renderHtml(['demo'], workspace.path('demo.html'), workspace.dir);
    const { page, requests, problems } = await openReport(browser, file);

    // The inline style sheet and script ran: their hashes match the Content-Security-Policy.
    assert.equal(await page.$eval('.summary', (element) => getComputedStyle(element).display), 'flex', 'the inline style was blocked');
    assert.match(await page.$eval('#rows-shown', (element) => element.textContent ?? ''), /^\d+ of \d+ rows shown$/, 'the inline script did not run');
    assert.match(await page.$eval('.verdict', (element) => element.textContent ?? ''), /failed: \d+ findings at or above --fail-on error/);
    assert.match(await page.$eval('[data-count="unevaluated"]', (element) => element.textContent ?? ''), /\? \d+ not evaluated/);

    const staging = await readMatrix(page, 'staging');
    assert.deepEqual(staging.columns, ['backend / template', 'backend / revision netra-backend-00041-net', 'auth / template', 'frontend / template', 'migrate / template']);
    for (const key of ['JWT_SECRET_KEY', 'SERVICE_SECRET', 'AUTH_SERVICE_URL', 'SERVICE_ID', 'ENVIRONMENT']) assert.ok(staging.rows[key], `no row for ${key}`);
    const jwt = staging.rows.JWT_SECRET_KEY!;
    assert.notEqual(jwt['backend / template']!.group, null);
    assert.notEqual(jwt['auth / template']!.group, null);
    assert.notEqual(jwt['backend / template']!.group, jwt['auth / template']!.group, 'mismatched JWT secrets must carry different value groups');
    assert.match(jwt['backend / template']!.text, /secret jwt-secret-key-staging @ latest/);
    assert.match(jwt['auth / template']!.text, /secret jwt-secret-staging @ latest/);
    assert.equal(jwt['auth / template']!.severity, 'error');
    // The old revision still serving traffic lacks SERVICE_SECRET: absent, and marked as an error.
    const oldRevision = staging.rows.SERVICE_SECRET!['backend / revision netra-backend-00041-net']!;
    assert.match(oldRevision.text, /absent/);
    assert.equal(oldRevision.severity, 'error');

    // A click on auth's JWT cell (where the mismatch is located: auth differs from backend, whose value is A) opens
    // its findings: rule, message, location and fix.
    const jwtCell = 'section[data-environment="staging"] tr[data-key="JWT_SECRET_KEY"] td.cell:nth-of-type(1)';
    const authJwtCell = 'section[data-environment="staging"] tr[data-key="JWT_SECRET_KEY"] td.cell:nth-of-type(3)';
    await page.click(authJwtCell);
    const opened = await page.$eval(authJwtCell, (cell) => {
      const details = document.getElementById(cell.getAttribute('data-details')!)!;
      return { hidden: details.hidden, text: (details as HTMLElement).innerText, rules: [...details.querySelectorAll('li.finding')].map((item) => item.getAttribute('data-rule')) };
    });
    assert.equal(opened.hidden, false);
    assert.ok(opened.rules.includes('recommended/jwt-secrets-agree'), `findings shown: ${opened.rules.join(', ')}`);
    // The finding names the value groups with the letters the matrix shows.
    const [backendGroup, authGroup] = [jwt['backend / template']!.group, jwt['auth / template']!.group];
    assert.match(opened.text, new RegExp(`backend JWT_SECRET_KEY \\(template\\), backend JWT_SECRET_KEY \\(revision netra-backend-00041-net\\) share value ${backendGroup}; auth JWT_SECRET_KEY, auth JWT_SECRET share value ${authGroup}`));
    assert.match(opened.text, /at Cloud Run netra-staging\/us-central1\/netra-auth \(template/);
    assert.match(opened.text, /fix: Point every JWT_SECRET\* key of every service in staging at the same secret/);
    await (await page.$('section[data-environment="staging"]'))!.screenshot({ path: join(ARTIFACTS, 'demo-staging-finding-open.png') });

    // Keyboard: arrow keys move through the grid, Enter opens, Escape closes.
    await page.focus(jwtCell);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-key')), 'JWT_SECRET_KEY');
    assert.equal(await page.evaluate(() => [...document.activeElement!.parentElement!.querySelectorAll('td.cell')].indexOf(document.activeElement!)), 1);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-key')), 'SERVICE_SECRET');
    await page.keyboard.press('Enter');
    const shownAfterEnter = await page.evaluate(() => [...document.querySelectorAll('section[data-environment="staging"] .details:not([hidden])')].map((details) => details.querySelector('h3')!.textContent));
    assert.deepEqual(shownAfterEnter, ['staging · backend (revision netra-backend-00041-net) · SERVICE_SECRET']);
    await page.keyboard.press('Escape');
    assert.equal(await page.$$eval('section[data-environment="staging"] .details:not([hidden])', (list) => list.length), 0);

    // The filter hides clean rows and keeps every row with findings.
    const rowsBefore = await page.$$eval('tbody tr.row', (rows) => rows.map((row) => ({ key: row.getAttribute('data-key'), attention: row.getAttribute('data-attention') === 'true' })));
    assert.ok(rowsBefore.some((row) => !row.attention) && rowsBefore.some((row) => row.attention), 'the demo should have clean rows and rows with findings');
    await page.click('#only-findings');
    const visibility = await page.$$eval('tbody tr.row', (rows) => rows.map((row) => ({ attention: row.getAttribute('data-attention') === 'true', visible: (row as HTMLElement).offsetParent !== null })));
    assert.ok(visibility.every((row) => row.visible === row.attention), 'with the filter on, exactly the rows with findings are shown');
    await page.click('#only-findings');

    // The search box narrows rows to keys (and secret names) containing the text.
    await page.type('#search', 'jwt');
    const searched = await page.$$eval('tbody tr.row', (rows) => rows.filter((row) => (row as HTMLElement).offsetParent !== null).map((row) => row.getAttribute('data-key')));
    assert.ok(searched.length > 0 && searched.every((key) => /jwt/i.test(key!)), `rows shown for "jwt": ${searched.join(', ')}`);

    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const dark = await page.$eval('body', (body) => getComputedStyle(body).backgroundColor);
    assert.notEqual(dark, 'rgb(255, 255, 255)', 'dark mode keeps a light background');
    await page.screenshot({ path: join(ARTIFACTS, 'demo-dark.png') });

    assert.deepEqual(requests, [], 'the page made requests');
    assert.deepEqual(problems, [], 'the page logged errors (a CSP violation, a script error)');
    await page.close();
  });

  test('the bundled example: .env columns, a whole-service row, printed on A4 landscape', async () => {
    const file = renderHtml(['check', '--config', join(packageRoot, 'examples', 'envdrift.yaml')], workspace.path('example.html'), workspace.dir);
    const { page, requests, problems } = await openReport(browser, file);
    const staging = await readMatrix(page, 'staging');
    assert.deepEqual(staging.columns, ['backend / .env', 'auth / .env', 'frontend / .env']);
    const jwt = staging.rows.JWT_SECRET_KEY!;
    assert.match(jwt['backend / .env']!.text, /literal/);
    assert.notEqual(jwt['backend / .env']!.group, jwt['auth / .env']!.group, 'mismatched JWT secrets must carry different value groups');
    // A finding about a file as a whole (the escaped .env.staging.tests) sits in the service's own row.
    assert.equal(staging.rows['(service)']!['frontend / .env']!.severity, 'error');
    const production = await readMatrix(page, 'production');
    assert.deepEqual(production.columns, ['backend / .env', 'auth / .env', 'frontend / .env']);
    await page.screenshot({ path: join(ARTIFACTS, 'example-light.png'), fullPage: true });

    // Printing: the page asks for A4 landscape (842 × 595 points), and every finding is printed.
    await page.emulateMediaType('print');
    assert.equal(await page.$$eval('.details', (list) => list.filter((details) => (details as HTMLElement).offsetParent === null).length), 0, 'a finding is hidden in print');
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    assert.ok(box, 'no page size in the PDF');
    assert.ok(Math.abs(Number(box[1]) - 842) < 2 && Math.abs(Number(box[2]) - 595) < 2, `page is ${box[1]} × ${box[2]} points, not A4 landscape`);

    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the checks above would see a request: the interception records one, the policy blocks one', async () => {
    // Guards the guard: "no request" above means something only if a request would have been seen.
    const example = workspace.path('example.html');
    const html = readFileSync(example, 'utf8').replace('</main>', '<img src="http://127.0.0.1:9/x.png" alt=""></main>');
    const withoutPolicy = await openReport(browser, workspace.write('no-policy.html', html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')));
    assert.deepEqual(withoutPolicy.requests, ['http://127.0.0.1:9/x.png']);
    await withoutPolicy.page.close();
    const withPolicy = await openReport(browser, workspace.write('tampered.html', html));
    assert.deepEqual(withPolicy.requests, [], 'the policy should stop the image before any request is made');
    assert.ok(withPolicy.problems.some((problem) => /Content Security Policy/i.test(problem)), `no CSP report: ${withPolicy.problems.join(' | ')}`);
    await withPolicy.page.close();
  });
});
