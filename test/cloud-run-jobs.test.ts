/**
 * Cloud Run jobs and worker pools, declared with `kind:` in envdrift.yaml, read like services in check, snapshot,
 * diff and init: a migration job that lacks a key and references the wrong secret, a worker pool that agrees with
 * the service, findings located at projects/P/locations/R/jobs/J. Real CLI, real clients, fake on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import type { FakeGcpFixture } from '../src/demo/fake-gcp/index.js';
import { fakeGcpEnv, startFakeGcp } from '../src/demo/fake-gcp/index.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const PROJECT = 'jobs-staging';
const LOCATION = `projects/${PROJECT}/locations/us-central1`;
const CANARY = { current: 'cnry-Jb7Rt2Wq9Xs4', old: 'cnry-Ok3Vm8Lp5Zd1' };
const account = (name: string) => `${name}@${PROJECT}.iam.gserviceaccount.com`;
const jwt = (secret: string) => ({ name: 'JWT_SECRET_KEY', valueSource: { secretKeyRef: { secret, version: '1' } } });
const version = (secret: string, text: string) => ({
  secret: { name: `projects/${PROJECT}/secrets/${secret}`, replication: { automatic: {} } },
  versions: [{ version: { name: `projects/${PROJECT}/secrets/${secret}/versions/1`, state: 'ENABLED' }, payload: { text } }],
});

const FIXTURE: FakeGcpFixture = {
  projects: [
    {
      projectId: PROJECT,
      projectNumber: '888877776666',
      locations: ['us-central1'],
      services: [{ name: `${LOCATION}/services/backend`, template: { serviceAccount: account('backend'), containers: [{ name: 'api', env: [{ name: 'SERVICE_ID', value: 'backend' }, jwt('jwt')] }] } }],
      jobs: [
        {
          name: `${LOCATION}/jobs/migrate`,
          // No SERVICE_ID, and the signing key of before the rotation.
          template: { taskCount: 1, template: { serviceAccount: account('migrate'), containers: [{ name: 'migrate', env: [jwt('jwt-old')] }] } },
        },
      ],
      workerPools: [{ name: `${LOCATION}/workerPools/worker`, template: { serviceAccount: account('worker'), containers: [{ name: 'worker', env: [{ name: 'SERVICE_ID', value: 'worker' }, jwt('jwt')] }] } }],
      iamPolicy: { bindings: [{ role: 'roles/secretmanager.secretAccessor', members: ['backend', 'migrate', 'worker'].map((name) => `serviceAccount:${account(name)}`) }] },
      secrets: [version('jwt', CANARY.current), version('jwt-old', CANARY.old)],
    },
  ],
};

const workspace = createWorkspace();
after(() => workspace.dispose());

workspace.write('envdrift.yaml', `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    cloudrun: { project: ${PROJECT}, regions: [us-central1] }
    services:
      backend: {}
      migrate: { kind: job }
      worker: { kind: worker-pool }
`);
workspace.write('rules.yaml', `rules:
  - { id: service-id, kind: require, severity: error, description: d, remediation: r, keys: [SERVICE_ID] }
  - id: jwt-shared
    kind: match
    severity: error
    description: d
    remediation: r
    members: [{ service: backend, key: JWT_SECRET_KEY }, { service: migrate, key: JWT_SECRET_KEY }, { service: worker, key: JWT_SECRET_KEY }]
`);

interface JsonFinding { ruleId: string; service: string; key: string; detail: string; location: Record<string, unknown> }

async function withFake<T>(body: (env: Record<string, string>, calls: () => Record<string, number>) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture: FIXTURE });
  try {
    return await body(fakeGcpEnv(fake), () => fake.calls.byMethod());
  } finally {
    await fake.stop();
  }
}

const noCanary = (what: string, text: string) => {
  for (const value of Object.values(CANARY)) assert.ok(!text.includes(value.slice(5)), `${what} shows a payload`);
};

describe('Cloud Run jobs and worker pools', () => {
  test('a job missing a key and referencing the wrong secret is found, located at its jobs/ resource name', async () => {
    await withFake(async (env, calls) => {
      const result = await runCliAsync(['check', '--format', 'json'], { cwd: workspace.dir, env });
      assert.equal(result.status, 1, result.stderr);
      noCanary('json', result.stdout);
      const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
      assert.deepEqual(findings.map((finding) => `${finding.ruleId} ${finding.service} ${finding.key}`).sort(), ['jwt-shared migrate JWT_SECRET_KEY', 'service-id migrate SERVICE_ID']);
      const missing = findings.find((finding) => finding.ruleId === 'service-id')!;
      assert.deepEqual({ ...missing.location, text: undefined }, { kind: 'cloudrun', project: PROJECT, region: 'us-central1', service: 'migrate', resourceType: 'jobs', text: undefined });
      assert.match(findings.find((finding) => finding.ruleId === 'jwt-shared')!.detail, /migrate JWT_SECRET_KEY has value B/);
      const counted = calls();
      assert.equal(counted.ListJobs, 1, 'one list for the one region');
      assert.equal(counted.ListWorkerPools, 1);
      assert.equal(counted.GetJob, undefined, 'the list already holds the template');

      const sarif = await runCliAsync(['check', '--format', 'sarif'], { cwd: workspace.dir, env });
      noCanary('sarif', sarif.stdout);
      const names = JSON.parse(sarif.stdout).runs[0].results.flatMap((result: { locations: Array<{ logicalLocations?: Array<{ fullyQualifiedName: string }> }> }) =>
        result.locations.flatMap((location) => (location.logicalLocations ?? []).map((logical) => logical.fullyQualifiedName)),
      );
      assert.ok(names.includes(`${LOCATION}/jobs/migrate`), names.join('\n'));
      const text = await runCliAsync(['check'], { cwd: workspace.dir, env });
      assert.match(text.stdout, /Cloud Run job jobs-staging\/us-central1\/migrate \(template, container migrate\)/);
    });
  });

  test('snapshot and diff see jobs and worker pools too', async () => {
    await withFake(async (env) => {
      const written = await runCliAsync(['snapshot', '--out', 'snap.json'], { cwd: workspace.dir, env });
      assert.equal(written.status, 0, written.stderr);
      noCanary('snapshot', readFileSync(workspace.path('snap.json'), 'utf8'));
      const diff = await runCliAsync(['diff', 'staging/migrate', 'staging/worker', '--format', 'json'], { cwd: workspace.dir, env });
      assert.equal(diff.status, 1, diff.stderr);
      noCanary('diff', diff.stdout);
      assert.match(diff.stdout, /SERVICE_ID/);
    });
    const offline = runCli(['check', '--format', 'json', '--snapshot', 'snap.json'], { cwd: workspace.dir });
    assert.equal(offline.status, 1, offline.stderr);
    const ids = (JSON.parse(offline.stdout) as { findings: JsonFinding[] }).findings.map((finding) => `${finding.ruleId} ${finding.service}`).sort();
    assert.deepEqual(ids, ['jwt-shared migrate', 'service-id migrate']);
  });

  test('init infers rules from a config that names a job', async () => {
    await withFake(async (env) => {
      const result = await runCliAsync(['init', '--out-dir', 'init-out'], { cwd: workspace.dir, env });
      assert.equal(result.status, 0, result.stderr);
      const rules = readFileSync(workspace.path('init-out/rules/envdrift-init.yaml'), 'utf8');
      noCanary('init', rules);
      assert.match(rules, /migrate/);
    });
  });

  test('a job that is not deployed is said to be a job', async () => {
    workspace.write('absent/envdrift.yaml', `version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: ${PROJECT}, regions: [us-central1] }\n    services:\n      nightly: { kind: job }\n`);
    await withFake(async (env) => {
      const result = await runCliAsync(['check', '--format', 'json'], { cwd: workspace.path('absent'), env });
      assert.equal(result.status, 1);
      assert.deepEqual((JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.map((finding) => finding.detail), [
        `Cloud Run job nightly is not deployed in project ${PROJECT} (regions us-central1)`,
      ]);
    });
  });

  test('an unknown kind, or a kind without a cloudrun block, is a config error at its line', () => {
    workspace.write('bad/envdrift.yaml', 'version: 1\nenvironments:\n  staging:\n    services:\n      migrate: { kind: cronjob }\n');
    const unknown = runCli(['check'], { cwd: workspace.path('bad') });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /envdrift\.yaml:5:\d+: .*(service|job|worker-pool)/);
    workspace.write('bad/envdrift.yaml', 'version: 1\nenvironments:\n  staging:\n    services:\n      migrate: { kind: job, dotenv: [.env] }\n');
    const orphan = runCli(['check'], { cwd: workspace.path('bad') });
    assert.equal(orphan.status, 2);
    assert.match(orphan.stderr, /envdrift\.yaml:5:\d+: service 'migrate' names a Cloud Run resource kind, but environment 'staging' has no 'cloudrun' block/);
    assert.doesNotMatch(orphan.stderr, /\n\s+at /, 'no stack trace');
  });
});
