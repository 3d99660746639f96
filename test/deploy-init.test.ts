/**
 * `envdrift init --deploy FILE`, end to end: the real CLI reads the demo estate through the real Google clients
 * from the fake on 127.0.0.1, applies a workflow's deploy steps over it, and writes rules that describe what the
 * pipeline will leave running; `check --deploy` on the same state then finds nothing under them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const WORKFLOW = join(packageRoot, 'test/fixtures/deploy/.github/workflows/deploy.yml');
const LIVE_CONFIG = join(packageRoot, 'examples', 'live', 'envdrift.yaml');
const PROJECTS = ['--project', 'netra-staging', '--env', 'staging', '--project', 'netra-prod', '--env', 'production'];

const workspace = createWorkspace('envdrift-deploy-init-');
after(() => workspace.dispose());
workspace.write('.keep', '');
const cwd = workspace.dir;

let fake: FakeGcpServer;
const started = startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50 }).then((server) => (fake = server));
after(async () => (await started).stop());

async function cli(args: string[]) {
  await started;
  return runCliAsync(args, { cwd, env: { ...fakeGcpEnv(fake), ENVDRIFT_FINGERPRINT_KEY: 'deploy-init-key' } });
}
interface Rule {
  id: string;
  environments?: string[];
  keys?: string[];
}
const rulesIn = (dir: string) => (parse(readFileSync(workspace.path(`${dir}/rules/envdrift-init.yaml`), 'utf8')) as { rules: Rule[] }).rules;
const rule = (rules: Rule[], id: string) => {
  const found = rules.find((candidate) => candidate.id === id);
  assert.ok(found, `no rule ${id}; rules: ${rules.map((candidate) => candidate.id).join(', ')}`);
  return found;
};

describe('init --deploy: rules for what the pipeline will leave running', () => {
  test('the deploy is applied over what runs; check --deploy then finds nothing under init/', async () => {
    const now = await cli(['init', ...PROJECTS, '--out-dir', 'now']);
    assert.equal(now.status, 0, now.stderr);
    const deployed = await cli(['init', ...PROJECTS, '--deploy', WORKFLOW, '--out-dir', 'deployed']);
    assert.equal(deployed.status, 0, deployed.stderr);

    // Staging's backend deploy overwrites its env vars: AUTH_SERVICE_URL and JWT_ISSUER are no longer on it everywhere.
    assert.ok(rule(rulesIn('now'), 'init/required-on-netra-backend').keys!.includes('AUTH_SERVICE_URL'));
    assert.deepEqual(rule(rulesIn('deployed'), 'init/required-on-netra-backend').keys, ['JWT_SECRET_KEY', 'SERVICE_ID', 'SERVICE_SECRET']);
    // Its secrets input points JWT_SECRET_KEY at auth's secret: the two agree in staging too after the deploy.
    assert.deepEqual(rule(rulesIn('now'), 'init/jwt-secret-shared-2').environments, ['production']);
    const shared = rulesIn('deployed').filter((candidate) => candidate.id.startsWith('init/jwt-secret-shared'));
    assert.ok(shared.some((candidate) => candidate.environments === undefined), JSON.stringify(shared));
    const text = readFileSync(workspace.path('deployed/rules/envdrift-init.yaml'), 'utf8');
    assert.match(text.replace(/\n# /g, ' '), /deploy declarations \S+deploy\.yml, applied over staging\/netra-backend, production\/netra-auth, production\/netra-backend/);

    const check = await cli(['check', '--config', 'deployed/envdrift.yaml', '--deploy', WORKFLOW, '--format', 'json']);
    const findings = (JSON.parse(check.stdout) as { findings: Array<{ ruleId: string }> }).findings;
    assert.deepEqual(findings.filter((finding) => finding.ruleId.startsWith('init/')), []);
  });

  test('with an existing config, the deploy is applied over its sources', async () => {
    const result = await cli(['init', '--config', LIVE_CONFIG, '--deploy', WORKFLOW, '--out-dir', 'from-config']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(rule(rulesIn('from-config'), 'init/required-on-backend').keys, ['JWT_SECRET_KEY', 'SERVICE_ID', 'SERVICE_SECRET']);
  });

  test('no secret written in a workflow reaches a written file or the output', async () => {
    const canary = `dmo-${randomBytes(24).toString('base64url')}`;
    const token = `Zq8${randomBytes(18).toString('hex')}QW9`;
    const workflow = workspace.write('.github/workflows/leaky.yml', `on: push
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
            UPSTREAM_REF=${token}
`);
    const result = await cli(['init', ...PROJECTS, '--deploy', workflow, '--out-dir', 'leaky']);
    assert.equal(result.status, 0, result.stderr);
    const texts = [result.stdout, result.stderr, readFileSync(workspace.path('leaky/envdrift.yaml'), 'utf8'), readFileSync(workspace.path('leaky/rules/envdrift-init.yaml'), 'utf8')];
    for (const secret of [canary, token]) {
      for (const piece of [secret, secret.slice(4, 14), secret.slice(-10)]) assert.ok(texts.every((text) => !text.includes(piece)), `a written file or output holds (part of) a secret: ${piece}`);
    }
  });

  test('bad input is exit 2 (file:line:column, before any Google call, nothing written); unknown values are exit 3', async () => {
    const broken = workspace.write('bad/broken.yml', 'jobs:\n  a: [\n');
    await started;
    fake.calls.reset();
    const result = await cli(['init', ...PROJECTS, '--deploy', broken, '--out-dir', 'bad-out']);
    assert.equal(result.status, 2, result.stderr);
    assert.ok(result.stderr.includes('broken.yml:3:1'), result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'a stack trace');
    assert.equal(fake.calls.total(), 0, JSON.stringify(fake.calls.byMethod()));
    assert.ok(!existsSync(workspace.path('bad-out')));

    const unknown = workspace.write('.github/workflows/unknown.yml', 'on: push\njobs:\n  d:\n    steps:\n      - uses: google-github-actions/deploy-cloudrun@v3\n        with:\n          service: netra-backend\n          project_id: netra-staging\n          env_vars: JWT_ISSUER=${{ vars.ISSUER }}\n');
    const incomplete = await cli(['init', ...PROJECTS, '--deploy', unknown, '--out-dir', 'unknown']);
    assert.equal(incomplete.status, 3, incomplete.stderr);
    assert.match(incomplete.stderr, /staging\/netra-backend JWT_ISSUER: set from \$\{\{ vars\.ISSUER \}\} at \S*unknown\.yml:9:21: known only when the pipeline runs/);

    const alone = await cli(['init', '--deploy', WORKFLOW, '--out-dir', 'alone']);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /--deploy applies a deploy declaration over what runs now: say where that is read with --project P --env NAME/);
  });
});
