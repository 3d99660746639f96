/**
 * A snapshot is a file anyone can edit or truncate: check, diff and init validate it against its schema
 * and refuse it with every problem at file:line:column (exit 2), instead of crashing on a null or silently
 * accepting a number where a key belongs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());
workspace.write('envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [backend.env] }\n');
workspace.write('backend.env', 'SERVICE_ID=netra-backend\n');

const written = runCli(['snapshot', '--out', 'good.json'], { cwd: workspace.dir });
assert.equal(written.status, 0, written.stderr);
const good = JSON.parse(readFileSync(workspace.path('good.json'), 'utf8'));

/** The good snapshot with one change, pretty-printed as envdrift writes it. */
function variantOf(change: (document: any) => void): string {
  const copy = structuredClone(good);
  change(copy);
  return `${JSON.stringify(copy, null, 2)}\n`;
}

function lineOf(text: string, fragment: string): number {
  return text.slice(0, text.indexOf(fragment)).split('\n').length;
}

/** check, diff and init, each on the same snapshot file. */
function everyReader(file: string) {
  return [
    ['check', runCli(['check', '--snapshot', file], { cwd: workspace.dir })],
    ['diff', runCli(['diff', `${file}:staging/backend`, 'staging/backend'], { cwd: workspace.dir })],
    ['init', runCli(['init', '--snapshot', file, '--out-dir', `init-${file}`], { cwd: workspace.dir })],
  ] as const;
}

describe('a snapshot that does not match its schema is refused, with locations', () => {
  const cases: Array<{ name: string; change: (document: any) => void; fragment: string; says: RegExp; lineOffset?: number }> = [
    { name: 'null in the entries list', change: (d) => d.environments[0].services[0].variants[0].entries.push(null), fragment: 'null', says: /must be a mapping, found null/ },
    { name: 'an entry key that is a number', change: (d) => (d.environments[0].services[0].variants[0].entries[0].key = 42), fragment: '"key": 42', says: /'environments\.0\.services\.0\.variants\.0\.entries\.0\.key' must be a string, found a number/ },
    { name: 'an entry without source', change: (d) => delete d.environments[0].services[0].variants[0].entries[0].source, fragment: '"key": "SERVICE_ID"', lineOffset: -1, says: /is missing required key 'source'/ },
    { name: 'urls as a string', change: (d) => (d.environments[0].services[0].urls = 'https://x.example'), fragment: '"urls": "https', says: /'environments\.0\.services\.0\.urls' must be a list, found a string/ },
  ];
  for (const { name, change, fragment, says, lineOffset = 0 } of cases) {
    test(name, () => {
      const file = `${name.replace(/\W+/g, '-')}.json`;
      const text = variantOf(change);
      workspace.write(file, text);
      // A missing key is located at the mapping that lacks it, the line before its first key.
      const line = lineOf(text, fragment) + lineOffset;
      for (const [command, result] of everyReader(file)) {
        assert.equal(result.status, 2, `${command}: ${result.stderr}`);
        assert.match(result.stderr, new RegExp(`^ {2}${file.replace(/\./g, '\\.')}:${line}:\\d+: `, 'm'), `${command}: ${result.stderr}`);
        assert.match(result.stderr, says, command);
        assert.doesNotMatch(result.stderr, /internal error|\n\s+at /, command);
      }
    });
  }
});

test('invalid JSON is reported with its line and column, without quoting the file', () => {
  const text = variantOf(() => {}).replace('"name": "backend"', '"name": "backend" "oops-canary-text"');
  workspace.write('broken.json', text);
  const line = lineOf(text, 'oops-canary-text');
  for (const [command, result] of everyReader('broken.json')) {
    assert.equal(result.status, 2, `${command}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^ {2}broken\\.json:${line}:\\d+: invalid JSON`, 'm'), `${command}: ${result.stderr}`);
    assert.ok(!result.stderr.includes('oops-canary-text'), command);
  }
});

test('a truncated snapshot is located at its end', () => {
  const text = variantOf(() => {});
  workspace.write('truncated.json', text.slice(0, Math.floor(text.length / 2)));
  const result = runCli(['check', '--snapshot', 'truncated.json'], { cwd: workspace.dir });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, new RegExp(`truncated\\.json:${text.slice(0, Math.floor(text.length / 2)).split('\n').length}:\\d+: invalid JSON`));
});
