/** `envdrift diff`: every category, key mapping, revisions, snapshots, .env vs deployed, formats and exit codes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

interface JsonDiff {
  envdriftDiff: number;
  services: Array<{ a: string; b: string; unreadable?: string; keys: Array<{ keyA: string; keyB: string; status: string; detail: string; a: { source: string; value?: string } | null; b: { source: string; value?: string } | null; rules: string[]; suppressedRules: string[] }> }>;
}

const LOCAL = ['--config', 'examples/envdrift.yaml'];
const LIVE = ['--config', 'examples/live/envdrift.yaml'];
const workspace = createWorkspace();
after(() => workspace.dispose());

function keysOf(diff: JsonDiff, service = 0) {
  return Object.fromEntries(diff.services[service]!.keys.map((key) => [key.keyA === key.keyB ? key.keyA : `${key.keyA}=${key.keyB}`, key]));
}

async function withDemo<T>(body: (fake: FakeGcpServer) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50 });
  try {
    return await body(fake);
  } finally {
    await fake.stop();
  }
}

describe('two local services', () => {
  test('only in A, only in B, same and different values, with the rules each difference breaks', () => {
    const result = runCli(['diff', 'staging/backend', 'production/backend', ...LOCAL, '--format', 'json', '--all'], { cwd: packageRoot });
    assert.equal(result.status, 1, result.stderr);
    const keys = keysOf(JSON.parse(result.stdout));
    assert.equal(keys.ENVIRONMENT!.status, 'only-in-a');
    assert.equal(keys.SERVICE_ID!.status, 'different-value');
    assert.deepEqual([keys.SERVICE_ID!.a!.value, keys.SERVICE_ID!.b!.value], ['netra-auth-1757260376', 'netra-backend']);
    assert.deepEqual(keys.SERVICE_ID!.rules, ['backend-service-id']);
    assert.equal(keys.JWT_ISSUER!.status, 'same');
    assert.equal(keys.SERVICE_SECRET!.status, 'same', 'the production secret reused in staging is the same value');
    assert.equal(keys.JWT_SECRET_KEY!.status, 'different-value');
    assert.equal(keys.JWT_SECRET_KEY!.a!.value, undefined, 'a sensitive value is never shown');
  });

  test('keys named differently are compared with --map', () => {
    const result = runCli(['diff', 'staging/backend', 'staging/auth', ...LOCAL, '--format', 'json', '--map', 'JWT_SECRET_KEY=JWT_SECRET'], { cwd: packageRoot });
    const keys = keysOf(JSON.parse(result.stdout));
    assert.equal(keys['JWT_SECRET_KEY=JWT_SECRET']!.status, 'different-value');
    assert.equal(keys.JWT_SECRET_KEY, undefined, 'a mapped key is not also compared under its own name');
  });

  test('two environments are compared service by service', () => {
    const diff = JSON.parse(runCli(['diff', 'staging', 'production', ...LOCAL, '--format', 'json'], { cwd: packageRoot }).stdout) as JsonDiff;
    assert.deepEqual(diff.services.map((service) => service.a), ['staging/backend (.env)', 'staging/auth (.env)', 'staging/frontend (.env)']);
  });

  test('a service compared with itself is equal: exit 0', () => {
    const result = runCli(['diff', 'staging/auth', 'staging/auth', ...LOCAL], { cwd: packageRoot });
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /no differences \(\d+ keys the same\)/);
  });

  test('bad operands are usage errors with suggestions', () => {
    const service = runCli(['diff', 'staging/bakend', 'production/backend', ...LOCAL], { cwd: packageRoot });
    assert.equal(service.status, 2);
    assert.match(service.stderr, /no service 'bakend' in staging \(did you mean 'backend'\?\)/);
    const mixed = runCli(['diff', 'staging', 'production/backend', ...LOCAL], { cwd: packageRoot });
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /compare a service with a service or an environment with an environment/);
    const mapping = runCli(['diff', 'staging/auth', 'staging/backend', ...LOCAL, '--map', 'JWT_SECRET'], { cwd: packageRoot });
    assert.equal(mapping.status, 2);
  });

  test('markdown is a pasteable table', () => {
    const result = runCli(['diff', 'staging/backend', 'production/backend', ...LOCAL, '--format', 'markdown'], { cwd: packageRoot });
    assert.match(result.stdout, /^# envdrift diff: `staging\/backend` vs `production\/backend`/);
    assert.match(result.stdout, /\| `SERVICE_ID` \| different value \| `"netra-auth-1757260376"` \| `"netra-backend"` \| `backend-service-id` \|/);
  });
});

test('the suppression file marks the rule breaks it accepts as suppressed, as in check', () => {
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  workspace.write('suppressed/envdrift.yaml', 'version: 1\npacks: []\nrules: [rules.yaml]\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [staging.env] }\n  production:\n    services:\n      backend: { dotenv: [production.env] }\n');
  workspace.write('suppressed/rules.yaml', 'rules:\n  - { id: backend-service-id, kind: equals, severity: error, key: SERVICE_ID, value: netra-backend, description: d, remediation: r }\n  - { id: log-info, kind: equals, severity: error, key: LOG_LEVEL, value: info, description: d, remediation: r }\n');
  workspace.write('suppressed/staging.env', 'SERVICE_ID=netra-auth-1757260376\nLOG_LEVEL=debug\n');
  workspace.write('suppressed/production.env', 'SERVICE_ID=netra-backend\nLOG_LEVEL=info\n');
  const cwd = workspace.path('suppressed');
  const diff = () => runCli(['diff', 'staging/backend', 'production/backend', '--format', 'json'], { cwd });
  assert.deepEqual(keysOf(JSON.parse(diff().stdout)).SERVICE_ID!.rules, ['backend-service-id'], 'without a suppression the difference breaks the rule');

  workspace.write('suppressed/envdrift.ignore.yaml', `version: 1\nsuppressions:\n  - { rule: backend-service-id, environment: staging, service: backend, key: SERVICE_ID, reason: migrating ids (PLAT-7), expires: ${expires} }\n`);
  const result = diff();
  assert.equal(result.status, 1, result.stderr);
  const keys = keysOf(JSON.parse(result.stdout));
  assert.deepEqual([keys.SERVICE_ID!.rules, keys.SERVICE_ID!.suppressedRules], [[], ['backend-service-id']]);
  assert.deepEqual([keys.LOG_LEVEL!.rules, keys.LOG_LEVEL!.suppressedRules], [['log-info'], []], 'other rule breaks stay');
  assert.match(runCli(['diff', 'staging/backend', 'production/backend'], { cwd }).stdout, /SERVICE_ID .*backend-service-id \(suppressed\)/);
  assert.match(runCli(['diff', 'staging/backend', 'production/backend', '--format', 'markdown'], { cwd }).stdout, /`backend-service-id` \(suppressed\)/);
  const check = JSON.parse(runCli(['check', '--format', 'json'], { cwd }).stdout) as { findings: Array<{ ruleId: string; suppressed?: unknown }> };
  assert.ok(check.findings.find((finding) => finding.ruleId === 'backend-service-id')!.suppressed, 'check accepts the same finding');

  // Like check, diff refuses a suppression file with problems instead of ignoring it.
  workspace.write('suppressed/envdrift.ignore.yaml', 'version: 1\nsuppressions:\n  - { rule: backend-servce-id, reason: r, expires: 2020-01-01 }\n');
  const bad = diff();
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /envdrift\.ignore\.yaml:3:\d+: .*did you mean 'backend-service-id'/);
});

describe('deployed services', () => {
  test('secret references: different secret names and versions, with whether the values match', async () => {
    await withDemo(async (fake) => {
      const result = await runCliAsync(['diff', 'staging/backend', 'staging/auth', ...LIVE, '--format', 'json'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      const keys = keysOf(JSON.parse(result.stdout));
      assert.equal(keys.JWT_SECRET_KEY!.status, 'different-secret');
      assert.equal(keys.JWT_SECRET_KEY!.detail, 'jwt-secret-key-staging@latest vs jwt-secret-staging@latest (different values)');
    });
  });

  test('a serving revision against the template: what the deploy changed', async () => {
    await withDemo(async (fake) => {
      const result = await runCliAsync(['diff', 'staging/backend@netra-backend-00041-net', 'staging/backend', ...LIVE, '--format', 'json'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      assert.equal(result.status, 1, result.stderr);
      const diff = JSON.parse(result.stdout) as JsonDiff;
      assert.equal(diff.services[0]!.a, 'staging/backend (revision netra-backend-00041-net)');
      assert.deepEqual(diff.services[0]!.keys.filter((key) => key.status !== 'same').map((key) => `${key.keyA} ${key.status}`), ['SERVICE_SECRET only-in-b']);
    });
  });

  test('a snapshot against now: with one fingerprint key, values compare across time', async () => {
    await withDemo(async (fake) => {
      const env = { ...fakeGcpEnv(fake), ENVDRIFT_FINGERPRINT_KEY: 'diff-test-key' };
      const snap = workspace.path('before.json');
      assert.equal((await runCliAsync(['snapshot', ...LIVE, '--out', snap], { cwd: packageRoot, env })).status, 0);
      const same = await runCliAsync(['diff', `${snap}:production/auth`, 'production/auth', ...LIVE], { cwd: packageRoot, env });
      assert.equal(same.status, 0, same.stdout + same.stderr);
      const otherKey = await runCliAsync(['diff', `${snap}:production/auth`, 'production/auth', ...LIVE, '--format', 'json'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      const notComparable = (JSON.parse(otherKey.stdout) as JsonDiff).services[0]!.keys.filter((key) => key.status === 'not-comparable');
      assert.ok(notComparable.every((key) => /different keys/.test(key.detail)));
    });
  });

  test('--manifest shows what a deploy would change, and which rules it would break', async () => {
    await withDemo(async (fake) => {
      const result = await runCliAsync(['diff', 'staging/backend', '--manifest', 'test/fixtures/manifest/staging-backend.next.yaml', ...LIVE, '--format', 'json'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      assert.equal(result.status, 1, result.stderr);
      const diff = JSON.parse(result.stdout) as JsonDiff;
      assert.equal(diff.services[0]!.b, 'test/fixtures/manifest/staging-backend.next.yaml (manifest)');
      const keys = keysOf(diff);
      assert.equal(keys.AUTH_SERVICE_URL!.status, 'only-in-a', 'the deploy removes AUTH_SERVICE_URL');
      assert.ok(keys.AUTH_SERVICE_URL!.rules.includes('backend-auth-config-present'), 'and that breaks the require rule');
      assert.equal(keys.SERVICE_ID!.status, 'literal-vs-secret', 'the deploy turns SERVICE_ID into a secret reference');
    });
    const usage = runCli(['diff', 'staging/backend', 'production/backend', '--manifest', 'x.yaml', ...LIVE], { cwd: packageRoot });
    assert.equal(usage.status, 2);
  });

  test('a .env file against the deployed service it feeds', async () => {
    const live = readFileSync(`${packageRoot}/examples/live/envdrift.yaml`, 'utf8');
    workspace.write('both/envdrift.yaml', live.replace('  - ../rules/', `  - ${packageRoot}/examples/rules/`).replace('        cloudrun: netra-backend\n        urls: [https://api.staging.netra.example]', `        cloudrun: netra-backend\n        dotenv: [${packageRoot}/examples/env/backend/.env.staging]\n        urls: [https://api.staging.netra.example]`));
    await withDemo(async (fake) => {
      const result = await runCliAsync(['diff', 'staging/backend@.env', 'staging/backend@template', '--config', workspace.path('both/envdrift.yaml'), '--format', 'json'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      assert.equal(result.status, 1, result.stderr);
      const keys = keysOf(JSON.parse(result.stdout));
      assert.equal(keys.SERVICE_SECRET!.status, 'literal-vs-secret');
      assert.equal(keys.DATABASE_URL!.status, 'only-in-a');
    });
  });
});

describe('secret references that look alike', () => {
  const fixture = (jwtVersions: Array<{ state: string; text: string }>) => {
    const estate = structuredClone(DEMO_ESTATE);
    for (const project of estate.projects) {
      const backend = project.services!.find((service) => String(service.name).endsWith('/netra-backend'))! as { template: { containers: Array<{ env: Array<{ name: string; valueSource?: unknown }> }> } };
      const jwt = backend.template.containers[0]!.env.find((variable) => variable.name === 'JWT_SECRET_KEY')!;
      jwt.valueSource = { secretKeyRef: { secret: 'jwt', version: 'latest' } };
      project.secrets!.push({
        secret: { name: `projects/${project.projectId}/secrets/jwt`, replication: { automatic: {} } },
        versions: jwtVersions.map((version, index) => ({ version: { name: `projects/${project.projectId}/secrets/jwt/versions/${index + 1}`, createTime: `2025-10-0${index + 1}T00:00:00Z`, state: version.state }, payload: { text: `${project.projectId}-${version.text}` } })),
      });
    }
    return estate;
  };

  test('the same name in two projects is two secrets', async () => {
    const fake = await startFakeGcp({ fixture: fixture([{ state: 'ENABLED', text: 'v1-Zq81' }]), defaultPageSize: 50 });
    try {
      const result = await runCliAsync(['diff', 'staging/backend', 'production/backend', ...LIVE, '--format', 'json'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      const jwt = keysOf(JSON.parse(result.stdout)).JWT_SECRET_KEY!;
      assert.equal(jwt.status, 'different-secret', jwt.detail);
      assert.equal(jwt.detail, 'projects/netra-staging/secrets/jwt@latest vs projects/netra-prod/secrets/jwt@latest (different values)');
    } finally {
      await fake.stop();
    }
  });

  test('latest that moved between a snapshot and now is a difference', async () => {
    const env = { ENVDRIFT_FINGERPRINT_KEY: 'rotation-test' };
    const before = await startFakeGcp({ fixture: fixture([{ state: 'ENABLED', text: 'v1-Zq81' }]), defaultPageSize: 50 });
    try {
      assert.equal((await runCliAsync(['snapshot', ...LIVE, '--out', workspace.path('rotation.json')], { cwd: packageRoot, env: { ...env, ...fakeGcpEnv(before) } })).status, 0);
    } finally {
      await before.stop();
    }
    const after = await startFakeGcp({ fixture: fixture([{ state: 'ENABLED', text: 'v1-Zq81' }, { state: 'ENABLED', text: 'v2-Kp07' }]), defaultPageSize: 50 });
    try {
      const result = await runCliAsync(['diff', `${workspace.path('rotation.json')}:staging/backend`, 'staging/backend', ...LIVE, '--format', 'json'], { cwd: packageRoot, env: { ...env, ...fakeGcpEnv(after) } });
      assert.equal(result.status, 1, result.stderr);
      const jwt = keysOf(JSON.parse(result.stdout)).JWT_SECRET_KEY!;
      assert.equal(jwt.status, 'different-value');
      assert.equal(jwt.detail, 'jwt@latest is version 1 in A but 2 in B');
    } finally {
      await after.stop();
    }
  });
});
