/**
 * Fidelity of the manifest source: the real `gcloud run services describe --format export` — an independent
 * client with its own Knative rendering and export printer — writes a service from the REST rendering of the
 * fake, and the manifest source must read back exactly what the Cloud Run source reads from the same
 * service's v2 template: the same keys in the same order, the same secrets and versions (cross-project
 * aliases resolved), the same values. Skipped when gcloud is not installed.
 *
 * Network hygiene as in test/fake-gcp/gcloud.test.ts: gcloud uses the fake as its HTTP proxy, endpoint
 * overrides use `.invalid` hosts, usage reporting, update checks and GCE detection are off, and the metadata
 * server variables point at the fake. Every connection gcloud makes goes to 127.0.0.1.
 */
import { findOnPath, gcloudSandbox } from './support/gcloud-sandbox.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import { startFakeGcpRest } from './support/fake-gcp-rest/rest-server.js';
import { createValueDescriber } from '../src/fingerprints/describe-value.js';
import { looksSensitiveValue, sensitivityTest } from '../src/fingerprints/sensitivity.js';
import type { Entry } from '../src/model/inventory.js';
import { entriesOfWorkload } from '../src/sources/cloudrun/workload-entries.js';
import type { RunWorkload } from '../src/sources/cloudrun/run-types.js';
import { readManifest } from '../src/sources/manifest/read-manifest.js';

const gcloud = findOnPath('gcloud');
const STAGING = { id: 'netra-staging', number: '480211934112' };
const PROD_NUMBER = '733098552201';

/** The demo's staging backend, given what a real service also has: a sidecar, secret volumes, a secret of another project. */
function estate() {
  const fixture = structuredClone(DEMO_ESTATE);
  const staging = fixture.projects.find((project) => project.projectId === STAGING.id)!;
  const backend = staging.services!.find((service) => String(service.name).endsWith('/services/netra-backend'))!;
  const template = backend.template as { containers: Array<Record<string, unknown>>; volumes?: unknown[] };
  const main = template.containers[0]!;
  (main.env as unknown[]).push(
    { name: 'SHARED_SIGNING_KEY', valueSource: { secretKeyRef: { secret: `projects/${PROD_NUMBER}/secrets/jwt-secret-prod`, version: '1' } } },
    { name: 'EMPTY_FLAG', value: '' },
  );
  main.ports = [{ name: 'http1', containerPort: 8080 }];
  main.volumeMounts = [{ name: 'app-secrets', mountPath: '/etc/netra/secrets' }, { name: 'tls', mountPath: '/etc/tls/' }];
  template.containers.push({
    name: 'otel-collector',
    image: 'us-docker.pkg.dev/cloud-ops-agents-artifacts/google-cloud-opentelemetry-collector/otelcol-google:0.122.1',
    env: [
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://localhost:4317' },
      { name: 'COLLECTOR_API_KEY', valueSource: { secretKeyRef: { secret: 'service-secret-staging', version: '1' } } },
    ],
  });
  template.volumes = [
    { name: 'app-secrets', secret: { secret: 'jwt-secret-key-staging', items: [{ version: 'latest', path: 'jwt' }, { version: '1', path: 'jwt-v1' }] } },
    { name: 'tls', secret: { secret: `projects/${PROD_NUMBER}/secrets/tls-cert` } },
  ];
  return { fixture, template: template as unknown as RunWorkload };
}

test('what gcloud exports, the manifest source reads as the Cloud Run source reads the service', { timeout: 240_000 }, async (t) => {
  if (!gcloud) {
    t.skip('gcloud is not installed');
    return;
  }
  const { fixture, template } = estate();
  const rest = await startFakeGcpRest({ fixture });
  const home = await mkdtemp(join(tmpdir(), 'envdrift-manifest-gcloud-'));
  try {
    const env = gcloudSandbox(home, rest, STAGING.id);
    const exported = await runGcloud(gcloud, ['run', 'services', 'describe', 'netra-backend', '--region', 'us-central1', '--format', 'export'], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(rest.calls.of('GetService') >= 1, 'gcloud did not read the service from the fake');

    // The shape gcloud writes: no status, project number as the namespace, aliases for the other project.
    const text = exported.stdout;
    assert.match(text, /^apiVersion: serving\.knative\.dev\/v1\nkind: Service\n/);
    assert.match(text, new RegExp(`namespace: '${STAGING.number}'`));
    assert.doesNotMatch(text, /^status:/m);
    assert.match(text, new RegExp(`run\\.googleapis\\.com/secrets: .*:projects/${PROD_NUMBER}/secrets/jwt-secret-prod`));
    assert.match(text, /secretKeyRef:\n\s+key: '1'\n\s+name: /, 'versions are written as quoted strings');

    const file = join(home, 'backend.yaml');
    await writeFile(file, text);
    const describer = createValueDescriber({ fingerprintKey: 'fidelity', isSensitiveKey: sensitivityTest([]), isSensitiveValue: looksSensitiveValue, probes: [] });
    const where = { environment: 'staging', service: 'backend' };
    const reading = readManifest(file, 'backend.yaml', describer, where);
    assert.equal(reading.serviceName, 'netra-backend');
    assert.equal(reading.region, 'us-central1');
    assert.equal(reading.project, STAGING.number);

    const deployed = entriesOfWorkload(template, { kind: 'cloudrun', project: STAGING.id, region: 'us-central1', service: 'netra-backend' }, where, describer);
    assert.deepEqual(reading.variant.entries.map(comparable), deployed.map(comparable));
    assert.ok(reading.variant.entries.some((entry) => entry.key === 'SHARED_SIGNING_KEY' && entry.source.kind === 'secret' && entry.source.secret === `projects/${PROD_NUMBER}/secrets/jwt-secret-prod`));
    assert.ok(reading.variant.entries.some((entry) => entry.key === '/etc/tls/tls-cert'));
  } finally {
    await rest.stop();
    await rm(home, { recursive: true, force: true });
  }
});

/** An entry without its origin; a short secret name's project may be written as the id or the number. */
function comparable(entry: Entry): unknown {
  if (entry.source.kind === 'literal') return { key: entry.key, literal: entry.value?.fingerprint };
  const { secret, version, project } = entry.source;
  const inProject = secret.startsWith('projects/') ? undefined : project === STAGING.number ? STAGING.id : project;
  return { key: entry.key, secret, version, inProject };
}
function runGcloud(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path, args, { env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
