/**
 * `envdrift check --deploy FILE`, end to end: the real CLI reads the demo estate through the real Google clients
 * from the fake on 127.0.0.1, applies each deploy step of a workflow, a Cloud Build config, a shell script or a
 * Terraform plan over the service it targets, and judges what the pipeline will leave running.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { reporters } from '../src/reporters/index.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const LIVE_CONFIG = join(packageRoot, 'examples', 'live', 'envdrift.yaml');
const DIR = 'test/fixtures/deploy';
const WORKFLOW = `${DIR}/.github/workflows/deploy.yml`;

const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonFinding {
  ruleId: string;
  environment: string;
  service: string;
  variant: string;
  key: string | null;
  detail: string;
  location: { kind: string; text?: string };
}
interface JsonReport {
  findings: JsonFinding[];
  unevaluated: Array<{ ruleId: string; environment: string; service: string; reason: string }>;
}

let fake: FakeGcpServer;
const started = startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50 }).then((server) => (fake = server));
after(async () => (await started).stop());

async function check(args: string[], format = 'json') {
  await started;
  return runCliAsync(['check', '--config', LIVE_CONFIG, '--format', format, ...args], { cwd: packageRoot, env: fakeGcpEnv(fake) });
}
async function checkJson(args: string[]) {
  const result = await check(args);
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}
const find = (report: JsonReport, ruleId: string, environment: string, key?: string) =>
  report.findings.filter((finding) => finding.ruleId === ruleId && finding.environment === environment && (key === undefined || finding.key === key));
const listed = (report: JsonReport) => report.findings.map((finding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key ?? ''} @${finding.location.text ?? ''}`).join('\n');

describe('check --deploy: a GitHub Actions workflow', () => {
  test('overwrite drops keys, merge keeps them, a test switch reaches production, a plain key turns secret', async () => {
    const deployed = (await checkJson([])).report;
    const { status, report } = await checkJson(['--deploy', WORKFLOW]);
    assert.equal(status, 1);

    // Staging backend: env_vars_update_strategy overwrite keeps only the two keys it lists.
    const dropped = find(report, 'envdrift/deploy-drops-keys', 'staging');
    assert.equal(dropped.length, 1, listed(report));
    assert.match(dropped[0]!.detail, /removes JWT_ISSUER, AUTH_SERVICE_URL from backend/);
    assert.equal(dropped[0]!.location.text, `${WORKFLOW}:22:11`);
    // The secrets input merges: SERVICE_SECRET stays, JWT_SECRET_KEY now names auth's secret, so they agree.
    assert.ok(!find(report, 'envdrift/deploy-drops-keys', 'staging').some((finding) => finding.detail.includes('SERVICE_SECRET')));
    assert.ok(find(deployed, 'jwt-secret-shared', 'staging').length > 0, 'the deployed estate disagrees on the JWT secret');
    assert.deepEqual(find(report, 'jwt-secret-shared', 'staging'), [], listed(report));
    // The keys the deploy drops are missing for the rules too, located at the step.
    assert.ok(report.findings.some((finding) => finding.environment === 'staging' && finding.service === 'backend' && finding.key === 'AUTH_SERVICE_URL' && finding.location.text?.startsWith(`${WORKFLOW}:`)), listed(report));

    // Production auth: merge keeps every deployed key and adds a test switch, found at its line.
    const testSwitch = find(report, 'recommended/no-test-switches-in-production', 'production', 'AUTH_FAST_TEST_MODE');
    assert.equal(testSwitch.length, 1, listed(report));
    assert.equal(testSwitch[0]!.location.text, `${WORKFLOW}:36:13`);
    assert.deepEqual(find(report, 'envdrift/deploy-drops-keys', 'production'), []);

    // Production backend, from a run: block: SERVICE_ID is a literal now, --update-secrets would flip it.
    const flip = find(report, 'envdrift/deploy-changes-key-type', 'production', 'SERVICE_ID');
    assert.equal(flip.length, 1, listed(report));
    assert.equal(flip[0]!.location.text, `${WORKFLOW}:42:30`);
    assert.match(flip[0]!.detail, /Cannot update environment variable to different type/);
  });

  test('values only the pipeline knows are not evaluated, never guessed; a literal secret is a finding and never printed', async () => {
    const canary = `dmo-${randomBytes(24).toString('base64url')}`;
    const workflow = workspace.write('.github/workflows/unknown.yml', `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/deploy-cloudrun@v3
        with:
          service: netra-backend
          project_id: netra-staging
          env_vars: |-
            JWT_ISSUER=\${{ vars.ISSUER }}
            SERVICE_SECRET=${canary}
`);
    for (const format of Object.keys(reporters)) {
      const result = await check(['--deploy', workflow], format);
      assert.ok(!result.stdout.includes(canary.slice(4, 14)) && !result.stderr.includes(canary.slice(4, 14)), `${format} leaks the literal secret`);
    }
    const { report } = await checkJson(['--deploy', workflow]);
    const plaintext = find(report, 'envdrift/plaintext-secret-in-deploy', 'staging', 'SERVICE_SECRET');
    assert.equal(plaintext.length, 1, listed(report));
    assert.ok(plaintext[0]!.location.text?.endsWith('unknown.yml:12:13'), plaintext[0]!.location.text);
    assert.ok(report.unevaluated.some((item) => item.environment === 'staging' && item.service === 'backend' && item.reason.includes('${{ vars.ISSUER }}')), JSON.stringify(report.unevaluated));
    assert.ok(!report.findings.some((finding) => finding.environment === 'staging' && finding.key === 'JWT_ISSUER'), listed(report));
  });
});

describe('check --deploy: Terraform plans, Cloud Build configs and shell scripts', () => {
  test('a plan states the whole env: keys it lacks are dropped, unknowns are not evaluated', async () => {
    const { report } = await checkJson(['--deploy', `${DIR}/plan.json`]);
    const dropped = find(report, 'envdrift/deploy-drops-keys', 'staging');
    assert.equal(dropped.length, 1, listed(report));
    assert.match(dropped[0]!.detail, /removes API_URL from frontend: google_cloud_run_v2_service\.frontend/);
    assert.match(dropped[0]!.location.text ?? '', /^test\/fixtures\/deploy\/plan\.json:7:7$/);
    assert.ok(report.unevaluated.some((item) => item.service === 'frontend' && item.reason.includes('known after apply')), JSON.stringify(report.unevaluated));
  });

  test('a Cloud Build gcloud step with a custom delimiter keeps every key; a script maps JWT to another secret', async () => {
    const { report } = await checkJson(['--deploy', `${DIR}/cloudbuild.yaml`, '--deploy', `${DIR}/deploy-auth.sh`]);
    assert.deepEqual(find(report, 'envdrift/deploy-drops-keys', 'staging'), [], listed(report));
    const jwt = find(report, 'jwt-secret-shared', 'production');
    assert.ok(jwt.length > 0, listed(report));
    assert.ok(jwt.some((finding) => finding.location.text === `${DIR}/deploy-auth.sh:7:21`), listed(report));
    // The script removes the test switch by name: no longer in production, and not reported as dropped.
    assert.deepEqual(find(report, 'recommended/no-test-switches-in-production', 'production', 'AUTH_FAST_TEST_MODE').filter((finding) => finding.service === 'auth'), []);
    assert.deepEqual(find(report, 'envdrift/deploy-drops-keys', 'production'), []);
  });

  test('a snapshot stands for what runs now', async () => {
    const snapshot = workspace.path('now.json');
    await started;
    const written = await runCliAsync(['snapshot', '--config', LIVE_CONFIG, '--out', snapshot], { cwd: packageRoot, env: fakeGcpEnv(fake) });
    assert.equal(written.status, 0, written.stderr);
    const { report } = await checkJson(['--snapshot', snapshot, '--deploy', WORKFLOW]);
    assert.equal(find(report, 'envdrift/deploy-drops-keys', 'staging').length, 1, listed(report));
  });
});

describe('check --deploy: bad input is exit 2 with file:line:column', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['broken.yml', 'jobs:\n  a: [\n', 'broken.yml:3:1', /invalid YAML/],
    ['no-service.yml', 'on: push\njobs:\n  a:\n    steps:\n      - uses: google-github-actions/deploy-cloudrun@v3\n        with:\n          region: us-central1\n', 'no-service.yml:5:9', /names no service/],
    ['unknown-flag.sh', 'gcloud run deploy netra-backend \\\n  --set-env-vars=A=1 --frobnicate=2\n', 'unknown-flag.sh:2:22', /no flag --frobnicate/],
    ['quote.sh', "#!/bin/sh\ngcloud run deploy netra-backend --set-env-vars='A=1\n", 'quote.sh:2:48', /unterminated single quote/],
    ['both.sh', 'gcloud run deploy netra-backend --set-env-vars=A=1 --update-env-vars=B=2\n', 'both.sh:1:52', /cannot be combined/],
    ['no-version.sh', 'gcloud run deploy netra-backend --update-secrets=K=s-1\n', 'no-version.sh:1:50', /no secret version for K/],
    ['plan-bad.json', '{"resource_changes": [\n', 'plan-bad.json:2:1', /invalid JSON/],
  ];
  for (const [name, text, where, message] of cases) {
    test(name, async () => {
      const file = workspace.write(`bad/${name}`, text);
      const result = await check(['--deploy', file], 'text');
      assert.equal(result.status, 2, result.stderr);
      assert.ok(result.stderr.includes(where), `expected ${where} in:\n${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'a stack trace');
    });
  }
});
