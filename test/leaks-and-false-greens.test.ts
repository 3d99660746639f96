/**
 * Regressions from a review by a new user: places where a secret could reach output, or where something
 * unread or unchecked could end as a clean exit.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import type { FakeGcpFixture } from '../src/demo/fake-gcp/fixture-types.js';
import { fakeGcpEnv, startFakeGcp } from '../src/demo/fake-gcp/index.js';
import { looksSensitiveKey, looksSensitiveValue } from '../src/fingerprints/sensitivity.js';
import { CLI_PATH, runCli, runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

describe('secrets reach no output', () => {
  test('a Secret Manager value is never shown, whatever its key is called', async () => {
    const project = 'leak-staging';
    const location = `projects/${project}/locations/us-central1`;
    const fixture: FakeGcpFixture = {
      projects: [{
        projectId: project,
        projectNumber: '444455556666',
        locations: ['us-central1'],
        services: [{
          name: `${location}/services/backend`,
          template: { containers: [{ name: 'backend', env: [{ name: 'SERVICE_ID', valueSource: { secretKeyRef: { secret: 'service-id', version: '1' } } }] }] },
        }],
        // For `envdrift history`: a literal that became a secret reference, so --rules reads the payload.
        revisions: [
          { name: `${location}/services/backend/revisions/backend-00001-aaa`, createTime: '2025-09-01T12:00:00Z', containers: [{ name: 'backend', env: [{ name: 'SERVICE_ID', value: 'netra-backend' }] }] },
          { name: `${location}/services/backend/revisions/backend-00002-bbb`, createTime: '2025-09-02T12:00:00Z', containers: [{ name: 'backend', env: [{ name: 'SERVICE_ID', valueSource: { secretKeyRef: { secret: 'service-id', version: '1' } } }] }] },
        ],
        secrets: [{ secret: { name: `projects/${project}/secrets/service-id`, replication: { automatic: {} } }, versions: [{ version: { name: `projects/${project}/secrets/service-id/versions/1`, state: 'ENABLED', createTime: '2025-09-01T00:00:00Z' }, payload: { text: 'netra-auth-Qz8LEAKx1757' } }] }],
      }],
    };
    workspace.write('sm/envdrift.yaml', `version: 1\npacks: []\nrules: [rules.yaml]\nenvironments:\n  staging:\n    cloudrun: { project: ${project} }\n    services:\n      backend: {}\n`);
    workspace.write('sm/rules.yaml', 'rules:\n  - { id: id, kind: equals, severity: error, description: d, remediation: r, key: SERVICE_ID, value: netra-backend }\n');
    const fake = await startFakeGcp({ fixture });
    try {
      const history = ['history', '--since', '2025-09-01', '--until', '2025-09-03', '--rules'];
      for (const args of [['check'], ['check', '--format', 'json'], ['snapshot', '--out', 'snap.json'], history, [...history, '--format', 'json'], [...history, '--format', 'markdown']]) {
        const result = await runCliAsync(args, { cwd: workspace.path('sm'), env: fakeGcpEnv(fake) });
        assert.ok(!`${result.stdout}${result.stderr}`.includes('Qz8LEAK'), `${args.join(' ')} shows the secret`);
        if (args[0] === 'check' && args.length === 1) assert.match(result.stdout, /SERVICE_ID is \(value hidden: sensitive\), expected/);
        // The payload was read and compared: the finding is there, its value is not.
        if (args[0] === 'history' && args.length === history.length) assert.match(result.stdout, /error +id +staging\/backend SERVICE_ID: .*\n +since backend-00002-bbb/);
      }
      assert.ok(!(await import('node:fs')).readFileSync(workspace.path('sm/snap.json'), 'utf8').includes('Qz8LEAK'));
    } finally {
      await fake.stop();
    }
  });

  test('a .env written with literal \\n is a finding, and the swallowed assignments are never shown', () => {
    workspace.write('escaped/envdrift.yaml', 'version: 1\nrules: [rules.yaml]\nenvironments:\n  production:\n    services:\n      auth: { dotenv: [.env] }\n');
    workspace.write('escaped/rules.yaml', 'rules:\n  - { id: env, kind: equals, severity: error, description: d, remediation: r, key: ENVIRONMENT, value: production }\n');
    workspace.write('escaped/.env', 'ENVIRONMENT=production\\nAUTH_FAST_TEST_MODE=true\\nJWT_SECRET=Wq7ESCAPEDk2\n');
    const result = runCli(['check'], { cwd: workspace.path('escaped') });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /envdrift\/escaped-newlines/);
    assert.ok(!result.stdout.includes('Wq7ESCAPED'), 'the swallowed secret is shown');
  });

  test('key names and values that carry credentials are treated as secrets', () => {
    for (const key of ['DB_PASS', 'SMTP_PWD', 'PGPASS', 'APP_KEYS', 'BASIC_AUTH', 'GITHUB_PAT', 'STRIPE_SK', 'AUTHORIZATION', 'JWT_SECRET_KEY', 'API_KEY']) assert.ok(looksSensitiveKey(key), key);
    for (const key of ['AUTH_SERVICE_URL', 'SERVICE_ID', 'LOG_LEVEL', 'ENVIRONMENT', 'PASSENGER_LIMIT', 'KEYBOARD']) assert.ok(!looksSensitiveKey(key), key);
    for (const value of ['postgres://app:pa/ss@db/x', 'rediss://token@cache:6380', 'https://user:pw@host']) assert.ok(looksSensitiveValue(value), value);
    assert.ok(!looksSensitiveValue('https://auth.example.com/path'));
  });

  test('a snapshot file that is not JSON is refused without quoting it', () => {
    workspace.write('notjson/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [.env] }\n');
    workspace.write('notjson/key.pem', 'SECRETPEMxyz123\n');
    const result = runCli(['check', '--snapshot', 'key.pem'], { cwd: workspace.path('notjson') });
    assert.equal(result.status, 2);
    assert.ok(!result.stderr.includes('SECRETPEM'), result.stderr);
  });
});

describe('nothing unread ends as a pass', () => {
  test('a workload whose access to its secret cannot be checked (no Resource Manager access) is exit 3, and no payload is shown', async () => {
    const project = 'iam-unread';
    const location = `projects/${project}/locations/us-central1`;
    const fixture: FakeGcpFixture = {
      projects: [{
        projectId: project,
        projectNumber: '121212121212',
        locations: ['us-central1'],
        jobs: [{ name: `${location}/jobs/migrate`, template: { template: { containers: [{ env: [{ name: 'DATABASE_URL', valueSource: { secretKeyRef: { secret: 'db', version: '1' } } }] }] } } }],
        secrets: [{ secret: { name: `projects/${project}/secrets/db`, replication: { automatic: {} } }, versions: [{ version: { name: `projects/${project}/secrets/db/versions/1`, state: 'ENABLED' }, payload: { text: 'postgres://u:Pw9UNREADx4@db/x' } }] }],
      }],
    };
    workspace.write('iam-unread/envdrift.yaml', `version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: ${project}, regions: [us-central1] }\n    services:\n      migrate: { kind: job }\n`);
    const fake = await startFakeGcp({ fixture });
    try {
      // Cloud Run and Secret Manager point at the fake; Resource Manager has neither an emulator nor credentials.
      const { RESOURCE_MANAGER_EMULATOR_HOST: _unset, ...env } = fakeGcpEnv(fake);
      for (const format of ['text', 'json', 'sarif']) {
        const result = await runCliAsync(['check', '--format', format], { cwd: workspace.path('iam-unread'), env: { ...env, HOME: workspace.path('iam-unread'), CLOUDSDK_CONFIG: workspace.path('iam-unread/no-gcloud') } });
        assert.equal(result.status, 3, `${format}: ${result.stderr}`);
        assert.ok(!`${result.stdout}${result.stderr}`.includes('Pw9UNREAD'), `${format} shows the secret`);
        if (format === 'text') {
          assert.match(result.stdout, /envdrift\/secret-not-accessible/);
          assert.match(result.stdout, /121212121212-compute@developer\.gserviceaccount\.com|default compute service account/);
          assert.match(result.stderr, /gcloud auth application-default login/);
        }
      }
    } finally {
      await fake.stop();
    }
  });

  test('a service the config declares but the snapshot lacks is not evaluated', () => {
    workspace.write('partial/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [.env] }\n  production:\n    services:\n      backend: { dotenv: [.env] }\n');
    workspace.write('partial/.env', 'A=1\n');
    assert.equal(runCli(['snapshot', '--out', 'staging.json', '--env', 'staging'], { cwd: workspace.path('partial') }).status, 0);
    const result = runCli(['check', '--snapshot', 'staging.json'], { cwd: workspace.path('partial') });
    assert.equal(result.status, 3, result.stdout);
    assert.match(result.stdout, /not in the snapshot staging\.json \(taken [^)]*\) \(production\/backend\)/);
  });

  test('an environment named production is one unless it says otherwise', () => {
    workspace.write('prodname/envdrift.yaml', 'version: 1\nenvironments:\n  production:\n    services:\n      auth: { dotenv: [.env] }\n');
    workspace.write('prodname/.env', 'AUTH_FAST_TEST_MODE=false\n');
    const result = runCli(['check'], { cwd: workspace.path('prodname') });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /recommended\/no-test-switches-in-production/);
  });

  test('a FIFO or a device where a .env file should be is unreadable, not a hang', () => {
    workspace.write('fifo/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      a: { dotenv: [pipe.env] }\n      b: { dotenv: [/dev/zero] }\n');
    execFileSync('mkfifo', [workspace.path('fifo/pipe.env')]);
    const result = runCli(['check'], { cwd: workspace.path('fifo') });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stdout, /pipe\.env is not a regular file/);
    assert.match(result.stdout, /\/dev\/zero is not a regular file/);
    const config = runCli(['check', '--config', '/dev/zero'], { cwd: workspace.path('fifo') });
    assert.equal(config.status, 2);
    assert.match(config.stderr, /is not a regular file/);
  });
});

describe('clean failures', () => {
  test('a malformed emulator address is a usage error, not an internal one', () => {
    const result = runCli(['check', '--config', 'examples/live/envdrift.yaml'], { cwd: process.cwd(), env: { CLOUD_RUN_EMULATOR_HOST: 'bogus' } });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /CLOUD_RUN_EMULATOR_HOST must be host:port/);
    assert.doesNotMatch(result.stderr, /internal error/);
  });

  test('a reader that closes the pipe early does not crash envdrift', () => {
    // Far more output than a pipe buffers, so envdrift is still writing when `head` goes away.
    workspace.write('pipe/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      a: { dotenv: [.env] }\n');
    workspace.write('pipe/.env', Array.from({ length: 4000 }, (_, index) => `KEY_${index}=1\nKEY_${index}=2\n`).join(''));
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI_PATH}" check --fail-on never | true; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: workspace.path('pipe') });
    assert.equal(result.stdout.trim(), '0', result.stderr);
    assert.doesNotMatch(result.stderr, /EPIPE|at .*\.js/);
  });
});
