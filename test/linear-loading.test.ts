/**
 * Loading a user file costs time linear in its size: a file with 100k unknown (or repeated) keys is refused
 * with exit 2 in seconds, its problems located and the list capped, instead of running for minutes (the
 * yaml library's unique-key check and the locating of each problem used to compare every key with every
 * other). The bound is generous, 20 s per run on a busy machine; before the fix 100k keys took ~100 s.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { CLI_PATH } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const KEYS = 100_000;
const workspace = createWorkspace();
after(() => workspace.dispose());

const CONFIG_HEAD = 'version: 1\nenvironments:\n  staging:\n    services:\n      backend:\n        dotenv: [backend.env]\n';
workspace.write('backend.env', 'SERVICE_ID=netra-backend\n');

function manyLines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join('\n') + '\n';
}

function runWithin20s(args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd: workspace.dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, HOME: workspace.dir } });
  assert.equal(result.error, undefined, `envdrift ${args.join(' ')} did not finish within 20 s`);
  return result;
}

function assertCappedProblems(stderr: string, firstProblem: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.match(lines[1] ?? '', firstProblem);
  assert.match(lines.at(-1)!, /… and \d+ more problems \(\d+ in all\)/);
  assert.ok(lines.length < 250, `the problem list is capped, got ${lines.length} lines`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('a config with 100k unknown keys is refused with located problems, in linear time', () => {
  workspace.write('unknown.yaml', CONFIG_HEAD + manyLines(KEYS, (index) => `unknown${index}: 1`));
  const result = runWithin20s(['check', '--config', 'unknown.yaml']);
  assert.equal(result.status, 2, result.stderr);
  assertCappedProblems(result.stderr, /^ {2}unknown\.yaml:7:1: unknown key 'unknown0' in the file/);
});

test('a config repeating one key 100k times is refused at each repetition, in linear time', () => {
  workspace.write('repeated.yaml', CONFIG_HEAD + manyLines(KEYS, () => 'packs: []'));
  const result = runWithin20s(['check', '--config', 'repeated.yaml']);
  assert.equal(result.status, 2, result.stderr);
  assertCappedProblems(result.stderr, /^ {2}repeated\.yaml:8:1: invalid YAML: Map keys must be unique/);
});

test('a rule file with 100k unknown keys in one rule is refused in linear time', () => {
  workspace.write('rules/huge.yaml', 'rules:\n  - id: service-id\n    kind: require\n    severity: error\n    keys: [SERVICE_ID]\n    description: d\n    remediation: r\n' + manyLines(KEYS, (index) => `    bogus${index}: 1`));
  workspace.write('with-rules.yaml', CONFIG_HEAD + 'rules: [rules/huge.yaml]\n');
  const result = runWithin20s(['check', '--config', 'with-rules.yaml']);
  assert.equal(result.status, 2, result.stderr);
  assertCappedProblems(result.stderr, /^ {2}rules\/huge\.yaml:8:5: unknown key 'bogus0'/);
});

test('a suppression file with 100k unknown keys is refused in linear time', () => {
  workspace.write('suppressions.yaml', 'version: 1\nsuppressions: []\n' + manyLines(KEYS, (index) => `bogus${index}: 1`));
  workspace.write('plain.yaml', CONFIG_HEAD);
  const result = runWithin20s(['check', '--config', 'plain.yaml', '--ignore-file', 'suppressions.yaml']);
  assert.equal(result.status, 2, result.stderr);
  assertCappedProblems(result.stderr, /^ {2}suppressions\.yaml:3:1: unknown key 'bogus0'/);
});
