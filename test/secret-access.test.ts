/**
 * envdrift/secret-not-accessible: can the identity a deployed workload runs as read the secrets it references?
 * Each case is a Cloud Run service whose service account is (or is not) granted its secret on the secret, on the
 * project, by a basic role, under a condition; the default compute identity; a secret in another project; a
 * policy envdrift may not read. Run through the real CLI and the real clients against the fake on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { FakeGcpFaults, FakeGcpFixture, FakeGcpSecret } from '../src/demo/fake-gcp/index.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const PROJECT = 'iam-staging';
const NUMBER = '222233334444';
const SHARED = { id: 'iam-shared', number: '555566667777' };
const LOCATION = `projects/${PROJECT}/locations/us-central1`;
const DEFAULT_IDENTITY = `${NUMBER}-compute@developer.gserviceaccount.com`;
/** Every payload is a canary: none of them may reach any output. */
const CANARY = 'cnry-Hq4Zx8Lw2Pv6';

const sa = (name: string) => `${name}@${PROJECT}.iam.gserviceaccount.com`;
const accessor = (...members: string[]) => ({ role: 'roles/secretmanager.secretAccessor', members });

function secret(project: { id: string; number: string }, name: string, iamPolicy?: Record<string, unknown>): FakeGcpSecret {
  return {
    secret: { name: `projects/${project.id}/secrets/${name}`, replication: { automatic: {} } },
    versions: [{ version: { name: `projects/${project.id}/secrets/${name}/versions/1`, state: 'ENABLED' }, payload: { text: `${CANARY}-${name}` } }],
    ...(iamPolicy && { iamPolicy }),
  };
}

function service(id: string, serviceAccount: string | undefined, secretName: string) {
  return {
    name: `${LOCATION}/services/${id}`,
    template: {
      ...(serviceAccount && { serviceAccount }),
      containers: [{ name: id, env: [{ name: 'API_TOKEN', valueSource: { secretKeyRef: { secret: secretName, version: '1' } } }] }],
    },
  };
}

const FIXTURE: FakeGcpFixture = {
  projects: [
    {
      projectId: PROJECT,
      projectNumber: NUMBER,
      locations: ['us-central1'],
      services: [
        service('on-secret', sa('on-secret'), 'granted-on-secret'),
        service('on-project', sa('on-project'), 'plain'),
        service('owner', sa('owner'), 'plain'),
        service('editor', sa('editor'), 'plain'),
        service('conditional', sa('conditional'), 'conditional'),
        service('nothing', sa('nothing'), 'plain'),
        service('default-granted', undefined, 'for-default'),
        service('default-denied', undefined, 'plain'),
        service('cross', sa('cross'), `projects/${SHARED.number}/secrets/shared`),
      ],
      jobs: [
        {
          name: `${LOCATION}/jobs/migrate`,
          template: { template: { serviceAccount: sa('migrate'), containers: [{ env: [{ name: 'API_TOKEN', valueSource: { secretKeyRef: { secret: 'plain', version: '1' } } }] }] } },
        },
      ],
      iamPolicy: {
        bindings: [
          { role: 'roles/owner', members: [`serviceAccount:${sa('owner')}`, 'user:ops@iam.example'] },
          { role: 'roles/editor', members: [`serviceAccount:${sa('editor')}`] },
          accessor(`serviceAccount:${sa('on-project')}`),
          { role: 'roles/secretmanager.viewer', members: [`serviceAccount:${sa('nothing')}`] },
        ],
      },
      secrets: [
        secret({ id: PROJECT, number: NUMBER }, 'granted-on-secret', { bindings: [accessor(`serviceAccount:${sa('on-secret')}`)] }),
        secret({ id: PROJECT, number: NUMBER }, 'plain'),
        secret({ id: PROJECT, number: NUMBER }, 'for-default', { bindings: [accessor(`serviceAccount:${DEFAULT_IDENTITY}`)] }),
        secret({ id: PROJECT, number: NUMBER }, 'conditional', {
          version: 3,
          bindings: [{ ...accessor(`serviceAccount:${sa('conditional')}`), condition: { title: 'business hours', expression: 'request.time.getHours("Europe/Berlin") < 18' } }],
        }),
      ],
    },
    {
      projectId: SHARED.id,
      projectNumber: SHARED.number,
      iamPolicy: { bindings: [accessor(`serviceAccount:${sa('cross')}`)] },
      secrets: [secret(SHARED, 'shared')],
    },
  ],
};

const ALL = ['on-secret', 'on-project', 'owner', 'editor', 'conditional', 'nothing', 'default-granted', 'default-denied', 'cross'];

const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonReport {
  findings: Array<{ ruleId: string; service: string; key: string; detail: string; location: Record<string, unknown> }>;
  unevaluated: Array<{ ruleId: string; service: string; reason: string }>;
}

function writeConfig(dir: string, services: string[], job = false): void {
  const lines = services.map((name) => `      ${name}: {}`);
  if (job) lines.push('      migrate: { kind: job }');
  workspace.write(`${dir}/envdrift.yaml`, `version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: ${PROJECT}, regions: [us-central1] }\n    services:\n${lines.join('\n')}\n`);
}

