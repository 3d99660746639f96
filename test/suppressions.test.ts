/** Suppression files (envdrift.ignore.yaml) through the real CLI: accepted findings, fingerprints, expiry, errors. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, describe, test } from 'node:test';
import { compileSchema } from '../src/files/compile-schema.js';
import { suppressionFileSchema } from '../src/config/suppression-schema.js';
import { baselineSchema } from '../src/config/baseline-schema.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

/** A date relative to today (UTC), as the CLI computes today. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
const SOON = day(30);
const KEY_ENV = { ENVDRIFT_FINGERPRINT_KEY: 'suppressions-test-key' };

const RULES = `rules:
  - id: needs-service-id
    kind: require
    severity: error
    keys: [SERVICE_ID]
    description: every service needs an id
    remediation: set SERVICE_ID on {service}
  - id: log-level-info
    kind: equals
    severity: error
    key: LOG_LEVEL
    value: info
    optional: true
    description: logs at info
    remediation: set LOG_LEVEL=info
  - id: no-debug-token
    kind: forbid
    severity: warning
    keys: [DEBUG_TOKEN]
    when: present
    description: no debug token
    remediation: remove DEBUG_TOKEN
`;

/** A project with two environments; staging's backend lacks SERVICE_ID and logs at debug. */
function project(name: string, files: { ignore?: string; backend?: string } = {}): string {
  workspace.write(`${name}/envdrift.yaml`, `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [staging/backend.env] }
      auth: { dotenv: [staging/auth.env] }
  production:
    production: true
    services:
      backend: { dotenv: [production/backend.env] }
`);
  workspace.write(`${name}/rules.yaml`, RULES);
  workspace.write(`${name}/staging/backend.env`, files.backend ?? 'LOG_LEVEL=debug\n');
  workspace.write(`${name}/staging/auth.env`, 'SERVICE_ID=netra-auth\n');
  workspace.write(`${name}/production/backend.env`, 'SERVICE_ID=netra-backend\nLOG_LEVEL=info\n');
  if (files.ignore !== undefined) workspace.write(`${name}/envdrift.ignore.yaml`, files.ignore);
  return workspace.path(name);
}

interface JsonFinding {
  ruleId: string;
  environment: string | null;
  service: string | null;
  key: string | null;
  valueFingerprint?: string;
  suppressed?: { reason: string; expires: string; source: string };
}

function jsonReport(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const result = runCli(['check', '--format', 'json', ...args], { cwd, env });
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  return { status: result.status, stderr: result.stderr, report: JSON.parse(result.stdout) as { summary: Record<string, number>; findings: JsonFinding[]; unusedSuppressions: Array<Record<string, unknown>> } };
}

