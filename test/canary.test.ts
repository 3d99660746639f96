/**
 * Canary tests: secret values planted in every kind of place envdrift reads, then every rule kind, every
 * output format and every error path is run over them. No canary — not whole, not a prefix or any piece of
 * it, not its length — may appear in standard output, standard error or any file envdrift writes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { reporters } from '../src/reporters/index.js';
import { runCli, type CliResult } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

/**
 * A random secret of an unusual length, so neither its text nor its length can turn up by chance: lengths over
 * 100, which no count, line or column of these small reports reaches.
 */
function canary(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

const SECRETS = {
  jwtStaging: canary(137),
  jwtOther: canary(141),
  duplicateFirst: canary(143),
  duplicateSecond: canary(147),
  padded: canary(153),
  urlPassword: canary(159),
  markedSensitive: canary(161),
  ignoredLine: canary(167),
  escapedFile: canary(171),
  reused: canary(173),
  markedByGlob: canary(179),
  credentialKey: canary(183),
};

const workspace = createWorkspace();
after(() => workspace.dispose());

workspace.write('envdrift.yaml', `version: 1
packs: [recommended]
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [backend.staging.env], urls: [https://api.staging.example.com] }
      auth: { dotenv: [auth.staging.env, auth.escaped.env], urls: [https://auth.staging.example.com] }
  production:
    production: true
    services:
      backend: { dotenv: [backend.production.env], urls: [https://api.example.com] }
      auth: { dotenv: [auth.production.env], urls: [https://auth.example.com] }
`);
workspace.write('rules.yaml', `rules:
  - { id: c-require, kind: require, severity: error, description: d, remediation: r, keys: [JWT_SECRET_KEY, ADMIN_PIN, MISSING_SECRET], from: secret }
  - { id: c-forbid, kind: forbid, severity: error, description: d, remediation: r, keys: ["*_KEY", ADMIN_PIN], when: truthy }
  - { id: c-forbid-present, kind: forbid, severity: error, description: d, remediation: r, keys: [API_TOKEN], when: present }
  - { id: c-equals, kind: equals, severity: error, description: d, remediation: r, key: JWT_SECRET_KEY, value: not-the-secret }
  - { id: c-equals-marked, kind: equals, severity: error, description: d, remediation: r, key: ADMIN_PIN, value: "0000", sensitive: true }
  - { id: c-equals-padded, kind: equals, severity: error, description: d, remediation: r, key: API_TOKEN, value: x }
  - { id: c-pattern, kind: pattern, severity: error, description: d, remediation: r, keys: [JWT_SECRET_KEY, API_TOKEN], regex: "^zz" }
  - { id: c-url, kind: pattern, severity: error, description: d, remediation: r, keys: ["*_URL"], url: { schemes: [http] } }
  - { id: c-match, kind: match, severity: error, description: d, remediation: r, members: [{ service: backend, key: JWT_SECRET_KEY }, { service: auth, key: [JWT_SECRET_KEY, API_TOKEN] }] }
  - { id: c-distinct, kind: distinct, severity: error, description: d, remediation: r, keys: [SERVICE_SECRET, JWT_SECRET_KEY] }
  - { id: c-marked-glob, kind: pattern, severity: error, description: d, remediation: r, keys: ["*_CODE"], regex: "^zz", sensitive: true }
  - { id: c-reference, kind: reference, severity: error, description: d, remediation: r, services: [backend], key: AUTH_SERVICE_URL, target: auth }
`);
workspace.write('backend.staging.env', [
  `JWT_SECRET_KEY=${SECRETS.jwtStaging}`,
  `SERVICE_SECRET=${SECRETS.duplicateFirst}`,
  `SERVICE_SECRET=${SECRETS.duplicateSecond}`,
  `ADMIN_PIN=${SECRETS.markedSensitive}`,
  `AUTH_SERVICE_URL=https://svc:${SECRETS.urlPassword}@auth.staging.example.com`,
  `DATABASE_URL=postgres://app:${SECRETS.urlPassword}@db.internal/app`,
  `JWT_SECRET_KEY_BACKUP ${SECRETS.ignoredLine}`,
  `PIN_CODE=${SECRETS.markedByGlob}`,
  '',
].join('\n'));
workspace.write('auth.staging.env', `JWT_SECRET_KEY=${SECRETS.jwtOther}\nAPI_TOKEN="${SECRETS.padded}\\n"\nSERVICE_SECRET=${SECRETS.reused}\n`);
workspace.write('auth.escaped.env', `# escaped\\nJWT_SECRET=${SECRETS.escapedFile}\\nX=1`);
workspace.write('backend.production.env', `JWT_SECRET_KEY=${SECRETS.jwtStaging}\nSERVICE_SECRET=${SECRETS.duplicateSecond}\nAUTH_SERVICE_URL=http://ops:${SECRETS.urlPassword}@localhost:9000\n`);
mkdirSync(workspace.path('auth.production.env')); // a folder where a file should be: an unreadable source

function assertNoLeak(what: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (let start = 0; start + 6 <= secret.length; start++) {
      const piece = secret.slice(start, start + 6);
      assert.ok(!text.includes(piece), `${what} contains part of canary ${name} ("${piece}" at offset ${start})`);
    }
    // Timestamps (a snapshot's createdAt) are the only numbers envdrift writes that are not counts or lines.
    const withoutTimestamps = text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '');
    assert.doesNotMatch(withoutTimestamps, new RegExp(`\\b${secret.length}\\b`), `${what} mentions the length of canary ${name}`);
  }
}

