/** `envdrift history`: revisions over time against the real-protocol fake, with paging, unreadable lists, canaries and --rules. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fakeGcpEnv, startFakeGcp, type FakeGcpFaults, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import type { HistoryReport } from '../src/model/history-report.js';
import { HISTORY_CONFIG, HISTORY_PROJECT, HISTORY_RULES, historyEstate, type HistoryCanaries } from './support/history-estate.js';
import { runCli, runCliAsync, type CliResult } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

function canary(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

const CANARIES: HistoryCanaries = { jwtOld: canary(37), jwtNew: canary(41), jwtOther: canary(43), serviceSecret: canary(47), serviceId: canary(53), dbPasswordOld: canary(59), dbPasswordNew: canary(61) };
const WINDOW = ['--since', '2025-09-05T00:00:00Z', '--until', '2025-09-12'];

const workspace = createWorkspace();
workspace.write('envdrift.yaml', HISTORY_CONFIG);
workspace.write('rules.yaml', HISTORY_RULES);
workspace.write('frontend.env', 'ENVIRONMENT=dev\n');
after(() => workspace.dispose());

async function withFake<T>(body: (fake: FakeGcpServer) => Promise<T>, faults?: FakeGcpFaults): Promise<T> {
  // Pages of two: every list the history makes must follow page tokens.
  const fake = await startFakeGcp({ fixture: historyEstate(CANARIES), defaultPageSize: 2, maxPageSize: 2, ...(faults && { faults }) });
  try {
    return await body(fake);
  } finally {
    await fake.stop();
  }
}

function history(fake: FakeGcpServer, args: string[]): Promise<CliResult> {
  return runCliAsync(['history', ...args], { cwd: workspace.dir, env: { ...fakeGcpEnv(fake), ENVDRIFT_FINGERPRINT_KEY: 'history-test' } });
}

/** No canary, no piece of one (12 characters or more), nor its length next to a unit, in the output. */
function assertNoLeak(label: string, result: CliResult): void {
  const text = result.stdout + result.stderr;
  for (const [name, value] of Object.entries(CANARIES)) {
    for (let start = 0; start + 12 <= value.length; start += 6) assert.ok(!text.includes(value.slice(start, start + 12)), `${label}: a piece of canary ${name} leaked`);
    assert.ok(!new RegExp(`\\b${value.length} (characters|chars|bytes)\\b`).test(text), `${label}: the length of canary ${name} leaked`);
  }
}

function changesOf(report: HistoryReport, service: string, revision: string): string[] {
  const found = report.services.find((candidate) => candidate.service === service)!.revisions.find((candidate) => candidate.name === revision)!;
  return (found.changes ?? []).map((change) => `${change.change} ${change.container ? `${change.container}: ` : ''}${change.key}`);
}

