/** Baselines through the real CLI: accept today's findings, fail only on new ones, shrink as findings are fixed. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { findingIdentity } from '../src/model/finding-identity.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const RULES = `rules:
  - { id: needs-service-id, kind: require, severity: error, keys: [SERVICE_ID], description: d, remediation: set SERVICE_ID }
  - { id: log-level-info, kind: equals, severity: error, key: LOG_LEVEL, value: info, optional: true, description: d, remediation: set LOG_LEVEL=info }
  - { id: jwt-shared, kind: match, severity: error, description: d, remediation: share it, members: [{ service: backend, key: JWT_SECRET_KEY }, { service: auth, key: JWT_SECRET_KEY }] }
`;

/** staging: backend lacks SERVICE_ID and logs at debug; JWT secrets differ between backend and auth. */
function project(name: string, secrets = { backend: 'jwt-one', auth: 'jwt-two' }): string {
  workspace.write(`${name}/envdrift.yaml`, `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [backend.env] }
      auth: { dotenv: [auth.env] }
  production:
    services:
      backend: { dotenv: [backend.production.env] }
`);
  workspace.write(`${name}/rules.yaml`, RULES);
  workspace.write(`${name}/backend.env`, `LOG_LEVEL=debug\nJWT_SECRET_KEY=${secrets.backend}\n`);
  workspace.write(`${name}/auth.env`, `SERVICE_ID=netra-auth\nJWT_SECRET_KEY=${secrets.auth}\n`);
  workspace.write(`${name}/backend.production.env`, 'SERVICE_ID=netra-backend\nJWT_SECRET_KEY=jwt-prod\n');
  return workspace.path(name);
}

interface JsonFinding {
  ruleId: string;
  environment: string | null;
  service: string | null;
  key: string | null;
  suppressed?: { reason: string; expires: string; source: string };
}

function check(cwd: string, args: string[]) {
  const result = runCli(['check', '--format', 'json', ...args], { cwd });
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  const report = JSON.parse(result.stdout) as { findings: JsonFinding[]; unusedSuppressions: Array<Record<string, unknown>>; unevaluatedSuppressions: Array<Record<string, unknown>> };
  return { ...result, report, standing: report.findings.filter((finding) => !finding.suppressed) };
}

