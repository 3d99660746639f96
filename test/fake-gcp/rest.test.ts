import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startFakeGcpRest, type FakeGcpRestServer } from '../support/fake-gcp-rest/rest-server.js';
import { crc32c } from '../../src/util/crc32c.js';
import { FIXTURE, STAGING_NUMBER } from './fixture.js';

async function withRest(body: (rest: FakeGcpRestServer) => Promise<void>): Promise<void> {
  const rest = await startFakeGcpRest({ fixture: FIXTURE });
  try {
    await body(rest);
  } finally {
    await rest.stop();
  }
}

async function getJson(rest: FakeGcpRestServer, path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, rest.url));
  return { status: response.status, body: await response.json() };
}

/** A request in proxy form (absolute URL as the target), the way gcloud talks to its HTTP proxy. */
function getThroughProxy(rest: FakeGcpRestServer, url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: rest.port, path: url, headers: { host: new URL(url).host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('Cloud Run v2 REST serves the fixture resources unchanged, as proto3 JSON', async () => {
  await withRest(async (rest) => {
    const { status, body } = await getJson(rest, '/v2/projects/acme-staging/locations/us-central1/services/backend');
    assert.equal(status, 200);
    assert.deepEqual(body, FIXTURE.projects[0]!.services![0]);
    const page = await getJson(rest, '/v2/projects/acme-staging/locations/us-central1/services');
    assert.equal(page.body.services.length, 2);
    const rest2 = await getJson(rest, `/v2/projects/acme-staging/locations/us-central1/services?pageToken=${page.body.nextPageToken}`);
    assert.deepEqual(rest2.body.services.map((service: { name: string }) => service.name.split('/').pop()), ['worker']);
  });
});

test('errors use the Google JSON error shape with the HTTP mapping of the gRPC code', async () => {
  await withRest(async (rest) => {
    const bad = await getJson(rest, '/v2/projects/acme-staging/locations/us-central1/services?pageToken=bogus');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.status, 'INVALID_ARGUMENT');
    assert.equal(bad.body.error.code, 400);
    const missing = await getJson(rest, '/v1/projects/acme-staging/secrets/nope');
    assert.deepEqual([missing.status, missing.body.error.status], [404, 'NOT_FOUND']);
    const write = await fetch(new URL('/v1/projects/acme-staging/secrets', rest.url), { method: 'POST', body: '{}' });
    assert.equal(write.status, 501, 'the fake is read-only');
    await write.body?.cancel();
  });
});

test('Secret Manager v1 REST access carries base64 data and its CRC32C as an int64 string', async () => {
  await withRest(async (rest) => {
    const { body } = await getJson(rest, '/v1/projects/acme-staging/secrets/jwt-secret-key-staging/versions/latest:access');
    assert.equal(body.name, `projects/${STAGING_NUMBER}/secrets/jwt-secret-key-staging/versions/3`);
    const data = Buffer.from(body.payload.data, 'base64');
    assert.equal(data.toString('utf8'), 'canary-jwt-0123456789');
    assert.equal(body.payload.dataCrc32c, String(crc32c(data)));
  });
});

test('Cloud Run v1 renders Knative objects; the global endpoint accepts the "-" wildcard', async () => {
  await withRest(async (rest) => {
    const { body } = await getJson(rest, '/v1/projects/acme-staging/locations/-/services');
    assert.equal(body.kind, 'ServiceList');
    assert.deepEqual(body.items.map((item: any) => `${item.metadata.name}@${item.metadata.labels['cloud.googleapis.com/location']}`).sort(), [
      'auth@us-central1',
      'backend@us-central1',
      'edge@asia-east1',
      'frontend@europe-west1',
      'worker@us-central1',
    ]);
    const backend = body.items.find((item: any) => item.metadata.name === 'backend');
    assert.equal(backend.metadata.namespace, STAGING_NUMBER);
    const env = backend.spec.template.spec.containers[0].env;
    assert.deepEqual(env[2], { name: 'JWT_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'jwt-secret-key-staging', key: 'latest' } } });
    // A secret named by full path becomes an alias declared in the template annotation, as in v1.
    assert.deepEqual(env[3].valueFrom.secretKeyRef, { name: 'service-secret', key: '1' });
    assert.equal(backend.spec.template.metadata.annotations['run.googleapis.com/secrets'], `service-secret:projects/${STAGING_NUMBER}/secrets/service-secret`);
    assert.deepEqual(backend.spec.traffic, [{ latestRevision: true, percent: 100 }]);
    assert.deepEqual(backend.status.traffic, [{ revisionName: 'backend-00002-def', latestRevision: true, percent: 100 }]);
  });
});

test('the regional Knative API takes its region from the host, as gcloud sends it through a proxy', async () => {
  await withRest(async (rest) => {
    const path = '/apis/serving.knative.dev/v1/namespaces/acme-staging/services';
    const europe = await getThroughProxy(rest, `http://europe-west1-run.fake.invalid${path}`);
    assert.equal(europe.status, 200);
    assert.deepEqual(europe.body.items.map((item: any) => item.metadata.name), ['frontend']);
    const noRegion = await getJson(rest, path);
    assert.equal(noRegion.status, 400);
    const revisions = await getThroughProxy(rest, `http://us-central1-run.fake.invalid/apis/serving.knative.dev/v1/namespaces/acme-staging/revisions?labelSelector=${encodeURIComponent('serving.knative.dev/service = backend')}`);
    assert.deepEqual(revisions.body.items.map((item: any) => item.metadata.name), ['backend-00002-def', 'backend-00001-abc']);
  });
});