describe('envdrift history against revisions over time', () => {
  let json: CliResult;
  let report: HistoryReport;
  let calls: Record<string, number>;
  before(async () => {
    await withFake(async (fake) => {
      json = await history(fake, [...WINDOW, '--format', 'json']);
      calls = fake.calls.byMethod();
    });
    report = JSON.parse(json.stdout) as HistoryReport;
  });

  test('changes in the window: exit 1, revisions oldest first with who and when, the one before the window apart', () => {
    assert.equal(json.status, 1, json.stderr);
    const backend = report.services.find((service) => service.service === 'backend')!;
    assert.equal(backend.before?.name, 'acme-backend-00001-aaa');
    assert.deepEqual(backend.revisions.map((revision) => revision.name), ['acme-backend-00002-bbb', 'acme-backend-00003-ccc', 'acme-backend-00004-ddd', 'acme-backend-00005-eee', 'acme-backend-00006-fff', 'acme-backend-00007-ggg']);
    assert.equal(backend.revisions[0]!.createTime, '2025-09-05T09:12:00.000Z');
    assert.equal(backend.revisions[0]!.creator, 'alice@acme.example');
  });

  test('a literal turned into a secret reference, and what latest meant at that moment', () => {
    assert.deepEqual(changesOf(report, 'backend', 'acme-backend-00002-bbb'), ['literal-to-secret SERVICE_ID', 'version-changed JWT_SECRET_KEY']);
    const flip = report.services[0]!.revisions[0]!.changes!.find((change) => change.key === 'SERVICE_ID')!;
    assert.equal(flip.detail, 'literal "acme-backend" → secret service-id@latest (version 1)');
    const moved = report.services[0]!.revisions[0]!.changes!.find((change) => change.key === 'JWT_SECRET_KEY')!;
    assert.equal(moved.detail, 'secret jwt-key@latest (version 1) → secret jwt-key@latest (version 2)');
  });

  test('a secret moved to another secret; a key dropped and re-added; a sensitive value changed without being shown', () => {
    assert.deepEqual(changesOf(report, 'backend', 'acme-backend-00005-eee'), ['secret-changed JWT_SECRET_KEY']);
    assert.deepEqual(changesOf(report, 'backend', 'acme-backend-00006-fff'), ['removed SERVICE_SECRET']);
    assert.deepEqual(changesOf(report, 'backend', 'acme-backend-00007-ggg'), ['added SERVICE_SECRET', 'value-changed AUTH_SERVICE_URL', 'value-changed DB_PASSWORD']);
    const details = report.services[0]!.revisions[5]!.changes!.map((change) => change.detail);
    assert.ok(details.includes('"https://auth.staging.acme.example" → "https://acme-auth-7dq2ghsiqa-uc.a.run.app"'));
    assert.ok(details.includes('value changed (value hidden: sensitive)'));
  });

  test('traffic split and template now; a container added; redeploys that changed nothing', () => {
    const backend = report.services[0]!;
    const byName = Object.fromEntries(backend.revisions.map((revision) => [revision.name, revision]));
    assert.equal(byName['acme-backend-00006-fff']!.trafficPercent, 10);
    assert.equal(byName['acme-backend-00007-ggg']!.trafficPercent, 90);
    assert.deepEqual(backend.revisions.filter((revision) => revision.isTemplate).map((revision) => revision.name), ['acme-backend-00007-ggg']);
    assert.deepEqual(byName['acme-backend-00003-ccc']!.changes, []);
    assert.deepEqual(changesOf(report, 'auth', 'acme-auth-00002-bbb'), ['container-added otel']);
  });

  test('secret versions: created in the window (latest moved), disabled now; the frontend without Cloud Run is listed as skipped', () => {
    const jwt = report.secrets.find((secret) => secret.secret === `projects/${HISTORY_PROJECT}/secrets/jwt-key`)!;
    assert.deepEqual(jwt.events, [
      { event: 'created', version: '2', at: '2025-09-05T08:00:00.000Z', latestFrom: '1', latestTo: '2' },
      { event: 'disabled-now', version: '2' },
    ]);
    assert.ok(jwt.referencedBy.includes('staging/backend JWT_SECRET_KEY'));
    const meant = report.services[0]!.revisions[0]!.secrets.find((reference) => reference.key === 'JWT_SECRET_KEY')!;
    assert.deepEqual(meant, { key: 'JWT_SECRET_KEY', secret: 'jwt-key', version: 'latest', resolvedVersion: '2', stateNow: 'DISABLED' });
    assert.deepEqual(report.skipped, [{ environment: 'dev', service: 'frontend', reason: 'no Cloud Run source (no revisions to read)' }]);
  });

  test('calls are the minimum: one paged ListRevisions per service, one paged ListSecretVersions per secret, no payloads without --rules', () => {
    // Pages of two: backend's 7 revisions take 4 pages, auth's 2 take 1; every secret has at most 2 versions.
    assert.deepEqual(calls, { ListServices: 1, ListRevisions: 5, ListSecretVersions: 4 });
  });

  test('no secret value leaks into JSON', () => assertNoLeak('json', json));
});