function assertCliNoLeak(label: string, result: CliResult): void {
  assertNoLeak(`${label} stdout`, result.stdout);
  assertNoLeak(`${label} stderr`, result.stderr);
}

describe('no secret reaches any output', () => {
  const formats = Object.keys(reporters);

  for (const format of formats) {
    test(`--format ${format} on standard output`, () => {
      const result = runCli(['check', '--format', format], { cwd: workspace.dir });
      assert.equal(result.status, 1, result.stderr);
      assertCliNoLeak(format, result);
    });
  }

  test('every format written to files at once', () => {
    const args = formats.flatMap((format) => ['--format', `${format}:out/report.${format}`]);
    const result = runCli(['check', ...args], { cwd: workspace.dir });
    assert.equal(result.status, 1, result.stderr);
    assertCliNoLeak('file run', result);
    const written = readdirSync(workspace.path('out'));
    assert.equal(written.length, formats.length);
    for (const file of written) assertNoLeak(file, readFileSync(join(workspace.path('out'), file), 'utf8'));
  });

  test('the HTML report: decoded text, every attribute and the script hold no piece of a canary', () => {
    const result = runCli(['check', '--format', 'html:out-html/report.html'], { cwd: workspace.dir });
    assert.equal(result.status, 1, result.stderr);
    const html = readFileSync(workspace.path('out-html/report.html'), 'utf8');
    // The matrix really draws the keys that hold canaries, with value groups, so a clean result means something.
    for (const key of ['JWT_SECRET_KEY', 'SERVICE_SECRET', 'ADMIN_PIN', 'PIN_CODE', 'DATABASE_URL', 'API_TOKEN']) assert.match(html, new RegExp(`<tr class="row" data-key="${key}"`));
    assert.match(html, /data-group="B"/, 'the differing JWT secrets should form two value groups');
    // A canary could hide behind character references; decode them before looking.
    const decode = (text: string) =>
      text
        .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
        .replace(/&(quot|apos|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[name]!);
    assertNoLeak('decoded HTML report', decode(html));
    const attributes = [...html.matchAll(/\s[\w-]+="([^"]*)"/g)].map((match) => decode(match[1]!));
    assert.ok(attributes.length > 100, 'expected the attributes of a whole matrix');
    assertNoLeak('HTML attributes', attributes.join('\n'));
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    assert.equal(scripts.length, 1);
    assertNoLeak('HTML script', scripts.join('\n'));
  });

  test('a snapshot of the same sources, and a check of it', () => {
    const written = runCli(['snapshot', '--out', 'out-snapshot/snap.json'], { cwd: workspace.dir });
    assert.equal(written.status, 3, written.stderr);
    assertCliNoLeak('snapshot', written);
    assertNoLeak('snapshot file', readFileSync(workspace.path('out-snapshot/snap.json'), 'utf8'));
    for (const format of formats) assertCliNoLeak(`check --snapshot ${format}`, runCli(['check', '--snapshot', 'out-snapshot/snap.json', '--format', format], { cwd: workspace.dir }));
  });

  test('the planted problems were really found (so the absence of leaks means something)', () => {
    const report = JSON.parse(runCli(['check', '--format', 'json'], { cwd: workspace.dir }).stdout);
    const rules = new Set(report.findings.map((finding: { ruleId: string }) => finding.ruleId));
    for (const rule of ['c-require', 'c-forbid-present', 'c-equals', 'c-equals-marked', 'c-equals-padded', 'c-pattern', 'c-url', 'c-match', 'c-distinct', 'c-reference', 'c-marked-glob', 'envdrift/duplicate-key', 'envdrift/ignored-line', 'envdrift/no-variables']) {
      assert.ok(rules.has(rule), `no finding of ${rule}`);
    }
    assert.ok(report.unevaluated.some((item: { service: string }) => item.service === 'auth'), 'the unreadable production auth source was not reported');
    // Problems several rules flag on a secret key are shown as one grouped entry: the leak checks above cover those too.
    const groups = new Map<string, string[]>();
    for (const finding of report.findings as Array<{ group: string; ruleId: string; key: string | null }>) groups.set(finding.group, [...(groups.get(finding.group) ?? []), `${finding.ruleId} ${finding.key}`]);
    assert.ok([...groups.values()].some((members) => members.length >= 3 && members.some((member) => member.endsWith('API_TOKEN'))), 'no grouped entry about the padded secret');
    const text = runCli(['check'], { cwd: workspace.dir }).stdout;
    assert.match(text, /^ {10}also \(c-[\w-]+, error\): API_TOKEN /m, 'the text report shows the grouped entry');
  });

  test('error paths: invalid rules, a bad flag, a stable fingerprint key', () => {
    workspace.write('bad/envdrift.yaml', `version: 1\npacks: []\nrules: [rules.yaml]\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [../backend.staging.env] }\n`);
    workspace.write('bad/rules.yaml', `rules:\n  - { id: x, kind: equals, severity: error, description: d, remediation: r, key: JWT_SECRET_KEY, value: y, bogus: 1 }\n`);
    assertCliNoLeak('invalid rules', runCli(['check'], { cwd: workspace.path('bad') }));
    assertCliNoLeak('bad flag', runCli(['check', '--format', 'nope'], { cwd: workspace.dir }));
    assertCliNoLeak('debug + fingerprint key', runCli(['check'], { cwd: workspace.dir, env: { ENVDRIFT_DEBUG: '1', ENVDRIFT_FINGERPRINT_KEY: 'k' } }));
    // --deploy files whose mistakes put a secret where a name belongs: refused (exit 2) without echoing it.
    workspace.write('deploy-bad.sh', `gcloud run deploy backend --set-env-vars=A=1,${SECRETS.jwtStaging}\ngcloud run deploy backend --set-secrets=K=${SECRETS.jwtOther}\n`);
    workspace.write('deploy-bad2.sh', `gcloud run deploy backend-svc --set-secrets=K=${SECRETS.padded}:latest:x\n`);
    workspace.write('deploy-bad3.yml', `on: push\njobs:\n  a:\n    steps:\n      - uses: google-github-actions/deploy-cloudrun@v3\n        with: { service: backend, env_vars: "A=1,${SECRETS.reused}" }\n`);
    for (const file of ['deploy-bad.sh', 'deploy-bad2.sh', 'deploy-bad3.yml']) {
      const result = runCli(['check', '--deploy', file], { cwd: workspace.dir });
      assert.equal(result.status, 2, result.stderr);
      assertCliNoLeak(`--deploy ${file}`, result);
    }
  });
});

describe('no piece of a broken credentials file reaches any output', () => {
  // A mangled CI secret: a service-account key cut off inside its PEM block. google-auth-library's JSON.parse
  // of it used to escape as an uncaught SyntaxError that Node printed with the offending line: the key.
  const truncatedKey = `{"type":"service_account","client_email":"ci@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\\n${SECRETS.credentialKey}`;
  workspace.write('gcp/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    cloudrun: { project: netra-staging, regions: [us-central1] }\n    services:\n      backend: {}\n');
  workspace.write('gcp/key.json', truncatedKey);
  workspace.write('gcp/gcloud-config/application_default_credentials.json', truncatedKey);
  // Never a network probe of the metadata server, whatever happens.
  const offline = { METADATA_SERVER_DETECTION: 'none', HOME: workspace.path('gcp') };

  test('GOOGLE_APPLICATION_CREDENTIALS pointing at a truncated key: exit 3, the file named, nothing of it quoted', () => {
    for (const env of [{ GOOGLE_APPLICATION_CREDENTIALS: workspace.path('gcp/key.json') }, { GOOGLE_APPLICATION_CREDENTIALS: workspace.path('gcp/key.json'), ENVDRIFT_DEBUG: '1' }]) {
      const result = runCli(['check', '--format', 'json'], { cwd: workspace.path('gcp'), env: { ...offline, ...env } });
      assert.equal(result.status, 3, result.stderr);
      assert.match(result.stderr, /GOOGLE_APPLICATION_CREDENTIALS points at .*key\.json, which is not valid JSON/);
      assertCliNoLeak('truncated GOOGLE_APPLICATION_CREDENTIALS', result);
    }
  });

  test('a truncated ADC file in CLOUDSDK_CONFIG: exit 3, the file named, nothing of it quoted', () => {
    const result = runCli(['check'], { cwd: workspace.path('gcp'), env: { ...offline, CLOUDSDK_CONFIG: workspace.path('gcp/gcloud-config') } });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /gcloud-config\/application_default_credentials\.json is not valid JSON/);
    assertCliNoLeak('truncated ADC file', result);
  });
});
