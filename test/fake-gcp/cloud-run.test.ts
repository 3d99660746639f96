import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASYNC, Code, codeOf, collect, withFakeGcp } from './harness.js';

const US = 'projects/acme-staging/locations/us-central1';

test('the Locations mixin lists the regions, which is how a client finds where to look', async () => {
  await withFakeGcp({}, async ({ run, fake }) => {
    const locations = await collect(run.services.listLocationsAsync({ name: 'projects/acme-staging' }, ASYNC));
    assert.deepEqual(locations.map((location) => location.locationId), ['europe-west1', 'us-central1', 'asia-east1']);
    assert.equal(locations[0]?.name, 'projects/acme-staging/locations/europe-west1');
    assert.equal(fake.calls.of('ListLocations'), 2, 'three regions at the default page size of 2 take two pages');
  });
});

test('ListServices rejects the "-" location wildcard with INVALID_ARGUMENT', async () => {
  await withFakeGcp({}, async ({ run }) => {
    assert.equal(await codeOf(run.services.listServices({ parent: 'projects/acme-staging/locations/-' })), Code.INVALID_ARGUMENT);
  });
});

test('ListServices pages through nextPageToken; the async iterator follows it to the end', async () => {
  await withFakeGcp({}, async ({ run, fake }) => {
    const services = await collect(run.services.listServicesAsync({ parent: US }, ASYNC));
    assert.deepEqual(services.map((service) => service.name), [`${US}/services/backend`, `${US}/services/auth`, `${US}/services/worker`]);
    assert.equal(fake.calls.of('ListServices'), 2);

    const [firstPage, nextRequest, response] = await run.services.listServices({ parent: US, pageSize: 1 }, { autoPaginate: false });
    assert.equal(firstPage.length, 1);
    assert.ok(response?.nextPageToken, 'a next page token is returned while more services remain');
    assert.equal(nextRequest?.pageToken, response?.nextPageToken);
    const [lastPage, , lastResponse] = await run.services.listServices({ parent: US, pageSize: 5, pageToken: response!.nextPageToken! }, { autoPaginate: false });
    assert.deepEqual(lastPage.map((service) => service.name), [`${US}/services/auth`, `${US}/services/worker`]);
    assert.equal(lastResponse?.nextPageToken, '', 'the last page has an empty token');
  });
});

test('an unknown page token is INVALID_ARGUMENT, and so is a token from another list', async () => {
  await withFakeGcp({}, async ({ run }) => {
    assert.equal(await codeOf(run.services.listServices({ parent: US, pageToken: 'made-up' }, { autoPaginate: false })), Code.INVALID_ARGUMENT);
    const [, , response] = await run.services.listServices({ parent: US, pageSize: 1 }, { autoPaginate: false });
    const foreign = run.revisions.listRevisions({ parent: `${US}/services/backend`, pageToken: response!.nextPageToken! }, { autoPaginate: false });
    assert.equal(await codeOf(foreign), Code.INVALID_ARGUMENT);
  });
});

test('GetService answers the full v2 Service as the real client decodes it', async () => {
  await withFakeGcp({}, async ({ run }) => {
    const [service] = await run.services.getService({ name: `${US}/services/backend` });
    const env = service.template?.containers?.[0]?.env ?? [];
    assert.deepEqual(
      env.map((variable) => [variable.name, variable.value ?? `${variable.valueSource?.secretKeyRef?.secret}@${variable.valueSource?.secretKeyRef?.version}`]),
      [
        ['ENVIRONMENT', 'staging'],
        ['AUTH_SERVICE_URL', 'https://auth.staging.acme.dev'],
        ['JWT_SECRET_KEY', 'jwt-secret-key-staging@latest'],
        ['SERVICE_SECRET', 'projects/123456789012/secrets/service-secret@1'],
      ],
    );
    // The client reports which member of the `values` oneof is set; "value" vs "valueSource" is how a plain
    // variable is told from a secret reference.
    assert.deepEqual(env.map((variable) => (variable as { values?: string }).values), ['value', 'value', 'valueSource', 'valueSource']);
    assert.equal(String(service.createTime?.seconds), String(Date.parse('2025-09-01T10:00:00Z') / 1000));
    assert.equal(service.ingress, 'INGRESS_TRAFFIC_ALL');
    assert.equal(service.trafficStatuses?.[0]?.revision, 'backend-00002-def');
    assert.equal(service.uri, 'https://backend-7dq2ghsiqa-uc.a.run.app');
  });
});

test('missing services are NOT_FOUND; an unknown project is PERMISSION_DENIED; an unknown region is INVALID_ARGUMENT', async () => {
  await withFakeGcp({}, async ({ run }) => {
    assert.equal(await codeOf(run.services.getService({ name: `${US}/services/nope` })), Code.NOT_FOUND);
    assert.equal(await codeOf(run.services.getService({ name: 'projects/acme-staging/locations/europe-west1/services/backend' })), Code.NOT_FOUND);
    assert.equal(await codeOf(run.services.getService({ name: 'projects/no-such-project/locations/us-central1/services/backend' })), Code.PERMISSION_DENIED);
    assert.equal(await codeOf(run.services.listServices({ parent: 'projects/acme-staging/locations/mars-north1' })), Code.INVALID_ARGUMENT);
  });
});

test('a project can be named by its number', async () => {
  await withFakeGcp({}, async ({ run }) => {
    const [services] = await run.services.listServices({ parent: 'projects/210987654321/locations/us-central1' });
    assert.deepEqual(services.map((service) => service.name), ['projects/acme-prod/locations/us-central1/services/backend']);
  });
});

test('ListRevisions lists one service or, with "-", every service of the region; GetRevision finds one', async () => {
  await withFakeGcp({}, async ({ run }) => {
    const backend = await collect(run.revisions.listRevisionsAsync({ parent: `${US}/services/backend` }, ASYNC));
    assert.deepEqual(backend.map((revision) => revision.name?.split('/').pop()), ['backend-00002-def', 'backend-00001-abc']);
    const all = await collect(run.revisions.listRevisionsAsync({ parent: `${US}/services/-` }, ASYNC));
    assert.equal(all.length, 3);
    const [revision] = await run.revisions.getRevision({ name: `${US}/services/backend/revisions/backend-00001-abc` });
    assert.deepEqual(revision.containers?.[0]?.env?.map((variable) => variable.name), ['ENVIRONMENT']);
    assert.equal(await codeOf(run.revisions.getRevision({ name: `${US}/services/auth/revisions/backend-00001-abc` })), Code.NOT_FOUND);
    assert.equal(await codeOf(run.revisions.listRevisions({ parent: `${US}/services/nope` })), Code.NOT_FOUND);
  });
});