describe('text and markdown', () => {
  test('unchanged revisions fold into one line; nothing sensitive is shown', async () => {
    await withFake(async (fake) => {
      const text = await history(fake, WINDOW);
      assert.equal(text.status, 1, text.stderr);
      assert.match(text.stdout, /acme-backend-00003-ccc … acme-backend-00004-ddd {2}2 revisions, no configuration change/);
      assert.match(text.stdout, /acme-backend-00006-fff {2}2025-09-08 18:02 UTC {2}by deploy@acme-staging\.iam\.gserviceaccount\.com {2}\[serving 10%\]/);
      assert.match(text.stdout, /- SERVICE_SECRET {2}removed \(was secret service-secret@latest \(version 1\)\)/);
      assert.match(text.stdout, /version 2 created 2025-09-05 08:00 UTC; latest moved from 1 to 2/);
      assertNoLeak('text', text);
      const markdown = await history(fake, [...WINDOW, '--format', 'markdown', '--rules']);
      assert.match(markdown.stdout, /^# envdrift history: 2025-09-05 00:00 UTC → 2025-09-12 23:59 UTC/);
      assert.match(markdown.stdout, /\| `acme-backend-00006-fff` \| 2025-09-08 18:02 UTC \|/);
      assertNoLeak('markdown', markdown);
    });
  });
});

describe('docs/history.md', () => {
  test('its example is what envdrift prints for the test estate', async () => {
    const docs = readFileSync(new URL('../../docs/history.md', import.meta.url), 'utf8');
    const example = /\$ npx envdrift history (staging [^\n]+)\n([\s\S]*?)\n```/.exec(docs)!;
    await withFake(async (fake) => {
      const result = await history(fake, example[1]!.split(' '));
      assert.equal(result.stdout.trimEnd(), example[2]);
    });
  });
});

describe('--rules: the first revision that broke a rule', () => {
  test('a dropped key appears with its revision and disappears with the next; a secret moved breaks a match', async () => {
    await withFake(async (fake) => {
      const result = await history(fake, [...WINDOW, '--rules', '--format', 'json']);
      const byMethod = fake.calls.byMethod();
      assert.equal(result.status, 1, result.stderr);
      const spans = (JSON.parse(result.stdout) as HistoryReport).rules!;
      const missing = spans.find((span) => span.ruleId === 'backend-service-secret')!;
      assert.equal(missing.appeared?.revision, 'acme-backend-00006-fff');
      assert.equal(missing.appeared?.creator, 'deploy@acme-staging.iam.gserviceaccount.com');
      assert.equal(missing.disappeared?.revision, 'acme-backend-00007-ggg');
      const jwt = spans.find((span) => span.ruleId === 'jwt-secret-shared')!;
      assert.equal(jwt.appeared?.revision, 'acme-backend-00005-eee');
      assert.equal(jwt.disappeared, undefined);
      // Payloads only for keys a rule compares, each version once: jwt-key 1 (auth), jwt-key 2 (disabled: refused), jwt-other 1.
      assert.equal(byMethod.AccessSecretVersion, 3);
      assertNoLeak('rules json', result);
      const text = await history(fake, [...WINDOW, '--rules']);
      assert.match(text.stdout, /backend-service-secret {2}staging\/backend SERVICE_SECRET: .*\n\s+since acme-backend-00006-fff \(staging\/backend, created 2025-09-08 18:02 UTC by deploy@acme-staging\.iam\.gserviceaccount\.com\); gone with acme-backend-00007-ggg/);
      assertNoLeak('rules text', text);
    });
  });
});

describe('what cannot be read', () => {
  test('a revision list the caller may not read: exit 3, listed, never a quiet window', async () => {
    await withFake(async (fake) => {
      const result = await history(fake, ['staging/auth', ...WINDOW.slice(0, 2), '--until', '2025-09-09']);
      assert.equal(result.status, 3, result.stdout + result.stderr);
      assert.match(result.stdout, /staging\/auth[^\n]*\n {2}not read: permission denied: reading the revisions of projects\/acme-staging\/locations\/us-central1\/services\/acme-auth needs run\.revisions\.list \(granted by roles\/run\.viewer\)/);
      assertNoLeak('denied', result);
    }, { permissionDenied: [`projects/${HISTORY_PROJECT}/locations/us-central1/services/acme-auth`] });
  });

  test('a secret whose versions cannot be listed is listed as not read', async () => {
    await withFake(async (fake) => {
      const result = await history(fake, [...WINDOW, '--format', 'json']);
      const report = JSON.parse(result.stdout) as HistoryReport;
      assert.match(report.secrets.find((secret) => secret.secret.endsWith('/jwt-other'))!.unreadable!, /permission denied/);
      assert.equal(result.status, 1, 'changes in the window still win, as for diff');
    }, { permissionDenied: [`projects/${HISTORY_PROJECT}/secrets/jwt-other`] });
  });

  test('a quiet window is exit 0', async () => {
    await withFake(async (fake) => {
      const result = await history(fake, ['staging/auth', '--since', '2025-09-11']);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /no revision created in the window/);
    });
  });

  test('without credentials: exit 3 with how to log in', () => {
    const result = runCli(['history', ...WINDOW], { cwd: workspace.dir, env: { CLOUDSDK_CONFIG: workspace.path('no-gcloud'), METADATA_SERVER_DETECTION: 'none' } });
    assert.equal(result.status, 3, result.stdout + result.stderr);
    assert.match(result.stderr, /gcloud auth application-default login/);
  });

  test('bad windows and scopes are usage errors', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--since', 'yesterday'], /--since "yesterday": expected a duration/],
      [['--since', '2025-09-10', '--until', '2025-09-01'], /after --until/],
      [['dev/frontend'], /no Cloud Run source/],
      [['staging/bakend'], /did you mean 'backend'/],
      [['prod'], /no such environment/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(['history', ...args], { cwd: workspace.dir });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});
