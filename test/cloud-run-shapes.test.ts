/**
 * Cloud Run shapes beyond the demo estate: services found by label, sidecars, secrets mounted as files, a
 * literal in one service compared with a secret in another, and a snapshot of what was deployed.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { FakeGcpFixture } from '../src/demo/fake-gcp/fixture-types.js';
import { fakeGcpEnv, startFakeGcp } from '../src/demo/fake-gcp/index.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const PROJECT = 'shapes-staging';
const LOCATION = `projects/${PROJECT}/locations/europe-west1`;

function service(id: string, labels: Record<string, string>, template: Record<string, unknown>) {
  const revision = `${id}-00001-aaa`;
  return {
    name: `${LOCATION}/services/${id}`,
    generation: '1',
    observedGeneration: '1',
    labels,
    template,
    trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision, percent: 100 }],
    latestReadyRevision: `${LOCATION}/services/${id}/revisions/${revision}`,
    latestCreatedRevision: `${LOCATION}/services/${id}/revisions/${revision}`,
  };
}

const FIXTURE: FakeGcpFixture = {
  projects: [
    {
      projectId: PROJECT,
      projectNumber: '111122223333',
      locations: ['europe-west1'],
      services: [
        service('api-x', { env: 'staging', app: 'backend' }, {
          containers: [
            { name: 'api', env: [{ name: 'JWT_SECRET_KEY', value: 'shapes-literal-Vb7q' }], volumeMounts: [{ name: 'signing', mountPath: '/secrets/' }] },
            { name: 'proxy', env: [{ name: 'UPSTREAM_URL', value: 'http://localhost:8080' }] },
          ],
          volumes: [{ name: 'signing', secret: { secret: 'signing-key', items: [{ path: 'key.pem', version: '1' }] } }],
        }),
        service('auth-x', { env: 'staging', app: 'auth' }, {
          containers: [{ name: 'auth', env: [{ name: 'JWT_SECRET_KEY', valueSource: { secretKeyRef: { secret: 'jwt', version: '1' } } }] }],
        }),
        service('other', { env: 'production', app: 'backend' }, { containers: [{ name: 'other', env: [] }] }),
      ],
      secrets: [
        { secret: { name: `projects/${PROJECT}/secrets/jwt`, replication: { automatic: {} } }, versions: [{ version: { name: `projects/${PROJECT}/secrets/jwt/versions/1`, state: 'ENABLED' }, payload: { text: 'shapes-literal-Vb7q' } }] },
        { secret: { name: `projects/${PROJECT}/secrets/signing-key`, replication: { automatic: {} } }, versions: [{ version: { name: `projects/${PROJECT}/secrets/signing-key/versions/1`, state: 'DESTROYED' } }] },
      ],
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
    cloudrun: { project: ${PROJECT}, labels: { env: staging }, nameLabel: app }
    services: {}
`);

async function run(rules: string, args: string[] = []) {
  workspace.write('rules.yaml', rules);
  const fake = await startFakeGcp({ fixture: FIXTURE });
  try {
    const result = await runCliAsync(['check', '--format', 'json', ...args], { cwd: workspace.dir, env: fakeGcpEnv(fake) });
    return { ...result, report: JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; service: string; key: string; detail: string; location: { container?: string } }>; unevaluated: unknown[] } };
  } finally {
    await fake.stop();
  }
}

test('services are found by label and named by nameLabel; other labels are left out', async () => {
  const { report, status } = await run('rules:\n  - { id: r, kind: require, severity: error, description: d, remediation: r, keys: [NOTHING_SET] }\n');
  assert.equal(status, 1);
  assert.deepEqual(report.findings.filter((finding) => finding.ruleId === 'r').map((finding) => finding.service).sort(), ['auth', 'backend']);
});

test('a literal in one service and a secret in another are compared by value, without reading either out', async () => {
  const rules = 'rules:\n  - { id: m, kind: match, severity: error, description: d, remediation: r, members: [{ service: backend, key: JWT_SECRET_KEY }, { service: auth, key: JWT_SECRET_KEY }] }\n';
  const { report, stdout } = await run(rules);
  assert.deepEqual(report.findings.filter((finding) => finding.ruleId === 'm'), [], 'equal values must match although one is a literal and one a secret');
  assert.ok(!stdout.includes('shapes-literal-Vb7q'));
});

test('every container is read (sidecars too), and mounted secrets are inventoried under their path', async () => {
  const rules = `rules:
  - { id: urls, kind: pattern, severity: error, description: d, remediation: r, keys: ["*_URL"], url: { forbiddenHosts: [localhost] } }
`;
  const { report } = await run(rules);
  const url = report.findings.find((finding) => finding.ruleId === 'urls')!;
  assert.equal(url.key, 'UPSTREAM_URL');
  assert.equal(url.location.container, 'proxy');
  const mounted = report.findings.find((finding) => finding.ruleId === 'envdrift/secret-version-unusable')!;
  assert.equal(mounted.key, '/secrets/key.pem');
  assert.match(mounted.detail, /signing-key version 1, which is DESTROYED/);
});

test('a snapshot of the deployed state checks the same offline, with no secret payload in it', async () => {
  const rules = 'rules:\n  - { id: m, kind: match, severity: error, description: d, remediation: r, members: [{ service: backend, key: JWT_SECRET_KEY }, { service: auth, key: JWT_SECRET_KEY }] }\n';
  workspace.write('rules.yaml', rules);
  const fake = await startFakeGcp({ fixture: FIXTURE });
  let live;
  try {
    const written = await runCliAsync(['snapshot', '--out', 'snap.json'], { cwd: workspace.dir, env: fakeGcpEnv(fake) });
    assert.equal(written.status, 0, written.stderr);
    live = await runCliAsync(['check', '--format', 'json'], { cwd: workspace.dir, env: fakeGcpEnv(fake) });
  } finally {
    await fake.stop();
  }
  const offline = await runCliAsync(['check', '--format', 'json', '--snapshot', 'snap.json'], { cwd: workspace.dir });
  assert.equal(offline.status, live.status);
  const strip = (text: string) => JSON.parse(text).findings.map((finding: { ruleId: string; detail: string }) => `${finding.ruleId} ${finding.detail}`).sort();
  assert.deepEqual(strip(offline.stdout), strip(live.stdout));
  const { readFileSync } = await import('node:fs');
  assert.ok(!readFileSync(workspace.path('snap.json'), 'utf8').includes('shapes-literal-Vb7q'));
});
