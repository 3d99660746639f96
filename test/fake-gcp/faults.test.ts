import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesCrc32c } from '../../src/util/crc32c.js';
import { ASYNC, Code, codeOf, collect, withFakeGcp } from './harness.js';

const US = 'projects/acme-staging/locations/us-central1';
const JWT = 'projects/acme-staging/secrets/jwt-secret-key-staging';

test('PERMISSION_DENIED for a secret covers its versions; other secrets still answer', async () => {
  // Given by project number, matched against a request by project id.
  await withFakeGcp({ faults: { permissionDenied: ['projects/123456789012/secrets/jwt-secret-key-staging'] } }, async ({ secrets }) => {
    const manager = secrets.secretManager;
    assert.equal(await codeOf(manager.getSecret({ name: JWT })), Code.PERMISSION_DENIED);
    assert.equal(await codeOf(manager.accessSecretVersion({ name: `${JWT}/versions/latest` })), Code.PERMISSION_DENIED);
    const [other] = await manager.accessSecretVersion({ name: 'projects/acme-staging/secrets/service-secret/versions/1' });
    assert.ok(other.payload?.data);
  });
});

test('PERMISSION_DENIED for a region denies listing it, not the other regions', async () => {
  await withFakeGcp({ faults: { permissionDenied: [US] } }, async ({ run }) => {
    assert.equal(await codeOf(run.services.listServices({ parent: US })), Code.PERMISSION_DENIED);
    assert.equal(await codeOf(run.services.getService({ name: `${US}/services/backend` })), Code.PERMISSION_DENIED);
    const [europe] = await run.services.listServices({ parent: 'projects/acme-staging/locations/europe-west1' });
    assert.equal(europe.length, 1);
  });
});

test('a hanging region runs into the client deadline while other regions answer, and stop() does not wait for it', async () => {
  await withFakeGcp({ faults: { hangingRegions: ['asia-east1'] } }, async ({ run }) => {
    const started = Date.now();
    const code = await codeOf(run.services.listServices({ parent: 'projects/acme-staging/locations/asia-east1' }, { timeout: 300 }));
    assert.equal(code, Code.DEADLINE_EXCEEDED);
    assert.ok(Date.now() - started < 5000, 'the deadline, not the fake, ends the call');
    const [services] = await run.services.listServices({ parent: US }, { timeout: 2000 });
    assert.equal(services.length, 3);
    // Left pending on purpose: stopping the fake must settle it instead of waiting.
    run.services.getService({ name: 'projects/acme-staging/locations/asia-east1/services/edge' }, { timeout: 60_000 }).catch(() => {});
  });
});

test('UNAVAILABLE for the first calls: GetService is retried by the client, GetSecret is not', async () => {
  await withFakeGcp({ faults: { unavailableFirstCalls: { GetService: 1, GetSecret: 1 } } }, async ({ run, secrets, fake }) => {
    // The Cloud Run client config retries GetService on UNAVAILABLE (after ~1 s); the caller sees success.
    const [service] = await run.services.getService({ name: `${US}/services/backend` });
    assert.equal(service.name, `${US}/services/backend`);
    assert.equal(fake.calls.of('GetService'), 2, 'one failed call plus the retry');
    // Secret Manager's GetSecret is configured without retries, so the caller sees UNAVAILABLE once.
    assert.equal(await codeOf(secrets.secretManager.getSecret({ name: JWT })), Code.UNAVAILABLE);
    const [secret] = await secrets.secretManager.getSecret({ name: JWT });
    assert.ok(secret.name);
  });
});

test('a retrying method that stays UNAVAILABLE ends in DEADLINE_EXCEEDED at its timeout, not UNAVAILABLE', async () => {
  await withFakeGcp({ faults: { unavailableFirstCalls: { ListServices: 1000 } } }, async ({ run, fake }) => {
    assert.equal(await codeOf(run.services.listServices({ parent: US }, { timeout: 1500 })), Code.DEADLINE_EXCEEDED);
    assert.ok(fake.calls.of('ListServices') >= 2, 'the client retried before giving up');
  });
});

test('a corrupt checksum fault sends a dataCrc32c that does not match the payload', async () => {
  await withFakeGcp({ faults: { corruptChecksums: [`${JWT}/versions/3`] } }, async ({ secrets }) => {
    const [corrupt] = await secrets.secretManager.accessSecretVersion({ name: `${JWT}/versions/latest` });
    assert.equal(matchesCrc32c(corrupt.payload?.data as Uint8Array, corrupt.payload!.dataCrc32c!), false);
    const [intact] = await secrets.secretManager.accessSecretVersion({ name: 'projects/acme-staging/secrets/service-secret/versions/1' });
    assert.equal(matchesCrc32c(intact.payload?.data as Uint8Array, intact.payload!.dataCrc32c!), true);
  });
});

test('a bad page token fault fails the second page with INVALID_ARGUMENT after the first page arrived', async () => {
  await withFakeGcp({ faults: { badPageTokens: ['ListServices'] } }, async ({ run, fake }) => {
    const seen: string[] = [];
    const code = await codeOf(
      (async () => {
        for await (const service of run.services.listServicesAsync({ parent: US }, ASYNC)) seen.push(String(service.name));
      })(),
    );
    assert.equal(code, Code.INVALID_ARGUMENT);
    assert.equal(seen.length, 2);
    assert.equal(fake.calls.of('ListServices'), 2);
    // Other list methods page normally.
    assert.equal((await collect(run.services.listLocationsAsync({ name: 'projects/acme-staging' }, ASYNC))).length, 3);
  });
});

test('latency is added to every call, and the counter records calls per method', async () => {
  await withFakeGcp({ latencyMs: 120 }, async ({ run, secrets, fake }) => {
    const started = Date.now();
    await run.services.getService({ name: `${US}/services/backend` });
    await secrets.secretManager.accessSecretVersion({ name: `${JWT}/versions/3` });
    assert.ok(Date.now() - started >= 240, `two calls took ${Date.now() - started} ms`);
    assert.deepEqual(fake.calls.byMethod(), { AccessSecretVersion: 1, GetService: 1 });
    assert.equal(fake.calls.total(), 2);
    fake.calls.reset();
    assert.equal(fake.calls.total(), 0);
  });
});
