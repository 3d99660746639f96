/**
 * `envdrift check --manifest FILE --as ENV/SERVICE`, end to end: the real CLI reads the demo estate through the
 * real Google clients from the fake on 127.0.0.1, with the named service's deployed configuration replaced
 * by the manifest. Drift that only the manifest has is found and located in it, its secret references are
 * resolved in Secret Manager like deployed ones (aliases of other projects too), its peers stay as deployed,
 * and no secret reaches any output.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpFixture, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { reporters } from '../src/reporters/index.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const LIVE_CONFIG = join(packageRoot, 'examples', 'live', 'envdrift.yaml');
const NEXT = 'test/fixtures/manifest/staging-backend.next.yaml';
const SHARED = { id: 'netra-shared', number: '555000111222' };

const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonFinding {
  ruleId: string;
  environment: string;
  service: string;
  variant: string;
  key: string | null;
  detail: string;
  location: Record<string, unknown>;
  related: Array<{ location: Record<string, unknown>; note: string }>;
}
interface JsonReport {
  findings: JsonFinding[];
  unevaluated: unknown[];
}

function secret(project: string, name: string, versions: Array<{ state: string; text: string }>) {
  return {
    secret: { name: `projects/${project}/secrets/${name}`, replication: { automatic: {} } },
    versions: versions.map((version, index) => ({
      version: { name: `projects/${project}/secrets/${name}/versions/${index + 1}`, createTime: `2025-09-0${index + 1}T00:00:00Z`, state: version.state },
      payload: { text: version.text },
    })),
  };
}

/** The demo estate plus the secrets the manifests below reference. */
function estate(extra: { staging?: ReturnType<typeof secret>[]; shared?: ReturnType<typeof secret>[] } = {}): FakeGcpFixture {
  const fixture = structuredClone(DEMO_ESTATE);
  const staging = fixture.projects.find((project) => project.projectId === 'netra-staging')!;
  staging.secrets!.push(secret('netra-staging', 'service-id-staging', [{ state: 'ENABLED', text: 'netra-backend' }]), ...(extra.staging ?? []));
  fixture.projects.push({ projectId: SHARED.id, projectNumber: SHARED.number, secrets: extra.shared ?? [] });
  return fixture;
}

async function withFake<T>(fixture: FakeGcpFixture, body: (fake: FakeGcpServer) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture, defaultPageSize: 50 });
  try {
    return await body(fake);
  } finally {
    await fake.stop();
  }
}

