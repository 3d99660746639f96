import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, matchesCrc32c } from '../../src/util/crc32c.js';
import { STAGING_NUMBER } from './fixture.js';
import { ASYNC, Code, codeOf, collect, withFakeGcp } from './harness.js';

const JWT = 'projects/acme-staging/secrets/jwt-secret-key-staging';

test('Secret Manager answers with the project number even when asked by project id', async () => {
  await withFakeGcp({}, async ({ secrets }) => {
    const [secret] = await secrets.secretManager.getSecret({ name: JWT });
    assert.equal(secret.name, `projects/${STAGING_NUMBER}/secrets/jwt-secret-key-staging`);
    const [version] = await secrets.secretManager.getSecretVersion({ name: `${JWT}/versions/3` });
    assert.equal(version.name, `projects/${STAGING_NUMBER}/secrets/jwt-secret-key-staging/versions/3`);
  });
});

test('ListSecretVersions pages newest first and keeps disabled and destroyed versions', async () => {
  await withFakeGcp({}, async ({ secrets, fake }) => {
    const versions = await collect(secrets.secretManager.listSecretVersionsAsync({ parent: JWT }, ASYNC));
    assert.deepEqual(versions.map((version) => [version.name?.split('/').pop(), version.state]), [
      ['3', 'ENABLED'],
      ['2', 'DISABLED'],
      ['1', 'DESTROYED'],
    ]);
    assert.equal(fake.calls.of('ListSecretVersions'), 2);
    const listed = await collect(secrets.secretManager.listSecretsAsync({ parent: 'projects/acme-staging' }, ASYNC));
    assert.deepEqual(listed.map((secret) => secret.name?.split('/').pop()), ['jwt-secret-key-staging', 'service-secret', 'rotated']);
  });
});

test('latest resolves to the newest created version and aliases resolve to their version', async () => {
  await withFakeGcp({}, async ({ secrets }) => {
    const [latest] = await secrets.secretManager.getSecretVersion({ name: `${JWT}/versions/latest` });
    assert.equal(latest.name?.split('/').pop(), '3');
    const [aliased] = await secrets.secretManager.getSecretVersion({ name: `${JWT}/versions/current` });
    assert.equal(aliased.name?.split('/').pop(), '3');
  });
});

test('AccessSecretVersion returns the payload with a CRC32C that verifies, and the resolved version name', async () => {
  await withFakeGcp({}, async ({ secrets }) => {
    const [response] = await secrets.secretManager.accessSecretVersion({ name: `${JWT}/versions/latest` });
    assert.equal(response.name, `projects/${STAGING_NUMBER}/secrets/jwt-secret-key-staging/versions/3`);
    const data = response.payload?.data as Uint8Array;
    assert.equal(Buffer.from(data).toString('utf8'), 'canary-jwt-0123456789');
    // int64 arrives as a decimal string from the gRPC client.
    assert.equal(typeof response.payload?.dataCrc32c, 'string');
    assert.equal(String(response.payload?.dataCrc32c), String(crc32c(data)));
    assert.ok(matchesCrc32c(data, response.payload!.dataCrc32c!));

    const [byNumber] = await secrets.secretManager.accessSecretVersion({ name: `projects/${STAGING_NUMBER}/secrets/service-secret/versions/1` });
    assert.equal(Buffer.from(byNumber.payload?.data as Uint8Array).toString('utf8'), 'netra-backend\n');
  });
});

test('latest is not "latest enabled": a disabled newest version makes access FAILED_PRECONDITION', async () => {
  await withFakeGcp({}, async ({ secrets }) => {
    const rotated = 'projects/acme-staging/secrets/rotated';
    assert.equal(await codeOf(secrets.secretManager.accessSecretVersion({ name: `${rotated}/versions/latest` })), Code.FAILED_PRECONDITION);
    const [older] = await secrets.secretManager.accessSecretVersion({ name: `${rotated}/versions/1` });
    assert.equal(Buffer.from(older.payload?.data as Uint8Array).toString('utf8'), 'still-good');
  });
});

test('disabled and destroyed versions are readable as metadata but FAILED_PRECONDITION on access', async () => {
  await withFakeGcp({}, async ({ secrets }) => {
    const [destroyed] = await secrets.secretManager.getSecretVersion({ name: `${JWT}/versions/1` });
    assert.equal(destroyed.state, 'DESTROYED');
    assert.equal(await codeOf(secrets.secretManager.accessSecretVersion({ name: `${JWT}/versions/1` })), Code.FAILED_PRECONDITION);
    assert.equal(await codeOf(secrets.secretManager.accessSecretVersion({ name: `${JWT}/versions/2` })), Code.FAILED_PRECONDITION);
  });
});

test('missing secrets and versions are NOT_FOUND; an unknown project is PERMISSION_DENIED', async () => {
  await withFakeGcp({}, async ({ secrets }) => {
    const manager = secrets.secretManager;
    assert.equal(await codeOf(manager.getSecret({ name: 'projects/acme-staging/secrets/jwt-secret-staging' })), Code.NOT_FOUND);
    assert.equal(await codeOf(manager.accessSecretVersion({ name: `${JWT}/versions/9` })), Code.NOT_FOUND);
    assert.equal(await codeOf(manager.accessSecretVersion({ name: `${JWT}/versions/no-such-alias` })), Code.NOT_FOUND);
    assert.equal(await codeOf(manager.getSecret({ name: 'projects/acme-typo/secrets/x' })), Code.PERMISSION_DENIED);
    assert.equal(await codeOf(manager.listSecretVersions({ parent: JWT, filter: 'state:ENABLED' })), Code.UNIMPLEMENTED);
  });
});