describe('suppressions accept findings without hiding them', () => {
  test('a suppressed finding does not fail the run but stays in the JSON report, marked', () => {
    const cwd = project('basic', {
      ignore: `version: 1
suppressions:
  - rule: needs-service-id
    environment: staging
    service: backend
    reason: backend gets its id with JIRA-12
    expires: ${SOON}
  - rule: log-level-info
    environment: staging
    key: LOG_*
    reason: debugging INC-7
    expires: ${SOON}
`,
    });
    const { status, report } = jsonReport(cwd);
    assert.equal(status, 0);
    const suppressed = report.findings.filter((finding) => finding.suppressed);
    assert.deepEqual(suppressed.map((finding) => finding.ruleId).sort(), ['log-level-info', 'needs-service-id']);
    assert.deepEqual(suppressed.find((finding) => finding.ruleId === 'needs-service-id')!.suppressed, {
      reason: 'backend gets its id with JIRA-12',
      expires: SOON,
      source: 'envdrift.ignore.yaml:3',
    });
    assert.equal(report.summary.error, 0, 'the summary counts only findings that stand');
    assert.deepEqual(report.unusedSuppressions, []);

    const text = runCli(['check'], { cwd });
    assert.equal(text.status, 0);
    assert.match(text.stdout, /Suppressed \(2; accepted for now, they do not fail the run\)/);
    assert.match(text.stdout, /needs-service-id {2}staging\/backend SERVICE_ID: backend gets its id with JIRA-12 \(until \d{4}-\d\d-\d\d, envdrift\.ignore\.yaml:3\)/);
    assert.match(text.stdout, /✔ 0 errors, 0 warnings, 0 info; 2 suppressed;/);
    assert.doesNotMatch(text.stdout, /staging \/ backend|fix: /, 'a suppressed finding is not listed among the failing ones');
  });

  test('suppressed findings never count, whatever --fail-on says; what was not read still makes it 3', () => {
    const cwd = project('fail-on', {
      backend: 'SERVICE_ID=x\nDEBUG_TOKEN=1\n',
      ignore: `version: 1\nsuppressions:\n  - { rule: no-debug-token, reason: until the debug session ends, expires: "${SOON}" }\n`,
    });
    assert.equal(runCli(['check', '--fail-on', 'warning'], { cwd }).status, 0);
    assert.equal(runCli(['check', '--fail-on', 'info'], { cwd }).status, 0);
    workspace.write('fail-on/envdrift.yaml', `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [staging/backend.env] }
      auth: { dotenv: [staging/missing.env] }
`);
    assert.equal(runCli(['check', '--fail-on', 'warning'], { cwd }).status, 3);
  });

  test('a finding that no entry matches still fails the run', () => {
    const cwd = project('partial', {
      ignore: `version: 1\nsuppressions:\n  - { rule: needs-service-id, environment: staging, service: backend, reason: JIRA-12, expires: "${SOON}" }\n`,
    });
    const { status, report } = jsonReport(cwd);
    assert.equal(status, 1);
    const standing = report.findings.filter((finding) => !finding.suppressed);
    assert.deepEqual(standing.map((finding) => finding.ruleId), ['log-level-info']);
  });

  test('--ignore-file names another file; a missing one is an error', () => {
    const cwd = project('explicit');
    workspace.write('explicit/ops/accepted.yaml', `version: 1\nsuppressions:\n  - { rule: needs-service-id, reason: JIRA-12, expires: "${SOON}" }\n  - { rule: log-level-info, reason: INC-7, expires: "${SOON}" }\n`);
    assert.equal(runCli(['check'], { cwd }).status, 1);
    const { status, report } = jsonReport(cwd, ['--ignore-file', 'ops/accepted.yaml']);
    assert.equal(status, 0);
    assert.equal(report.findings.find((finding) => finding.ruleId === 'needs-service-id')!.suppressed!.source, 'ops/accepted.yaml:3');
    const missing = runCli(['check', '--ignore-file', 'ops/nope.yaml'], { cwd });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /suppression file .*ops\/nope\.yaml does not exist/);
  });
});

describe('a fingerprint binds a suppression to one value', () => {
  const fingerprintOf = (cwd: string) => jsonReport(cwd, [], KEY_ENV).report.findings.find((finding) => finding.ruleId === 'log-level-info')!.valueFingerprint!;

  test('the suppression applies while the value is the same, and stops applying when it changes', () => {
    const cwd = project('fingerprint', { backend: 'SERVICE_ID=x\nLOG_LEVEL=debug\n' });
    const fingerprint = fingerprintOf(cwd);
    assert.match(fingerprint, /^[0-9a-f]{64}$/);
    workspace.write('fingerprint/envdrift.ignore.yaml', `version: 1
suppressions:
  - rule: log-level-info
    environment: staging
    service: backend
    key: LOG_LEVEL
    fingerprint: ${fingerprint}
    reason: debug logs accepted while INC-7 is open
    expires: ${SOON}
`);
    assert.equal(jsonReport(cwd, [], KEY_ENV).status, 0);

    workspace.write('fingerprint/staging/backend.env', 'SERVICE_ID=x\nLOG_LEVEL=trace\n');
    const changed = jsonReport(cwd, [], KEY_ENV);
    assert.equal(changed.status, 1, 'a changed value is a new decision');
    assert.equal(changed.report.findings.find((finding) => finding.ruleId === 'log-level-info')!.suppressed, undefined);
    assert.deepEqual(changed.report.unusedSuppressions.map((entry) => entry.source), ['envdrift.ignore.yaml:3']);
  });

  test('a fingerprint without ENVDRIFT_FINGERPRINT_KEY is an error, since it could never match', () => {
    const cwd = project('fingerprint-no-key', {
      ignore: `version: 1\nsuppressions:\n  - rule: log-level-info\n    fingerprint: ${'ab'.repeat(32)}\n    reason: INC-7\n    expires: ${SOON}\n`,
    });
    const result = runCli(['check'], { cwd });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /envdrift\.ignore\.yaml:4:18: a fingerprint only matches when ENVDRIFT_FINGERPRINT_KEY is set/);
  });
});

