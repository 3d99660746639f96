import { test } from 'node:test';
import { findOnPath, gcloudSandbox } from '../support/gcloud-sandbox.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGcpRest } from '../support/fake-gcp-rest/rest-server.js';
import { FIXTURE } from './fixture.js';

/**
 * Fixture fidelity: the real `gcloud` — an independent client with its own API definitions and printers —
 * reads the fixtures from the REST rendering and must understand them the way it understands the real API.
 *
 * Network hygiene: gcloud derives regional hosts (`us-central1-<override host>`) that would need DNS, so it is
 * configured to use the fake as its HTTP proxy, the overrides use `.invalid` host names, usage reporting,
 * update checks and GCE detection are off, and the metadata server variables point at the fake too. Every
 * connection gcloud makes goes to 127.0.0.1.
 */

const gcloud = findOnPath('gcloud');

test('gcloud reads the fixtures through the REST rendering as it reads the real APIs', { timeout: 240_000 }, async (t) => {
  if (!gcloud) {
    t.skip('gcloud is not installed');
    return;
  }
  const rest = await startFakeGcpRest({ fixture: FIXTURE, faults: { corruptChecksums: ['projects/acme-staging/secrets/rotated/versions/1'] } });
  const home = await mkdtemp(join(tmpdir(), 'envdrift-gcloud-'));
  try {
    const env = gcloudSandbox(home, rest, 'acme-staging');
    const run = (...args: string[]) => runGcloud(gcloud, args, env);
    const [list, describe, revisions, latest, newline, corrupt, disabled] = await Promise.all([
      run('run', 'services', 'list', '--format=csv[no-heading](metadata.name,region,status.url)'),
      run('run', 'services', 'describe', 'backend', '--region', 'us-central1'),
      run('run', 'revisions', 'list', '--service', 'backend', '--region', 'us-central1', '--format=value(metadata.name)'),
      run('secrets', 'versions', 'access', 'latest', '--secret', 'jwt-secret-key-staging'),
      run('secrets', 'versions', 'access', '1', '--secret', 'service-secret', '--project', '123456789012'),
      run('secrets', 'versions', 'access', '1', '--secret', 'rotated'),
      run('secrets', 'versions', 'access', 'latest', '--secret', 'rotated'),
    ]);

    // `services list` with no region goes to the v1 global endpoint with the "-" wildcard; gcloud computes
    // the REGION column from the location label.
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split('\n').sort(), [
      'auth,us-central1,https://auth-7dq2ghsiqa-uc.a.run.app',
      'backend,us-central1,https://backend-7dq2ghsiqa-uc.a.run.app',
      'edge,asia-east1,https://edge-7dq2ghsiqa-uc.a.run.app',
      'frontend,europe-west1,https://frontend-7dq2ghsiqa-uc.a.run.app',
      'worker,us-central1,https://worker-7dq2ghsiqa-uc.a.run.app',
    ]);

    // gcloud's own printer interprets env vars, secret references and traffic.
    assert.equal(describe.code, 0, describe.stderr);
    assert.match(describe.stdout, /Service backend in region us-central1/);
    assert.match(describe.stdout, /ENVIRONMENT\s+staging/);
    assert.match(describe.stdout, /AUTH_SERVICE_URL\s+https:\/\/auth\.staging\.acme\.dev/);
    assert.match(describe.stdout, /Secrets:\s+JWT_SECRET_KEY\s+jwt-secret-key-staging:latest\s+SERVICE_SECRET\s+service-secret:1/);
    assert.match(describe.stdout, /100%\s+LATEST \(currently backend-00002-def\)/);
    assert.match(describe.stdout, /Service account:\s+backend@acme-staging\.iam\.gserviceaccount\.com/);

    assert.equal(revisions.code, 0, revisions.stderr);
    assert.deepEqual(revisions.stdout.trim().split('\n'), ['backend-00002-def', 'backend-00001-abc']);

    // gcloud verifies dataCrc32c itself, so these also check the fake's CRC32C against an independent one.
    assert.equal(latest.code, 0, latest.stderr);
    assert.equal(latest.stdout, 'canary-jwt-0123456789');
    assert.equal(newline.code, 0, newline.stderr);
    assert.equal(newline.stdout, 'netra-backend\n');
    assert.notEqual(corrupt.code, 0);
    assert.match(corrupt.stderr, /incorrect data_crc32c/);
    assert.notEqual(disabled.code, 0);
    assert.match(disabled.stderr, /FAILED_PRECONDITION: Secret Version \[projects\/123456789012\/secrets\/rotated\/versions\/2\] is in DISABLED state/);

    // Every answer came from the fake.
    assert.ok(rest.calls.of('AccessSecretVersion') >= 4);
    assert.ok(rest.calls.of('ListServices') >= 3);
  } finally {
    await rest.stop();
    await rm(home, { recursive: true, force: true });
  }
});
function runGcloud(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path, args, { env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