async function check(fake: FakeGcpServer, args: string[]) {
  const result = await runCliAsync(['check', '--config', LIVE_CONFIG, '--format', 'json', ...args], { cwd: packageRoot, env: fakeGcpEnv(fake) });
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

const line = (finding: JsonFinding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key ?? ''} [${finding.variant}]`;

describe('check --manifest --as: the manifest stands in for the deployed service', () => {
  test('finds drift only the manifest has, located in it; peers stay as deployed', async () => {
    await withFake(estate(), async (fake) => {
      const deployed = (await check(fake, [])).report;
      const { status, report } = await check(fake, ['--manifest', NEXT, '--as', 'staging/backend']);
      assert.equal(status, 1);
      const found = report.findings.map(line);

      // The manifest drops AUTH_SERVICE_URL: a finding of the manifest, at the env list a person would add it to.
      const missing = report.findings.find((finding) => finding.ruleId === 'backend-auth-config-present' && finding.environment === 'staging' && finding.key === 'AUTH_SERVICE_URL')!;
      assert.ok(missing, found.join('\n'));
      assert.equal(missing.variant, 'manifest');
      assert.deepEqual(missing.location, { kind: 'manifest', file: NEXT, line: 22, column: 9, text: `${NEXT}:22:9` });
      assert.ok(!deployed.findings.some((finding) => finding.ruleId === 'backend-auth-config-present' && finding.environment === 'staging' && finding.key === 'AUTH_SERVICE_URL' && finding.variant === 'template'), 'the deployed template has AUTH_SERVICE_URL');

      // SERVICE_ID turns from a literal into a secret reference: a flip against production's literal, pointing at the manifest line.
      const flip = report.findings.find((finding) => finding.ruleId === 'recommended/no-source-flips' && finding.key === 'SERVICE_ID')!;
      assert.ok(flip, found.join('\n'));
      assert.equal(flip.detail, 'backend SERVICE_ID is a secret reference in staging but a literal in production');
      assert.deepEqual(flip.related.map((related) => related.location.text), [`${NEXT}:25:17`]);
      // Its secret was resolved and read (equals compares it): it holds exactly netra-backend, so the baked timestamp is gone.
      assert.ok(deployed.findings.some((finding) => finding.ruleId === 'backend-service-id' && finding.environment === 'staging'));
      assert.ok(!report.findings.some((finding) => finding.ruleId === 'backend-service-id' && finding.environment === 'staging'), found.join('\n'));

      // The deployed backend's template and revisions are out of the picture, revision drift included …
      const stagingBackend = report.findings.filter((finding) => finding.environment === 'staging' && finding.service === 'backend');
      assert.ok(stagingBackend.length > 0);
      assert.ok(deployed.findings.some((finding) => finding.ruleId === 'envdrift/revision-drift' && finding.environment === 'staging'));
      for (const finding of stagingBackend) assert.equal(finding.location.kind, 'manifest', `not located in the manifest: ${line(finding)}`);
      // … while cross-service rules compare the manifest with the deployed auth service.
      const jwt = report.findings.find((finding) => finding.ruleId === 'jwt-secret-shared' && finding.environment === 'staging')!;
      assert.equal(jwt.variant, 'manifest');
      assert.equal(jwt.location.text, `${NEXT}:35:17`);
      assert.ok(jwt.related.every((related) => related.location.kind === 'cloudrun' && related.location.service === 'netra-auth'));
    });
  });

  test('a secret of another project, declared through the run.googleapis.com/secrets annotation, is resolved there', async () => {
    const fixture = estate({
      shared: [
        // The value auth signs with (jwt-secret-staging), kept in a shared project.
        secret(SHARED.number, 'jwt-signing', [{ state: 'ENABLED', text: 'dmo-Wm4cH8sZe1Qn' }]),
        secret(SHARED.number, 'legacy-key', [{ state: 'DISABLED', text: 'dmo-Xx0legacy00' }]),
      ],
    });
    const manifest = workspace.write(
      'cross-project.yaml',
      `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: netra-backend
  namespace: '480211934112'
spec:
  template:
    metadata:
      annotations:
        run.googleapis.com/secrets: jwt-s-0e3b5a3e-8d2c-11f0-9c1a-42010a800002:projects/${SHARED.number}/secrets/jwt-signing,legac-7c41e2b0-8d2c-11f0-9c1a-42010a800002:projects/${SHARED.number}/secrets/legacy-key
    spec:
      containers:
      - env:
        - name: JWT_SECRET_KEY
          valueFrom:
            secretKeyRef:
              key: '1'
              name: jwt-s-0e3b5a3e-8d2c-11f0-9c1a-42010a800002
        - name: LEGACY_KEY
          valueFrom:
            secretKeyRef:
              key: '1'
              name: legac-7c41e2b0-8d2c-11f0-9c1a-42010a800002
        image: us-docker.pkg.dev/netra-staging/app/netra-backend:v43
`,
    );
    await withFake(fixture, async (fake) => {
      const { report } = await check(fake, ['--manifest', manifest, '--as', 'staging/backend', '--env', 'staging']);
      // Read in the shared project, the JWT secret now agrees with auth's.
      assert.ok(!report.findings.some((finding) => finding.ruleId === 'jwt-secret-shared'), report.findings.map(line).join('\n'));
      const unusable = report.findings.find((finding) => finding.ruleId === 'envdrift/secret-version-unusable')!;
      assert.ok(unusable, report.findings.map(line).join('\n'));
      assert.equal(unusable.detail, `LEGACY_KEY references secret projects/${SHARED.number}/secrets/legacy-key version 1, which is DISABLED`);
      assert.equal(unusable.location.kind, 'manifest');
      assert.equal(unusable.location.line, 19);
    });
  });

  test('a malformed manifest fails before anything is read: exit 2, every problem with line and column', async () => {
    const bad = workspace.write('bad.yaml', 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: netra-backend\nspec:\n  template:\n    spec:\n      containers:\n      - env:\n        - value: x\n        - name: N\n          value: 1\n');
    await withFake(estate(), async (fake) => {
      const result = await runCliAsync(['check', '--config', LIVE_CONFIG, '--manifest', bad, '--as', 'staging/backend'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /is not a valid Cloud Run service manifest/);
      assert.match(result.stderr, /bad\.yaml:10:11: spec\.template\.spec\.containers\[0\]\.env\[0\] has no 'name'/);
      assert.match(result.stderr, /bad\.yaml:12:18: spec\.template\.spec\.containers\[0\]\.env\[1\]\.value must be a string, found a number/);
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
      assert.equal(fake.calls.total(), 0, 'a source was read although the manifest was malformed');
    });
  });
});

describe('check --manifest --as: usage errors exit 2', () => {
  const usage = (...args: string[]) => {
    const result = runCli(['check', '--config', LIVE_CONFIG, ...args], { cwd: packageRoot, env: { HOME: workspace.dir } });
    assert.equal(result.status, 2, result.stderr);
    return result.stderr;
  };

  test('--manifest without --as, and --as without --manifest', () => {
    assert.match(usage('--manifest', NEXT), /--manifest test\/fixtures\/manifest\/staging-backend\.next\.yaml needs --as ENV\/SERVICE/);
    assert.match(usage('--as', 'staging/backend'), /--as staging\/backend names the service a --manifest stands for/);
  });

  test('--as naming an unknown environment or service suggests the right one', () => {
    assert.match(usage('--manifest', NEXT, '--as', 'stagign/backend'), /--as stagign\/backend: no environment stagign \(did you mean 'staging'\?\); declared: staging, production/);
    assert.match(usage('--manifest', NEXT, '--as', 'staging/backnd'), /--as staging\/backnd: environment staging declares no service backnd \(did you mean 'backend'\?\); declared: backend, auth, frontend/);
    assert.match(usage('--manifest', NEXT, '--as', 'backend'), /--as backend: expected ENVIRONMENT\/SERVICE/);
    assert.match(usage('--manifest', NEXT, '--as', 'production/backend', '--env', 'staging'), /environment production is not among those selected with --env \(staging\)/);
  });

  test('a manifest of another Cloud Run service than --as names is checked, with a note', () => {
    const result = runCli(['check', '--config', LIVE_CONFIG, '--env', 'staging', '--manifest', NEXT, '--as', 'staging/auth'], { cwd: packageRoot, env: { HOME: workspace.dir } });
    assert.match(result.stderr, /envdrift: note: test\/fixtures\/manifest\/staging-backend\.next\.yaml deploys Cloud Run service netra-backend, but staging\/auth is netra-auth in envdrift\.yaml/);
  });

  test('--manifest with --snapshot, and a manifest that is not there', () => {
    assert.match(usage('--manifest', NEXT, '--as', 'staging/backend', '--snapshot', 'x.json'), /mutually exclusive|conflict/i);
    assert.match(usage('--manifest', 'nowhere.yaml', '--as', 'staging/backend'), /manifest nowhere\.yaml does not exist/);
  });
});

describe('no secret from a manifest reaches any output', () => {
  const canary = (length: number) => Array.from(randomBytes(length), (byte) => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[byte % 57]).join('');
  // Lengths over 100, which no count, line or column of these small reports reaches.
  const SECRETS = { payload: canary(153), token: canary(141), urlPassword: canary(143), malformed: canary(147) };
  const manifest = workspace.write(
    'canary.yaml',
    `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: netra-backend
  namespace: netra-staging
spec:
  template:
    spec:
      containers:
      - env:
        - name: JWT_SECRET_KEY
          valueFrom:
            secretKeyRef: { name: jwt-canary, key: '1' }
        - name: API_TOKEN
          value: ${SECRETS.token}
        - name: DATABASE_URL
          value: postgres://app:${SECRETS.urlPassword}@db.internal/app
        - name: AUTH_SERVICE_URL
          value: https://svc:${SECRETS.urlPassword}@auth.staging.netra.example
        image: us-docker.pkg.dev/netra-staging/app/netra-backend:v43
`,
  );
  const malformedHead = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: { name: x, namespace: p }\nspec:\n  template:\n    spec:\n      containers:\n      - env:\n';
  const malformed = workspace.write('canary-malformed.yaml', `${malformedHead}        - name: API_TOKEN\n          value: [${SECRETS.malformed}]\n        - value: ${SECRETS.malformed}\n        - name: ${SECRETS.malformed}\n          valueFrom: { secretKeyRef: { name: x, key: ${SECRETS.malformed} } }\n`);
  const unparsable = workspace.write('canary-unparsable.yaml', `${malformedHead}        - name: API_TOKEN\n          value: "${SECRETS.malformed}\n        - name: [${SECRETS.malformed}\n`);

  const assertNoLeak = (what: string, text: string) => {
    for (const [name, value] of Object.entries(SECRETS)) {
      for (let start = 0; start + 6 <= value.length; start++) assert.ok(!text.includes(value.slice(start, start + 6)), `${what} contains part of canary ${name}`);
      assert.doesNotMatch(text, new RegExp(`\\b${value.length}\\b`), `${what} mentions the length of canary ${name}`);
    }
  };

  test('every format, and the error of a malformed manifest', async () => {
    const fixture = estate({ staging: [secret('netra-staging', 'jwt-canary', [{ state: 'ENABLED', text: SECRETS.payload }])] });
    await withFake(fixture, async (fake) => {
      for (const format of Object.keys(reporters)) {
        const result = await runCliAsync(['check', '--config', LIVE_CONFIG, '--format', format, '--manifest', manifest, '--as', 'staging/backend'], { cwd: packageRoot, env: fakeGcpEnv(fake) });
        assert.equal(result.status, 1, result.stderr);
        assertNoLeak(`${format} stdout`, result.stdout);
        assertNoLeak(`${format} stderr`, result.stderr);
      }
      assert.ok(fake.calls.of('AccessSecretVersion') > 0);
      for (const file of [malformed, unparsable]) {
        const bad = await runCliAsync(['check', '--config', LIVE_CONFIG, '--manifest', file, '--as', 'staging/backend'], { cwd: packageRoot, env: { ...fakeGcpEnv(fake), ENVDRIFT_DEBUG: '1' } });
        assert.equal(bad.status, 2, bad.stderr);
        assert.match(bad.stderr, /canary-(malformed|unparsable)\.yaml:\d+:\d+: /);
        assertNoLeak(`${file} stderr`, bad.stderr);
      }
    });
  });
});