const describeFinding = (finding: JsonFinding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key}`;

describe('baseline round trip', () => {
  test('write a baseline, pass with it, fail only on what is new', () => {
    const cwd = project('round-trip');
    assert.equal(runCli(['check'], { cwd }).status, 1);

    const written = runCli(['check', '--write-baseline', 'ci/envdrift-baseline.json'], { cwd });
    assert.equal(written.status, 0, 'writing a baseline accepts today\'s findings');
    assert.match(written.stderr, /wrote baseline ci\/envdrift-baseline\.json accepting 3 findings/);
    assert.match(written.stdout, /✔ 0 errors, 0 warnings, 0 info; 3 suppressed;/);

    const document = JSON.parse(readFileSync(workspace.path('round-trip/ci/envdrift-baseline.json'), 'utf8'));
    assert.equal(document.envdriftBaseline, 1);
    assert.equal(document.createdAt, day(0));
    assert.match(document.expires, /^\d{4}-\d\d-\d\d$/);
    assert.deepEqual(
      document.findings.map((entry: { ruleId: string; environment: string; service: string; key: string }) => `${entry.ruleId} ${entry.environment}/${entry.service} ${entry.key}`),
      ['jwt-shared staging/auth JWT_SECRET_KEY', 'log-level-info staging/backend LOG_LEVEL', 'needs-service-id staging/backend SERVICE_ID'],
    );
    for (const entry of document.findings) {
      assert.match(entry.identity, /^[0-9a-f]{32}$/);
      assert.equal(entry.count, 1);
    }

    const accepted = check(cwd, ['--baseline', 'ci/envdrift-baseline.json']);
    assert.equal(accepted.status, 0);
    assert.equal(accepted.report.findings.length, 3, 'accepted findings stay in the report');
    for (const finding of accepted.report.findings) {
      assert.equal(finding.suppressed!.source, 'baseline');
      assert.equal(finding.suppressed!.expires, document.expires);
      assert.match(finding.suppressed!.reason, /accepted in baseline ci\/envdrift-baseline\.json/);
    }
    assert.deepEqual(accepted.report.unusedSuppressions, []);

    // New drift: production's backend loses its SERVICE_ID, and auth starts logging at debug.
    workspace.write('round-trip/backend.production.env', 'JWT_SECRET_KEY=jwt-prod\nLOG_LEVEL=info\n');
    workspace.write('round-trip/auth.env', 'SERVICE_ID=netra-auth\nJWT_SECRET_KEY=jwt-two\nLOG_LEVEL=debug\n');
    const drifted = check(cwd, ['--baseline', 'ci/envdrift-baseline.json']);
    assert.equal(drifted.status, 1);
    assert.deepEqual(drifted.standing.map(describeFinding).sort(), ['log-level-info staging/auth LOG_LEVEL', 'needs-service-id production/backend SERVICE_ID']);
    const text = runCli(['check', '--baseline', 'ci/envdrift-baseline.json'], { cwd });
    assert.match(text.stdout, /3 findings accepted in baseline ci\/envdrift-baseline\.json \(written \d{4}-\d\d-\d\d\), until \d{4}-\d\d-\d\d/);
    assert.match(text.stdout, /✖ 2 errors, 0 warnings, 0 info; 3 suppressed;/);
  });

  test('a fixed finding is reported as an unused baseline entry, so the baseline can shrink', () => {
    const cwd = project('shrink');
    assert.equal(runCli(['check', '--write-baseline', 'baseline.json'], { cwd }).status, 0);
    workspace.write('shrink/backend.env', 'LOG_LEVEL=info\nJWT_SECRET_KEY=jwt-one\nSERVICE_ID=netra-backend\n');
    const result = check(cwd, ['--baseline', 'baseline.json']);
    assert.equal(result.status, 0);
    assert.deepEqual(
      result.report.unusedSuppressions.map((entry) => `${entry.kind} ${entry.ruleId} ${entry.note}`).sort(),
      ['baseline log-level-info no longer occurs (fixed)', 'baseline needs-service-id no longer occurs (fixed)'],
    );
    assert.match(String(result.report.unusedSuppressions[0]!.source), /^baseline\.json:\d+$/);
  });

  test('an entry whose finding could not be evaluated this run is "not evaluated", never "fixed"', () => {
    const cwd = project('unread');
    assert.equal(runCli(['check', '--write-baseline', 'baseline.json'], { cwd }).status, 0);
    // auth.env disappears: the jwt-shared finding located on the backend compares with auth, so it is hidden, not fixed.
    rmSync(workspace.path('unread/auth.env'));
    const result = check(cwd, ['--baseline', 'baseline.json']);
    assert.equal(result.status, 3);
    assert.deepEqual(result.report.unusedSuppressions.map((entry) => `${entry.ruleId} ${entry.note}`), [], 'nothing is called fixed or unused');
    assert.doesNotMatch(result.stderr, /fixed|can be removed/);
    assert.match(result.stderr, /baseline entry baseline\.json:\d+ \(jwt-shared staging\/auth JWT_SECRET_KEY\): not evaluated this run/);
    // The JSON report lists it too, for scripts that prune baselines.
    assert.deepEqual(result.report.unevaluatedSuppressions.map((entry) => `${entry.kind} ${entry.ruleId}`), ['baseline jwt-shared']);
    const text = runCli(['check', '--baseline', 'baseline.json'], { cwd });
    assert.doesNotMatch(text.stdout, /no longer occurs|Unused suppressions/);
  });

  test('identities ignore line numbers: lines added above a finding do not make it new', () => {
    const cwd = project('lines');
    runCli(['check', '--write-baseline', 'baseline.json'], { cwd });
    workspace.write('lines/backend.env', '# a comment\nFEATURE_X=1\nLOG_LEVEL=debug\nJWT_SECRET_KEY=jwt-one\n');
    assert.equal(check(cwd, ['--baseline', 'baseline.json']).status, 0);
  });

  test('when more findings share an identity than the baseline accepted, none of them is accepted', () => {
    const cwd = project('counted');
    workspace.write('counted/auth.env', 'SERVICE_ID=netra-auth\nJWT_SECRET_KEY=jwt-two\nnot an assignment\n');
    runCli(['check', '--write-baseline', 'baseline.json'], { cwd });
    const ignoredLine = JSON.parse(readFileSync(workspace.path('counted/baseline.json'), 'utf8')).findings.find((entry: { ruleId: string }) => entry.ruleId === 'envdrift/ignored-line');
    assert.equal(ignoredLine.count, 1);
    workspace.write('counted/auth.env', 'SERVICE_ID=netra-auth\nJWT_SECRET_KEY=jwt-two\nnot an assignment\nneither is this\n');
    const result = check(cwd, ['--baseline', 'baseline.json', '--fail-on', 'warning']);
    assert.equal(result.status, 1);
    assert.deepEqual(result.standing.map((finding) => finding.ruleId), ['envdrift/ignored-line', 'envdrift/ignored-line']);
  });

  test('a baseline written with --env covers that environment only; other environments are not called fixed', () => {
    const cwd = project('by-env');
    runCli(['check', '--env', 'staging', '--write-baseline', 'baseline.json'], { cwd });
    assert.deepEqual(check(cwd, ['--env', 'staging', '--baseline', 'baseline.json']).report.unusedSuppressions, []);
    workspace.write('by-env/backend.production.env', 'SERVICE_ID=netra-backend\nJWT_SECRET_KEY=jwt-prod\nLOG_LEVEL=debug\n');
    const all = check(cwd, ['--baseline', 'baseline.json']);
    assert.equal(all.status, 1);
    assert.ok(all.standing.every((finding) => finding.environment === 'production'));
  });
});

describe('baselines fail closed', () => {
  test('--baseline and --write-baseline together are refused', () => {
    const result = runCli(['check', '--baseline', 'a.json', '--write-baseline', 'b.json'], { cwd: project('both') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /mutually exclusive/);
  });

  test('a missing, malformed or expired baseline is an error with positions, and accepts nothing', () => {
    const cwd = project('bad');
    assert.match(runCli(['check', '--baseline', 'nope.json'], { cwd }).stderr, /baseline .*nope\.json does not exist/);

    workspace.write('bad/malformed.json', '{\n  "envdriftBaseline": 2,\n  "createdAt": "2026-01-01",\n  "findings": [\n    { "identity": "xyz", "ruleId": "r" }\n  ]\n}\n');
    const malformed = runCli(['check', '--baseline', 'malformed.json'], { cwd });
    assert.equal(malformed.status, 2);
    for (const pattern of [/malformed\.json:1:1: the file is missing required key 'expires'/, /malformed\.json:2:23: 'envdriftBaseline' must be 1/, /malformed\.json:5:5: 'findings\.0' is missing required key 'count'/, /malformed\.json:5:19: 'findings\.0\.identity' must match pattern/]) {
      assert.match(malformed.stderr, pattern);
    }

    runCli(['check', '--write-baseline', 'old.json'], { cwd });
    const old = JSON.parse(readFileSync(workspace.path('bad/old.json'), 'utf8'));
    workspace.writeYaml('bad/old.json', { ...old, expires: '2020-06-30' });
    const expired = runCli(['check', '--baseline', 'old.json'], { cwd });
    assert.equal(expired.status, 2);
    assert.match(expired.stderr, new RegExp(`old\\.json:\\d+:\\d+: the baseline expired on 2020-06-30 \\(today is ${day(0)}\\): write a new one with --write-baseline`));
    workspace.write('bad/old.json', JSON.stringify({ ...old, expires: day(500) }));
    assert.match(runCli(['check', '--baseline', 'old.json'], { cwd }).stderr, /old\.json:1:\d+: expires \S+ is more than 365 days after today/);
  });

  test('writing a baseline of an incomplete check exits 3: what was not read is not in it', () => {
    const cwd = project('incomplete');
    workspace.write('incomplete/envdrift.yaml', `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [backend.env] }
      auth: { dotenv: [missing.env] }