describe('suppressions cannot rot', () => {
  test('an expired entry is an error naming its line and date, and nothing is suppressed', () => {
    const cwd = project('expired', {
      ignore: `version: 1
suppressions:
  - rule: log-level-info
    reason: INC-7
    expires: ${SOON}
  - rule: needs-service-id
    reason: JIRA-12
    expires: 2020-01-31
`,
    });
    const result = runCli(['check'], { cwd });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '', 'no report from a run whose suppressions are invalid');
    assert.match(result.stderr, new RegExp(`envdrift\\.ignore\\.yaml:8:14: the suppression expired on 2020-01-31 \\(today is ${day(0)}\\)`));
  });

  test('an entry expiring more than a year ahead is refused', () => {
    const cwd = project('too-far', { ignore: `version: 1\nsuppressions:\n  - { rule: needs-service-id, reason: JIRA-12, expires: "${day(400)}" }\n` });
    const result = runCli(['check'], { cwd });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /envdrift\.ignore\.yaml:3:\d+: expires \d{4}-\d\d-\d\d is more than 365 days after today .* no later than \d{4}-\d\d-\d\d/);
  });

  test('every problem of a malformed file is reported at once, each with file:line:column', () => {
    const cwd = project('malformed', {
      ignore: `version: 1
suppressions:
  - rule: needs-servce-id
    environment: stagign
    reason: JIRA-12
    expires: ${SOON}
  - rule: log-level-info
    expires: ${SOON}
  - rule: log-level-info
    reason: "  "
    expires: 2026-02-30
  - rule: log-level-info
    reason: INC-7
    expires: next week
    sevrity: error
`,
    });
    const result = runCli(['check'], { cwd });
    assert.equal(result.status, 2);
    const expected = [
      /envdrift\.ignore\.yaml:3:11: unknown rule 'needs-servce-id' \(did you mean 'needs-service-id'\?\)/,
      /envdrift\.ignore\.yaml:4:18: environment 'stagign' is not declared in the config \(did you mean 'staging'\?\)/,
      /envdrift\.ignore\.yaml:7:5: 'suppressions\.1' is missing required key 'reason'/,
      /envdrift\.ignore\.yaml:10:13: reason is empty/,
      /envdrift\.ignore\.yaml:11:14: expires '2026-02-30' is not a date; expected YYYY-MM-DD/,
      /envdrift\.ignore\.yaml:14:14: expires must be a date, written YYYY-MM-DD/,
      /envdrift\.ignore\.yaml:15:5: unknown key 'sevrity' in 'suppressions\.3'/,
    ];
    for (const pattern of expected) assert.match(result.stderr, pattern);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace');
  });

  test('envdrift/read cannot be suppressed: an unread source is never accepted', () => {
    const cwd = project('read', { ignore: `version: 1\nsuppressions:\n  - { rule: envdrift/read, reason: flaky, expires: "${SOON}" }\n` });
    const result = runCli(['check'], { cwd });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /envdrift\.ignore\.yaml:3:\d+: 'envdrift\/read' cannot be suppressed/);
  });
});

describe('unused entries', () => {
  const ignore = `version: 1
suppressions:
  - { rule: needs-service-id, environment: staging, service: backend, reason: JIRA-12, expires: "${SOON}" }
  - { rule: log-level-info, environment: staging, reason: INC-7, expires: "${SOON}" }
  - { rule: needs-service-id, environment: production, reason: "old: fixed in JIRA-3", expires: "${SOON}" }
`;

  test('an entry that matched nothing is reported as a warning, not a failure', () => {
    const cwd = project('unused', { ignore });
    const { status, report } = jsonReport(cwd);
    assert.equal(status, 0);
    assert.deepEqual(report.unusedSuppressions, [
      { kind: 'suppression', source: 'envdrift.ignore.yaml:5', ruleId: 'needs-service-id', environment: 'production', service: null, key: null, note: 'matched no finding' },
    ]);
    const text = runCli(['check'], { cwd });
    assert.equal(text.status, 0);
    assert.match(text.stdout, /Unused suppressions \(1; they accepted nothing and can be removed\)\n {2}warning envdrift\.ignore\.yaml:5 {2}needs-service-id {2}production\/\*: matched no finding/);
    assert.match(text.stdout, /; 1 unused suppression;/);
    const sarifLike = runCli(['check', '--format', 'json:out/report.json'], { cwd });
    assert.match(sarifLike.stderr, /warning: 1 suppression or baseline entry accepted nothing and can be removed: envdrift\.ignore\.yaml:5/);
  });

  test('an entry for an environment that --env left out is not called unused', () => {
    const cwd = project('unused-env', { ignore });
    const { report } = jsonReport(cwd, ['--env', 'staging']);
    assert.deepEqual(report.unusedSuppressions, []);
  });

  test('an entry whose target could not be read is not called unused: unread is not fixed', () => {
    const cwd = project('unused-unread', { ignore });
    workspace.write('unused-unread/envdrift.yaml', `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [staging/backend.env] }
      auth: { dotenv: [staging/auth.env] }
  production:
    services:
      backend: { dotenv: [production/missing.env] }
`);
    const { status, report } = jsonReport(cwd);
    assert.equal(status, 3);
    assert.deepEqual(report.unusedSuppressions, []);
  });
});

