/** `severity:` in envdrift.yaml: every rule's severity (built-in, pack, own) is the project's to set or turn off. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonReport {
  findings: Array<{ ruleId: string; severity: string; suppressed?: unknown }>;
  unevaluated: Array<{ ruleId: string }>;
  rules: Array<{ id: string; severity: string }>;
}

/** staging/backend: a duplicated key (built-in warning), LOG_LEVEL=debug (own rule, error), a .env of auth that is missing. */
function project(name: string, severity: string, authFile = 'auth.env'): string {
  workspace.write(`${name}/envdrift.yaml`, `version: 1
packs: [recommended]
rules: [rules.yaml]
${severity}
environments:
  staging:
    services:
      backend: { dotenv: [backend.env] }
      auth: { dotenv: [${authFile}] }
`);
  workspace.write(`${name}/rules.yaml`, 'rules:\n  - { id: log-info, kind: equals, severity: error, key: LOG_LEVEL, value: info, description: production logs at info, remediation: set LOG_LEVEL=info }\n');
  workspace.write(`${name}/backend.env`, 'LOG_LEVEL=debug\nFEATURE=1\nFEATURE=2\nGREETING="hello "\n');
  workspace.write(`${name}/auth.env`, 'LOG_LEVEL=info\n');
  return workspace.path(name);
}

function check(cwd: string, args: string[] = []) {
  const result = runCli(['check', '--format', 'json', ...args], { cwd });
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

const severities = (report: JsonReport) => Object.fromEntries(report.findings.map((finding) => [finding.ruleId, finding.severity]));

test('a built-in check, a pack rule and an own rule each take the severity the config gives, or go off', () => {
  const plain = check(project('plain', ''));
  assert.equal(plain.status, 1);
  assert.deepEqual(severities(plain.report), { 'envdrift/duplicate-key': 'warning', 'log-info': 'error', 'recommended/trimmed-values': 'error' });

  const cwd = project('set', 'severity:\n  envdrift/duplicate-key: error\n  log-info: info\n  recommended/trimmed-values: off\n');
  const set = check(cwd);
  assert.deepEqual(severities(set.report), { 'envdrift/duplicate-key': 'error', 'log-info': 'info' });
  assert.equal(set.report.rules.find((rule) => rule.id === 'envdrift/duplicate-key')!.severity, 'error');
  assert.ok(!set.report.rules.some((rule) => rule.id === 'recommended/trimmed-values'), 'a rule turned off is not listed as run');
  assert.equal(set.status, 1, 'the built-in check raised to error fails the run');
  assert.equal(check(project('lowered', 'severity:\n  envdrift/duplicate-key: info\n  log-info: warning\n  recommended/trimmed-values: warning\n')).status, 0, 'lowered below --fail-on, nothing fails');
  assert.match(runCli(['check'], { cwd }).stdout, /info +LOG_LEVEL is "debug", expected "info"/);
});

test('off removes a rule\'s not-evaluated lines too, never what could not be read', () => {
  const unread = check(project('unread', '', 'missing.env'));
  assert.ok(unread.report.unevaluated.some((item) => item.ruleId === 'log-info'));
  const off = check(project('unread-off', 'severity:\n  log-info: off\n', 'missing.env'), ['--fail-on', 'never']);
  assert.equal(off.status, 3, 'what could not be read still makes the check incomplete');
  assert.ok(!off.report.unevaluated.some((item) => item.ruleId === 'log-info'));
  assert.ok(!off.report.findings.some((finding) => finding.ruleId === 'log-info'));
  assert.ok(off.report.unevaluated.some((item) => item.ruleId === 'envdrift/read'));
});

test('unknown rule ids and severities are config errors with file:line:col and a suggestion', () => {
  const result = runCli(['check'], { cwd: project('typos', 'severity:\n  envdrift/revison-drift: error\n  log-info: eror\n  recomended/trimmed-values: off\n') });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /envdrift\.yaml:6:13: 'severity\.log-info' is 'eror' \(did you mean 'error'\?\)/);
  const ids = runCli(['check'], { cwd: project('ids', 'severity:\n  envdrift/revison-drift: error\n  recomended/trimmed-values: off\n') });
  assert.equal(ids.status, 2);
  assert.match(ids.stderr, /envdrift\.yaml:5:3: 'severity' names rule 'envdrift\/revison-drift', which this config does not apply \(did you mean 'envdrift\/revision-drift'\?\)/);
  assert.match(ids.stderr, /envdrift\.yaml:6:3: 'severity' names rule 'recomended\/trimmed-values'.*\(did you mean 'recommended\/trimmed-values'\?\)/);
  const read = runCli(['check'], { cwd: project('read', 'severity:\n  envdrift/read: off\n') });
  assert.equal(read.status, 2);
  assert.match(read.stderr, /envdrift\.yaml:5:3: the severity of 'envdrift\/read' cannot be changed/);
  assert.equal(runCli(['rules'], { cwd: workspace.path('ids') }).status, 2, 'envdrift rules validates them too');
});

test('envdrift rules shows the severity in effect and where the config set it', () => {
  const cwd = project('listed', 'severity:\n  envdrift/revision-drift: error\n  recommended/pinned-secret-versions: off\n');
  const text = runCli(['rules'], { cwd }).stdout;
  assert.match(text, /^envdrift\/revision-drift +envdrift +built-in +error \(set in envdrift\.yaml:5:3\) /m);
  assert.match(text, /^recommended\/pinned-secret-versions +recommended +source +off \(set in envdrift\.yaml:6:3\) /m);
  assert.match(text, /^log-info +rules\.yaml +equals +error +production logs/m);
  const json = JSON.parse(runCli(['rules', '--format', 'json'], { cwd }).stdout) as Array<{ id: string; severity: string; severitySetAt?: string; defaultSeverity?: string }>;
  assert.deepEqual(json.find((rule) => rule.id === 'envdrift/revision-drift'), { ...json.find((rule) => rule.id === 'envdrift/revision-drift'), severity: 'error', severitySetAt: 'envdrift.yaml:5:3', defaultSeverity: 'warning' });
  assert.equal(json.find((rule) => rule.id === 'log-info')!.severitySetAt, undefined);
});

test('a serving revision that drifted from the template fails a zero-config gate once revision-drift is an error', async () => {
  const live = readFileSync(join(packageRoot, 'examples', 'live', 'envdrift.yaml'), 'utf8').replace('  - ../rules/', `  - ${join(packageRoot, 'examples', 'rules')}/`);
  workspace.write('live/envdrift.yaml', live.replace('packs: [recommended]', 'packs: [recommended]\nseverity: { envdrift/revision-drift: error }'));
  workspace.write('live-plain/envdrift.yaml', live);
  const fake = await startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50 });
  try {
    const run = async (folder: string) => {
      const result = await runCliAsync(['check', '--format', 'json', '--fail-on', 'never'], { cwd: workspace.path(folder), env: fakeGcpEnv(fake) });
      assert.ok(result.stdout.startsWith('{'), result.stderr);
      return (JSON.parse(result.stdout) as JsonReport).findings.filter((finding) => finding.ruleId === 'envdrift/revision-drift');
    };
    const plain = await run('live-plain');
    assert.ok(plain.length > 0 && plain.every((finding) => finding.severity === 'warning'));
    const raised = await run('live');
    assert.equal(raised.length, plain.length);
    assert.ok(raised.every((finding) => finding.severity === 'error'));
  } finally {
    await fake.stop();
  }
});