`);
    const result = runCli(['check', '--write-baseline', 'baseline.json'], { cwd });
    assert.equal(result.status, 3);
    assert.match(result.stderr, /the baseline is incomplete/);
  });

  test('the identities in a baseline are the findings\' stable identities', () => {
    const cwd = project('identity');
    runCli(['check', '--write-baseline', 'baseline.json'], { cwd });
    const document = JSON.parse(readFileSync(workspace.path('identity/baseline.json'), 'utf8'));
    const report = JSON.parse(runCli(['check', '--format', 'json'], { cwd }).stdout) as { findings: Array<JsonFinding & { variant: string; location: { kind: 'file'; file: string } }> };
    const expected = report.findings.map((finding) =>
      findingIdentity({ ...finding, environment: finding.environment!, service: finding.service!, key: finding.key!, severity: 'error', message: '', detail: '', remediation: '', related: [] }),
    );
    assert.deepEqual(document.findings.map((entry: { identity: string }) => entry.identity).sort(), expected.sort());
  });
});

test('no secret value reaches a baseline or the outputs of a check against it', () => {
  const canary = (length: number) => Array.from(randomBytes(length), (byte) => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[byte % 57]).join('');
  const secrets = { backend: canary(89), auth: canary(97) };
  const cwd = project('canary', secrets);
  const written = runCli(['check', '--write-baseline', 'baseline.json', '--format', 'json'], { cwd });
  const checked = runCli(['check', '--baseline', 'baseline.json'], { cwd });
  assert.equal(checked.status, 0);
  const texts = [readFileSync(workspace.path('canary/baseline.json'), 'utf8'), written.stdout, written.stderr, checked.stdout, checked.stderr];
  assert.match(texts[0]!, /jwt-shared/, 'the secret mismatch was found and accepted');
  for (const text of texts) {
    for (const secret of Object.values(secrets)) {
      for (let start = 0; start + 6 <= secret.length; start++) assert.ok(!text.includes(secret.slice(start, start + 6)), 'a piece of a secret leaked');
      assert.doesNotMatch(text, new RegExp(`\\b${secret.length}\\b`), 'the length of a secret leaked');
    }
  }
});