describe('no secret reaches a suppression or its outputs', () => {
  test('a sensitive value is suppressed by fingerprint; no piece of it appears anywhere', () => {
    const canary = Array.from(randomBytes(83), (byte) => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[byte % 57]).join('');
    const cwd = project('canary', { backend: `SERVICE_ID=x\nLOG_LEVEL=info\nDEBUG_TOKEN=${canary}\n` });
    const fingerprint = jsonReport(cwd, [], KEY_ENV).report.findings.find((finding) => finding.ruleId === 'no-debug-token')!.valueFingerprint!;
    const ignore = `version: 1\nsuppressions:\n  - { rule: no-debug-token, key: DEBUG_TOKEN, fingerprint: ${fingerprint}, reason: rotating, expires: "${SOON}" }\n`;
    workspace.write('canary/envdrift.ignore.yaml', ignore);
    const outputs = [
      runCli(['check', '--fail-on', 'warning'], { cwd, env: KEY_ENV }),
      runCli(['check', '--fail-on', 'warning', '--format', 'json'], { cwd, env: KEY_ENV }),
      runCli(['check'], { cwd }), // no key: the fingerprint entry is an error, which must not leak either
    ];
    assert.equal(outputs[0]!.status, 0, outputs[0]!.stderr);
    assert.equal(outputs[2]!.status, 2);
    for (const text of [ignore, ...outputs.flatMap((output) => [output.stdout, output.stderr])]) {
      for (let start = 0; start + 6 <= canary.length; start++) assert.ok(!text.includes(canary.slice(start, start + 6)), 'a piece of the secret leaked');
      assert.doesNotMatch(text, /\b83\b/, 'the length of the secret leaked');
    }
  });
});

test('the build precompiles the suppression and baseline validators', () => {
  const precompiled = createRequire(import.meta.url)('../src/generated/validators.cjs') as Record<string, unknown>;
  for (const schema of [suppressionFileSchema, baselineSchema]) assert.equal(compileSchema(schema), precompiled[schema.$id], `${schema.$id} was compiled at run time`);
});

test('with --env, an entry that may apply in an environment left out is not called unused', () => {
  const workspace = createWorkspace();
  try {
    workspace.write('envdrift.yaml', 'version: 1\nenvironments:\n  development:\n    services:\n      auth: { dotenv: [dev.env] }\n  production:\n    services:\n      auth: { dotenv: [prod.env] }\n');
    workspace.write('dev.env', 'X=1\n');
    workspace.write('prod.env', 'AUTH_BYPASS=1\n');
    workspace.write('envdrift.ignore.yaml', `version: 1\nsuppressions:\n  - { rule: recommended/no-test-switches-in-production, key: AUTH_BYPASS, reason: PLAT-1, expires: "${SOON}" }\n`);
    const all = runCli(['check'], { cwd: workspace.dir });
    assert.equal(all.status, 0, all.stdout);
    assert.doesNotMatch(all.stdout, /matched no finding/);
    const development = runCli(['check', '--env', 'development'], { cwd: workspace.dir });
    assert.equal(development.status, 0);
    assert.doesNotMatch(development.stdout + development.stderr, /matched no finding|Unused/);
  } finally {
    workspace.dispose();
  }
});

test('a suppression reason cannot repaint the terminal or forge log lines in the text report', () => {
  const workspace = createWorkspace();
  try {
    workspace.write('envdrift.yaml', 'version: 1\nenvironments:\n  production:\n    services:\n      auth: { dotenv: [prod.env] }\n');
    workspace.write('prod.env', 'AUTH_BYPASS=1\n');
    workspace.write('envdrift.ignore.yaml', `version: 1\nsuppressions:\n  - { rule: recommended/no-test-switches-in-production, key: AUTH_BYPASS, reason: "ok\\e[2J\\e]0;pwned\\a", expires: "${SOON}" }\n`);
    const result = runCli(['check'], { cwd: workspace.dir });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /\u001b|\u0007/);
    assert.match(result.stdout, /ok\\u001b\[2J\\u001b\]0;pwned\\u0007/);
  } finally {
    workspace.dispose();
  }
});
