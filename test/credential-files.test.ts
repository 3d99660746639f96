/**
 * Broken credentials are a source that could not be read: exit 3, a message that names the file and what
 * is wrong with it (never its content), no stack trace, no hang and no network probe. And the credentials
 * check and the Google libraries read the same file, CLOUDSDK_CONFIG included.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { createRunClients } from '../src/sources/google/gcp-clients.js';
import { credentialClientOptions, missingCredentials } from '../src/sources/google/gcp-credentials.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

workspace.write('envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: netra-staging, regions: [us-central1] }\n    services:\n      backend: {}\n');
const home = workspace.path('home');
mkdirSync(home);
const OFFLINE = { METADATA_SERVER_DETECTION: 'none', HOME: home };

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const serviceAccount = (email: string, key = pem) => JSON.stringify({ type: 'service_account', project_id: 'netra-staging', client_email: email, private_key: key, token_uri: 'http://127.0.0.1:9/token' });

const BROKEN: Array<{ name: string; content: string | Buffer | 'folder'; says: RegExp }> = [
  { name: 'truncated', content: serviceAccount('ci@p.iam.gserviceaccount.com').slice(0, 200), says: /is not valid JSON: it ends in the middle of a value, as a truncated file does/ },
  { name: 'empty', content: '', says: /is empty/ },
  { name: 'garbage', content: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80, 0x7b]), says: /is not valid JSON/ },
  { name: 'folder', content: 'folder', says: /is a folder, not a file/ },
  { name: 'a list', content: '[1, 2]', says: /does not hold a JSON object/ },
  { name: 'untyped', content: '{"private_key": "x"}', says: /has no known 'type'/ },
  { name: 'keyless', content: '{"type": "service_account", "client_email": "a@b"}', says: /is a service_account file without 'private_key'/ },
  { name: 'cut PEM', content: serviceAccount('ci@p.iam.gserviceaccount.com', pem.slice(0, 300)), says: /'private_key' is not a complete PEM key/ },
];

describe('a broken GOOGLE_APPLICATION_CREDENTIALS file', () => {
  for (const { name, content, says } of BROKEN) {
    test(`${name}: exit 3 naming the file and what is wrong, without a stack trace`, () => {
      const file = workspace.path(`broken/${name.replace(/ /g, '-')}.json`);
      if (content === 'folder') mkdirSync(file, { recursive: true });
      else workspace.write(`broken/${name.replace(/ /g, '-')}.json`, content);
      const result = runCli(['check'], { cwd: workspace.dir, env: { ...OFFLINE, GOOGLE_APPLICATION_CREDENTIALS: file } });
      assert.equal(result.status, 3, result.stderr);
      assert.ok(result.stderr.includes(`GOOGLE_APPLICATION_CREDENTIALS points at ${file}, which `), result.stderr);
      assert.match(result.stderr, says);
      assert.doesNotMatch(result.stderr, /\n\s+at |SyntaxError|internal error/);
      assert.ok(!result.stderr.includes('PRIVATE KEY') && !result.stdout.includes('PRIVATE KEY'));
    });
  }
});

describe('the check and the libraries read the same credentials file', () => {
  const adcFolder = workspace.path('gcloud-elsewhere');
  workspace.write('gcloud-elsewhere/application_default_credentials.json', serviceAccount('adc@netra-staging.iam.gserviceaccount.com'));
  workspace.write('home/.config/gcloud/application_default_credentials.json', serviceAccount('home@netra-staging.iam.gserviceaccount.com'));

  async function emailTheLibraryUses(env: Record<string, string>): Promise<string | undefined> {
    assert.equal(missingCredentials(env, home), undefined);
    const clients = await createRunClients(env, credentialClientOptions(env, home));
    try {
      // Loading credentials from a file is local: no token is requested until a call is made.
      const client = (await (clients.services as unknown as { auth: { getClient(): Promise<{ email?: string }> } }).auth.getClient());
      return client.email;
    } finally {
      await clients.close();
    }
  }

  test('CLOUDSDK_CONFIG: its ADC file, not the one under HOME', async () => {
    assert.equal(await emailTheLibraryUses({ CLOUDSDK_CONFIG: adcFolder, HOME: home }), 'adc@netra-staging.iam.gserviceaccount.com');
  });

  test('without CLOUDSDK_CONFIG: the ADC file under HOME', async () => {
    assert.equal(await emailTheLibraryUses({ HOME: home }), 'home@netra-staging.iam.gserviceaccount.com');
  });

  test('a truncated ADC file in CLOUDSDK_CONFIG is exit 3 naming it, even when HOME holds a good one', () => {
    workspace.write('gcloud-broken/application_default_credentials.json', '{"type":"service_account","private_key":"-----BEGIN');
    const result = runCli(['check'], { cwd: workspace.dir, env: { ...OFFLINE, CLOUDSDK_CONFIG: workspace.path('gcloud-broken') } });
    assert.equal(result.status, 3, result.stderr);
    assert.ok(result.stderr.includes(`${workspace.path('gcloud-broken/application_default_credentials.json')} is not valid JSON`), result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});
