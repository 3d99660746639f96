import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());
cpSync(`${packageRoot}/examples`, workspace.dir, { recursive: true });
const cwd = workspace.dir;

const findingsOf = (stdout: string) =>
  (JSON.parse(stdout).findings as Array<{ ruleId: string; environment: string; service: string; key: string; detail: string }>)
    .map((finding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key} ${finding.detail}`)
    .sort();

describe('envdrift snapshot', () => {
  test('a check of the snapshot finds exactly what a live check finds', () => {
    const written = runCli(['snapshot', '--out', 'snap/now.json'], { cwd });
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /wrote snap\/now\.json \(6 services in 2 environments\)/);
    const live = runCli(['check', '--format', 'json'], { cwd });
    const fromSnapshot = runCli(['check', '--format', 'json', '--snapshot', 'snap/now.json'], { cwd });
    assert.equal(fromSnapshot.status, live.status);
    assert.ok(findingsOf(live.stdout).length > 5);
    assert.deepEqual(findingsOf(fromSnapshot.stdout), findingsOf(live.stdout));
  });

  test('the snapshot is documented JSON that holds no value of a sensitive key', () => {
    runCli(['snapshot', '--out', 'snap/values.json'], { cwd });
    const document = JSON.parse(readFileSync(workspace.path('snap/values.json'), 'utf8'));
    assert.equal(document.envdriftSnapshot, 1);
    assert.match(document.fingerprintKeyId, /^[0-9a-f]{16}$/);
    const entries = document.environments.flatMap((environment: { services: Array<{ variants: Array<{ entries: unknown[] }> }> }) =>
      environment.services.flatMap((service) => service.variants.flatMap((variant) => variant.entries)),
    ) as Array<{ key: string; value: { text?: string } }>;
    const jwt = entries.find((entry) => entry.key === 'JWT_SECRET_KEY')!;
    assert.equal(jwt.value.text, undefined);
    assert.equal(entries.find((entry) => entry.key === 'SERVICE_ID')!.value.text, 'netra-auth-1757260376');
    const raw = readFileSync(workspace.path('snap/values.json'), 'utf8');
    for (const secret of ['example-staging-jwt-OLD-91aa', 'example-prod-jwt-5d0c', 'example-db-password']) assert.ok(!raw.includes(secret), `snapshot holds ${secret}`);
  });

  test('rules written after the snapshot still apply to the values it kept', () => {
    runCli(['snapshot', '--out', 'snap/before.json'], { cwd });
    workspace.write('rules/later.yaml', 'rules:\n  - { id: later, kind: equals, severity: error, description: d, remediation: r, services: [frontend], key: API_URL, value: "https://api.netra.example" }\n');
    try {
      const report = JSON.parse(runCli(['check', '--format', 'json', '--snapshot', 'snap/before.json'], { cwd }).stdout);
      const later = report.findings.filter((finding: { ruleId: string }) => finding.ruleId === 'later');
      assert.deepEqual(later.map((finding: { environment: string; detail: string }) => `${finding.environment}: ${finding.detail}`), [
        'staging: API_URL is "http://localhost:8000", expected "https://api.netra.example"',
      ]);
    } finally {
      workspace.write('rules/later.yaml', 'rules: []\n');
    }
  });

  test('a file that is not a snapshot is a clear usage error', () => {
    workspace.write('not-a-snapshot.json', '{"hello": 1}');
    const result = runCli(['check', '--snapshot', 'not-a-snapshot.json'], { cwd });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /not-a-snapshot\.json is not an envdrift snapshot of format 1/);
    workspace.write('broken.json', '{"envdriftSnapshot": 1,');
    assert.match(runCli(['check', '--snapshot', 'broken.json'], { cwd }).stderr, /broken\.json is not valid JSON/);
  });
});