async function check(dir: string, faults: FakeGcpFaults = {}, format = 'json'): Promise<{ status: number | null; stdout: string; stderr: string; calls: Record<string, number>; report?: JsonReport }> {
  const fake: FakeGcpServer = await startFakeGcp({ fixture: FIXTURE, faults });
  try {
    const result = await runCliAsync(['check', '--format', format], { cwd: workspace.path(dir), env: fakeGcpEnv(fake) });
    return { ...result, calls: fake.calls.byMethod(), ...(format === 'json' && { report: JSON.parse(result.stdout) as JsonReport }) };
  } finally {
    await fake.stop();
  }
}

const accessFindings = (report: JsonReport) => report.findings.filter((finding) => finding.ruleId === 'envdrift/secret-not-accessible');

describe('envdrift/secret-not-accessible', () => {
  writeConfig('all', ALL, true);

  test('granted on the secret, on the project, by roles/owner, to the default identity, across projects: no finding; editor, viewer roles and nothing: findings', async () => {
    const { report, status } = await check('all');
    assert.equal(status, 1);
    const findings = accessFindings(report!);
    assert.deepEqual(findings.map((finding) => finding.service).sort(), ['default-denied', 'editor', 'migrate', 'nothing']);
    const nothing = findings.find((finding) => finding.service === 'nothing')!;
    assert.equal(nothing.key, 'API_TOKEN');
    assert.match(nothing.detail, new RegExp(`${sa('nothing')}, which the template runs as, holds no role granting secretmanager.versions.access`));
    assert.match(nothing.detail, /folder and organization policies are not read/);
    assert.ok(
      nothing.detail.includes(`gcloud secrets add-iam-policy-binding plain --project=${PROJECT} --member=serviceAccount:${sa('nothing')} --role=roles/secretmanager.secretAccessor`),
      nothing.detail,
    );
    assert.match(findings.find((finding) => finding.service === 'default-denied')!.detail, new RegExp(`${DEFAULT_IDENTITY} \\(the default compute service account`));
  });

  test('a job is checked like a service, and its finding is located at projects/P/locations/R/jobs/J', async () => {
    const { report } = await check('all');
    const job = accessFindings(report!).find((finding) => finding.service === 'migrate')!;
    assert.equal(job.location.resourceType, 'jobs');
    assert.match(String(job.location.text), /^Cloud Run job iam-staging\/us-central1\/migrate \(template/);
    assert.match(job.detail, new RegExp(sa('migrate')));
  });

  test('a conditional binding is not evaluated, never a pass nor a finding', async () => {
    writeConfig('conditional', ['conditional']);
    const { report, status } = await check('conditional');
    assert.equal(status, 3);
    assert.deepEqual(accessFindings(report!), []);
    const unevaluated = report!.unevaluated.filter((entry) => entry.ruleId === 'envdrift/secret-not-accessible');
    assert.equal(unevaluated.length, 1);
    assert.match(unevaluated[0]!.reason, /under the condition "business hours"/);
  });

  test('the calls stay at the minimum: one policy read per distinct secret and per project, one project lookup for the default identity', async () => {
    const { calls } = await check('all');
    assert.equal(calls.GetSecretIamPolicy, 5, 'granted-on-secret, plain, for-default, conditional, shared');
    assert.equal(calls.GetProjectIamPolicy, 2, `${PROJECT} and ${SHARED.number}`);
    assert.equal(calls.GetProject, 1, 'the number of the project whose default compute service account runs two services');
  });

  test('a project policy envdrift may not read: exit 3, listed with the role to ask for, and no finding guessed', async () => {
    writeConfig('denied', ['nothing', 'on-secret']);
    const { report, status, calls } = await check('denied', { deniedMethods: ['GetProjectIamPolicy'] });
    assert.equal(status, 3);
    assert.deepEqual(accessFindings(report!), []);
    const unevaluated = report!.unevaluated.filter((entry) => entry.ruleId === 'envdrift/secret-not-accessible');
    assert.deepEqual(unevaluated.map((entry) => entry.service), ['nothing'], 'on-secret is granted on the secret, so the project policy is not needed');
    assert.match(unevaluated[0]!.reason, /permission denied: reading the IAM policy of project iam-staging needs resourcemanager\.projects\.getIamPolicy \(granted by roles\/iam\.securityReviewer/);
    assert.equal(calls.GetProjectIamPolicy, 1, 'one refused read, not one per secret');
  });

  test('a secret policy envdrift may not read is listed too', async () => {
    writeConfig('secret-denied', ['nothing']);
    const { report, status } = await check('secret-denied', { deniedMethods: ['GetSecretIamPolicy'] });
    assert.equal(status, 3);
    assert.match(report!.unevaluated.find((entry) => entry.ruleId === 'envdrift/secret-not-accessible')!.reason, /secretmanager\.secrets\.getIamPolicy \(granted by roles\/iam\.securityReviewer/);
  });

  test('no payload reaches any format', async () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'github']) {
      const { stdout, stderr } = await check('all', {}, format);
      assert.ok(!`${stdout}${stderr}`.includes(CANARY.slice(5)), `${format} shows a payload`);
    }
  });
});
