import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FakeGcpFixture } from '../../src/demo/fake-gcp/index.js';
import { startFakeGcpRest } from '../support/fake-gcp-rest/rest-server.js';
import { findOnPath, gcloudSandbox } from '../support/gcloud-sandbox.js';

/**
 * Fixture fidelity for IAM policies: the real `gcloud secrets get-iam-policy` reads a secret's policy from the
 * REST rendering (127.0.0.1 only, see gcloud.test.ts) and must understand its bindings and condition the way it
 * understands the real API's. (Project policies are read by gcloud with POST on Resource Manager v1, which the
 * read-only REST rendering does not serve; the gRPC side is covered by test/secret-access.test.ts.)
 */

const gcloud = findOnPath('gcloud');
const PROJECT = 'iam-gcloud';

const FIXTURE: FakeGcpFixture = {
  projects: [{
    projectId: PROJECT,
    projectNumber: '343434343434',
    secrets: [{
      secret: { name: `projects/${PROJECT}/secrets/db`, replication: { automatic: {} } },
      iamPolicy: {
        version: 3,
        bindings: [
          { role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:api@${PROJECT}.iam.gserviceaccount.com`] },
          { role: 'roles/secretmanager.secretAccessor', members: ['group:oncall@iam.example'], condition: { title: 'business hours', expression: 'request.time.getHours("UTC") < 18' } },
        ],
      },
    }],
  }],
};

test('gcloud reads a secret IAM policy, with its conditional binding, from the REST rendering', { timeout: 180_000 }, async (t) => {
  if (!gcloud) {
    t.skip('gcloud is not installed');
    return;
  }
  const rest = await startFakeGcpRest({ fixture: FIXTURE });
  const home = await mkdtemp(join(tmpdir(), 'envdrift-gcloud-iam-'));
  try {
    const env = gcloudSandbox(home, rest, PROJECT);
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(gcloud, ['secrets', 'get-iam-policy', 'db', '--format=json'], { env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
    assert.equal(result.code, 0, result.stderr);
    const policy = JSON.parse(result.stdout) as { version: number; bindings: Array<{ role: string; members: string[]; condition?: { title: string } }> };
    assert.equal(policy.version, 3);
    assert.deepEqual(policy.bindings.map((binding) => `${binding.role} ${binding.members.join(',')} ${binding.condition?.title ?? '-'}`), [
      `roles/secretmanager.secretAccessor serviceAccount:api@${PROJECT}.iam.gserviceaccount.com -`,
      'roles/secretmanager.secretAccessor group:oncall@iam.example business hours',
    ]);
  } finally {
    await rest.stop();
    await rm(home, { recursive: true, force: true });
  }
});
