/**
 * Rule files come from anyone who can open a pull request: a regex or glob built to backtrack must not hang
 * envdrift, and a regex the linear-time engine cannot run is refused at load with its location. Each run is
 * bounded by a 20 s subprocess timeout; before RE2 and the linear glob matcher these took minutes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { CLI_PATH } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

const LONG_A = 'a'.repeat(40);
workspace.write('backend.env', `SERVICE_ID=${LONG_A}!\n${LONG_A}=1\n`);
workspace.write('envdrift.yaml', 'version: 1\npacks: []\nrules: [rules.yaml]\nenvironments:\n  staging:\n    services:\n      backend:\n        dotenv: [backend.env]\n');

function checkWith(rules: string) {
  workspace.write('rules.yaml', rules);
  const result = spawnSync(process.execPath, [CLI_PATH, 'check', '--format', 'json'], { cwd: workspace.dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, HOME: workspace.dir } });
  assert.equal(result.error, undefined, 'envdrift did not finish within 20 s');
  return result;
}

const rule = (body: string) => `rules:\n  - id: hostile\n    severity: error\n    description: d\n    remediation: r\n${body}`;

test('a regex that backtracks exponentially in JavaScript runs in linear time', () => {
  const result = checkWith(rule('    kind: pattern\n    keys: [SERVICE_ID]\n    regex: "^(a+)+$"\n'));
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; key: string }> };
  assert.deepEqual(report.findings.map((finding) => `${finding.ruleId} ${finding.key}`), ['hostile SERVICE_ID']);
});

test('a glob that backtracks exponentially as a RegExp is matched in linear time', () => {
  const result = checkWith(rule('    kind: forbid\n    when: present\n    keys: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n'));
  assert.equal(result.status, 0, result.stderr);
});

test('lookaround and backreferences are refused at load, with file:line:column', () => {
  const lookahead = checkWith(rule('    kind: pattern\n    keys: [SERVICE_ID]\n    regex: "^(?=netra)"\n'));
  assert.equal(lookahead.status, 2);
  assert.match(lookahead.stderr, /rules\.yaml:8:12: 'regex' is not a valid regular expression for envdrift's linear-time engine \(RE2 syntax/);
  const backreference = checkWith(rule('    kind: pattern\n    keys: [SERVICE_ID]\n    regex: "(a)\\\\1"\n'));
  assert.equal(backreference.status, 2);
  assert.match(backreference.stderr, /rules\.yaml:8:12: 'regex' is not a valid regular expression/);
});
