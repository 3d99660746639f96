/**
 * `envdrift diff --deploy FILE`, end to end: the real CLI reads the demo estate through the real Google clients
 * from the fake on 127.0.0.1 and shows, key by key, what a pipeline's deploy changes against what runs now.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { diffReporters } from '../src/reporters/diff/index.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const LIVE_CONFIG = join(packageRoot, 'examples', 'live', 'envdrift.yaml');
const DIR = 'test/fixtures/deploy';
const WORKFLOW = `${DIR}/.github/workflows/deploy.yml`;

const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonKey {
  keyA: string;
  status: string;
  detail: string;
  a: { source: string; value?: string } | null;
  b: { source: string; value?: string } | null;
  rules: string[];
}
interface JsonDiff {
  services: Array<{ a: string; b: string; unreadable?: string; keys: JsonKey[] }>;
}

let fake: FakeGcpServer;
const started = startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50 }).then((server) => (fake = server));
after(async () => (await started).stop());

async function diff(args: string[], format = 'json') {
  await started;
  return runCliAsync(['diff', '--config', LIVE_CONFIG, '--format', format, ...args], { cwd: packageRoot, env: fakeGcpEnv(fake) });
}
async function diffJson(args: string[]) {
  const result = await diff(args);
  assert.ok(result.stdout.startsWith('{'), `no JSON diff (exit ${result.status}):\n${result.stderr}`);
  const report = JSON.parse(result.stdout) as JsonDiff;
  return { ...result, report, keys: Object.fromEntries(report.services[0]!.keys.map((key) => [key.keyA, key])) };
}

describe('diff --deploy: what a deploy changes, key by key, against what runs now', () => {
  test('an overwrite drops keys and breaks the rules that need them; a merge maps JWT to the secret auth uses', async () => {
    const { status, report, keys } = await diffJson(['staging/backend', '--deploy', WORKFLOW, '--all']);
    assert.equal(status, 1);
    assert.equal(report.services[0]!.a, 'staging/backend (template)');
    assert.equal(report.services[0]!.b, `staging/backend (deploy ${WORKFLOW}:15:9)`);
    assert.equal(keys.AUTH_SERVICE_URL!.status, 'only-in-a', 'env_vars_update_strategy: overwrite drops it');
    assert.ok(keys.AUTH_SERVICE_URL!.rules.includes('backend-auth-config-present'), JSON.stringify(keys.AUTH_SERVICE_URL));
    assert.equal(keys.JWT_ISSUER!.status, 'only-in-a');
    assert.equal(keys.JWT_SECRET_KEY!.status, 'different-secret');
    assert.match(keys.JWT_SECRET_KEY!.detail, /jwt-secret-key-staging@latest vs jwt-secret-staging@latest/);
    assert.equal(keys.SERVICE_SECRET!.status, 'same', 'the secrets input merges: SERVICE_SECRET stays');
    assert.equal(keys.SERVICE_ID!.status, 'different-value');
    assert.deepEqual([keys.SERVICE_ID!.a!.value, keys.SERVICE_ID!.b!.value], ['netra-auth-1757260376', 'netra-backend']);
  });

  test('A defaults to the one service a file deploys; a plain key turned secret and a test switch are shown', async () => {
    const script = await diffJson(['--deploy', `${DIR}/deploy-auth.sh`]);
    assert.equal(script.status, 1, script.stderr);
    assert.equal(script.report.services[0]!.a, 'production/auth (template)');
    assert.equal(script.keys.AUTH_FAST_TEST_MODE!.status, 'only-in-a', 'the script removes the test switch by name');
    assert.equal(script.keys.JWT_SECRET_KEY!.status, 'different-secret');

    const flip = await diffJson(['production/backend', '--deploy', WORKFLOW]);
    assert.equal(flip.keys.SERVICE_ID!.status, 'literal-vs-secret');
    assert.ok(flip.keys.SERVICE_ID!.rules.includes('envdrift/deploy-changes-key-type'), JSON.stringify(flip.keys.SERVICE_ID));
    const testSwitch = await diffJson(['production/auth', '--deploy', WORKFLOW]);
    assert.deepEqual([testSwitch.keys.AUTH_FAST_TEST_MODE!.status, testSwitch.keys.AUTH_FAST_TEST_MODE!.b!.value], ['different-value', 'true']);
    assert.ok(testSwitch.keys.AUTH_FAST_TEST_MODE!.rules.includes('recommended/no-test-switches-in-production'));
  });

  test('a file that deploys several services needs A, and says which exist; A must be one of them', async () => {
    const several = await diff(['--deploy', WORKFLOW], 'text');
    assert.equal(several.status, 2, several.stderr);
    assert.match(several.stderr, /deploys 3 services \(staging\/backend, production\/auth, production\/backend\); name the one to compare as A/);
    const other = await diff(['staging/auth', '--deploy', WORKFLOW], 'text');
    assert.equal(other.status, 2);
    assert.match(other.stderr, /deploys nothing to staging\/auth; in staging it deploys staging\/backend/);
    const withB = await diff(['staging/backend', 'staging/auth', '--deploy', WORKFLOW], 'text');
    assert.equal(withB.status, 2);
  });

  test('one reading serves both sides: no more Google API calls than a plain diff of the same environment', async () => {
    await started;
    fake.calls.reset();
    assert.equal((await diff(['staging/backend', 'staging/auth'])).status, 1);
    const plain = fake.calls.byMethod();
    fake.calls.reset();
    assert.equal((await diff(['staging/backend', '--deploy', WORKFLOW])).status, 1);
    assert.ok(Object.keys(plain).length > 0, 'the plain diff read Google Cloud');
    assert.deepEqual(fake.calls.byMethod(), plain);
  });

  test('values only the pipeline knows are not comparable (exit 3); a literal secret is never printed', async () => {
    const unknown = workspace.write('.github/workflows/unknown.yml', `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/deploy-cloudrun@v3
        with:
          service: netra-backend
          project_id: netra-staging
          env_vars: JWT_ISSUER=\${{ vars.ISSUER }}
`);
    const notKnown = await diffJson(['--deploy', unknown]);
    assert.equal(notKnown.status, 3, notKnown.stderr);
    assert.equal(notKnown.keys.JWT_ISSUER!.status, 'not-comparable');

    const canary = `dmo-${randomBytes(24).toString('base64url')}`;
    const leaky = workspace.write('.github/workflows/leaky.yml', `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/deploy-cloudrun@v3
        with:
          service: netra-backend
          project_id: netra-staging
          env_vars: |-
            SERVICE_SECRET=${canary}
            UPSTREAM_TOKEN_REF=${canary}
`);
    for (const format of Object.keys(diffReporters)) {
      const result = await diff(['--deploy', leaky, '--all'], format);
      assert.equal(result.status, 1, result.stderr);
      for (const piece of [canary, canary.slice(4, 14), canary.slice(-10)]) {
        assert.ok(!result.stdout.includes(piece) && !result.stderr.includes(piece), `${format} leaks the literal secret`);
      }
    }
    const { keys } = await diffJson(['--deploy', leaky]);
    assert.ok(keys.SERVICE_SECRET!.rules.includes('envdrift/plaintext-secret-in-deploy'), JSON.stringify(keys.SERVICE_SECRET));
  });

  test('bad input is exit 2 with file:line:column, before anything is read', async () => {
    const broken = workspace.write('bad/broken.yml', 'jobs:\n  a: [\n');
    const result = await diff(['staging/backend', '--deploy', broken], 'text');
    assert.equal(result.status, 2, result.stderr);
    assert.ok(result.stderr.includes('broken.yml:3:1'), result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'a stack trace');
    const script = workspace.write('bad/quote.sh', "#!/bin/sh\ngcloud run deploy netra-backend --set-env-vars='A=1\n");
    const quote = await diff(['--deploy', script], 'text');
    assert.equal(quote.status, 2);
    assert.ok(quote.stderr.includes('quote.sh:2:48'), quote.stderr);
  });
});
