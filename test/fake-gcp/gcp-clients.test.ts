import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRunClients, createSecretManagerClient, parseHostPort } from '../../src/sources/google/gcp-clients.js';

test('parseHostPort accepts host:port and [IPv6]:port and names the variable when malformed', () => {
  assert.deepEqual(parseHostPort('127.0.0.1:8085', 'X'), { host: '127.0.0.1', port: 8085 });
  assert.deepEqual(parseHostPort(' localhost:9 ', 'X'), { host: 'localhost', port: 9 });
  assert.deepEqual(parseHostPort('[::1]:8085', 'X'), { host: '::1', port: 8085 });
  for (const bad of ['127.0.0.1', ':8085', '127.0.0.1:0', '127.0.0.1:70000', 'http://127.0.0.1:8085', '::1:8085']) {
    assert.throws(() => parseHostPort(bad, 'CLOUD_RUN_EMULATOR_HOST'), /CLOUD_RUN_EMULATOR_HOST must be host:port/, bad);
  }
});

test('a malformed emulator variable is a clear error, not a connection to somewhere else', async () => {
  await assert.rejects(createRunClients({ CLOUD_RUN_EMULATOR_HOST: 'localhost' }), /CLOUD_RUN_EMULATOR_HOST must be host:port/);
  await assert.rejects(createSecretManagerClient({ SECRET_MANAGER_EMULATOR_HOST: 'http://x:1' }), /SECRET_MANAGER_EMULATOR_HOST must be host:port/);
});

test('the emulator address is reported back and each API reads only its own variable', async () => {
  const run = await createRunClients({ CLOUD_RUN_EMULATOR_HOST: '127.0.0.1:1', SECRET_MANAGER_EMULATOR_HOST: '127.0.0.1:2' });
  const secrets = await createSecretManagerClient({ SECRET_MANAGER_EMULATOR_HOST: '127.0.0.1:2' });
  try {
    assert.equal(run.emulatorHost, '127.0.0.1:1');
    assert.equal(secrets.emulatorHost, '127.0.0.1:2');
  } finally {
    await Promise.all([run.close(), secrets.close()]);
  }
});

test('importing the client factory does not load the Google libraries; creating a client loads only its own', () => {
  const moduleUrl = new URL('../../src/sources/google/gcp-clients.js', import.meta.url).href;
  const script = `
    import { createRequire } from 'node:module';
    const loaded = (name) => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes(name));
    const { createRunClients } = await import(${JSON.stringify(moduleUrl)});
    const before = [loaded('@google-cloud/run'), loaded('@google-cloud/secret-manager'), loaded('google-gax')];
    const run = await createRunClients({ CLOUD_RUN_EMULATOR_HOST: '127.0.0.1:1' });
    const after = [loaded('@google-cloud/run'), loaded('@google-cloud/secret-manager')];
    await run.close();
    console.log(JSON.stringify({ before, after }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { before: [false, false, false], after: [true, false] });
});
