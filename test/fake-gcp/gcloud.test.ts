import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startFakeGcpRest, type FakeGcpRestServer } from '../../src/fake-gcp/rest-server.js';
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
    const env = await gcloudSandbox(home, rest);
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

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** A throwaway gcloud configuration (what `gcloud config set ...` would write) and a minimal environment. */
async function gcloudSandbox(home: string, rest: FakeGcpRestServer): Promise<NodeJS.ProcessEnv> {
  const config = join(home, 'gcloud');
  await mkdir(join(config, 'configurations'), { recursive: true });
  await writeFile(join(config, 'active_config'), 'default');
  // gcloud caches "not on GCE" here; seeding it means it never probes the metadata server.
  await writeFile(join(config, 'gce'), 'False');
  const properties = {
    core: {
      project: 'acme-staging',
      disable_usage_reporting: 'true',
      disable_prompts: 'true',
      disable_color: 'true',
      check_gce_metadata: 'false',
    },
    metrics: { environment: 'envdrift-test' },
    component_manager: { disable_update_check: 'true' },
    auth: { disable_credentials: 'true' },
    proxy: { type: 'http', address: '127.0.0.1', port: String(rest.port) },
    api_endpoint_overrides: { run: 'http://run.envdrift.invalid/', secretmanager: 'http://secretmanager.envdrift.invalid/' },
  };
  const ini = Object.entries(properties)
    .map(([section, values]) => `[${section}]\n${Object.entries(values).map(([key, value]) => `${key} = ${value}`).join('\n')}\n`)
    .join('\n');
  await writeFile(join(config, 'configurations', 'config_default'), ini);
  const local = rest.address;
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    CLOUDSDK_CONFIG: config,
    ...(process.env.CLOUDSDK_PYTHON ? { CLOUDSDK_PYTHON: process.env.CLOUDSDK_PYTHON } : {}),
    // Belt and braces: anything that ignores gcloud's proxy setting still lands on the fake.
    http_proxy: rest.url,
    https_proxy: rest.url,
    HTTP_PROXY: rest.url,
    HTTPS_PROXY: rest.url,
    GCE_METADATA_ROOT: local,
    GCE_METADATA_HOST: local,
    GCE_METADATA_IP: local,
  };
}

function runGcloud(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path, args, { env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
