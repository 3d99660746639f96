/** `envdrift history --snapshot A --snapshot B`: two snapshots taken by the real CLI from the real-protocol fake, compared. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fakeGcpEnv, startFakeGcp } from '../src/demo/fake-gcp/index.js';
import type { FakeGcpFixture } from '../src/demo/fake-gcp/fixture-types.js';
import type { HistoryReport } from '../src/model/history-report.js';
import { HISTORY_CONFIG, HISTORY_RULES, historyEstate, type HistoryCanaries } from './support/history-estate.js';
import { runCliAsync, type CliResult } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

function canary(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

const CANARIES: HistoryCanaries = { jwtOld: canary(37), jwtNew: canary(41), jwtOther: canary(43), serviceSecret: canary(47), serviceId: canary(53), dbPasswordOld: canary(59), dbPasswordNew: canary(61) };
const DOTENV_CANARY_A = canary(67);
const DOTENV_CANARY_B = canary(71);
const KEY = { ENVDRIFT_FINGERPRINT_KEY: 'history-snapshots-test' };

const workspace = createWorkspace();
workspace.write('envdrift.yaml', HISTORY_CONFIG);
workspace.write('rules.yaml', HISTORY_RULES);
after(() => workspace.dispose());

/** Takes a snapshot with the real CLI from a fake serving `fixture`. */
async function takeSnapshot(fixture: FakeGcpFixture, out: string, env: NodeJS.ProcessEnv = KEY): Promise<void> {
  const fake = await startFakeGcp({ fixture, defaultPageSize: 2, maxPageSize: 2 });
  try {
    const result = await runCliAsync(['snapshot', '--out', out], { cwd: workspace.dir, env: { ...fakeGcpEnv(fake), ...env } });
    assert.ok(result.status === 0 || result.status === 1, `snapshot ${out}: ${result.status} ${result.stderr}`);
  } finally {
    await fake.stop();
  }
}

type BackendService = { template: { containers: Array<{ env: Array<{ name: string }> }> }; traffic?: unknown; trafficStatuses?: unknown };

/**
 * The estate with its rollout finished (all traffic on the newest revision, so no older revision lacks
 * SERVICE_SECRET); with `badDeploy`, the template lost SERVICE_SECRET.
 */
function estate(badDeploy: boolean): FakeGcpFixture {
  const fixture = historyEstate(CANARIES);
  const backend = fixture.projects[0]!.services!.find((service) => String(service.name).endsWith('/acme-backend'))! as unknown as BackendService;
  delete backend.traffic;
  backend.trafficStatuses = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: 'acme-backend-00007-ggg', percent: 100 }];
  if (badDeploy) backend.template.containers[0]!.env = backend.template.containers[0]!.env.filter((variable) => variable.name !== 'SERVICE_SECRET');
  return fixture;
}

function history(args: string[], env: NodeJS.ProcessEnv = KEY): Promise<CliResult> {
  // No emulator variables: a snapshot comparison must not need (or try) Google Cloud.
  return runCliAsync(['history', ...args], { cwd: workspace.dir, env });
}

function assertNoLeak(label: string, result: CliResult): void {
  const text = result.stdout + result.stderr;
  for (const [name, value] of Object.entries({ ...CANARIES, dotenvA: DOTENV_CANARY_A, dotenvB: DOTENV_CANARY_B })) {
    for (let start = 0; start + 12 <= value.length; start += 6) assert.ok(!text.includes(value.slice(start, start + 12)), `${label}: a piece of canary ${name} leaked`);
    assert.ok(!new RegExp(`\\b${value.length} (characters|chars|bytes)\\b`).test(text), `${label}: the length of canary ${name} leaked`);
  }
}

describe('envdrift history --snapshot A --snapshot B', () => {
  before(async () => {
    workspace.write('frontend.env', `ENVIRONMENT=dev\nAPI_TOKEN=${DOTENV_CANARY_A}\n`);
    await takeSnapshot(estate(false), 'a.json');
    workspace.write('frontend.env', `ENVIRONMENT=staging\nAPI_TOKEN=${DOTENV_CANARY_B}\n`);
    await takeSnapshot(estate(true), 'b.json');
    await takeSnapshot(estate(true), 'b-other-key.json', { ENVDRIFT_FINGERPRINT_KEY: 'another-key' });
  });

  test('key-level changes per service between the snapshots, exit 1, sensitive values hidden', async () => {
    const result = await history(['--snapshot', 'a.json', '--snapshot', 'b.json', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    assertNoLeak('json', result);
    const report = JSON.parse(result.stdout) as HistoryReport;
    assert.deepEqual(report.snapshots, { a: 'a.json', b: 'b.json' });
    assert.equal(report.since, JSON.parse(readFileSync(workspace.path('a.json'), 'utf8')).createdAt);
    const changes = (service: string) => report.services.find((candidate) => candidate.service === service)!.revisions[0]!.changes!.map((change) => `${change.change} ${change.key}: ${change.detail}`);
    assert.deepEqual(changes('backend'), ['removed SERVICE_SECRET: removed (was secret service-secret@latest (version 1))']);
    assert.deepEqual(changes('auth'), []);
    assert.deepEqual(changes('frontend'), ['value-changed API_TOKEN: value changed (value hidden: sensitive)', 'value-changed ENVIRONMENT: "dev" → "staging"']);
    assert.deepEqual(report.secrets, []);
  });

  test('--rules: the finding that appears between A and B, in text', async () => {
    const result = await history(['--snapshot', 'a.json', '--snapshot', 'b.json', '--rules']);
    assert.equal(result.status, 1, result.stderr);
    assertNoLeak('text --rules', result);
    assert.match(result.stdout, /^envdrift history: snapshot a\.json → b\.json/);
    assert.match(result.stdout, /backend-service-secret {2}staging\/backend SERVICE_SECRET: .*\n\s+since b\.json \(staging\/backend, created /);
    const json = JSON.parse((await history(['--snapshot', 'a.json', '--snapshot', 'b.json', '--rules', '--format', 'json'])).stdout) as HistoryReport;
    const appeared = json.rules!.filter((span) => span.appeared).map((span) => `${span.ruleId} ${span.service}`);
    assert.deepEqual(appeared, ['backend-service-secret backend']);
    // And backwards: B → A, the same finding disappears.
    const back = JSON.parse((await history(['--snapshot', 'b.json', '--snapshot', 'a.json', '--rules', '--format', 'json'])).stdout) as HistoryReport;
    assert.deepEqual(back.rules!.filter((span) => span.disappeared).map((span) => span.ruleId), ['backend-service-secret']);
  });

  test('the same snapshot twice: nothing changed, exit 0; markdown names both files', async () => {
    const result = await history(['--snapshot', 'b.json', '--snapshot', 'b.json', '--rules', '--format', 'markdown']);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assertNoLeak('markdown', result);
    assert.match(result.stdout, /^# envdrift history: snapshot `b\.json` → `b\.json`/);
  });

  test('a scope narrows the comparison to one service', async () => {
    const result = await history(['staging/backend', '--snapshot', 'a.json', '--snapshot', 'b.json', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as HistoryReport).services.map((service) => service.service), ['backend']);
  });

  test('a service the snapshot lacks is listed as not read: exit 3', async () => {
    const partial = JSON.parse(readFileSync(workspace.path('b.json'), 'utf8')) as { environments: Array<{ name: string; services: Array<{ name: string }> }> };
    partial.environments = partial.environments.filter((environment) => environment.name !== 'dev');
    workspace.write('b-partial.json', JSON.stringify(partial));
    const result = await history(['dev', '--snapshot', 'a.json', '--snapshot', 'b-partial.json', '--format', 'json']);
    assert.equal(result.status, 3, result.stdout + result.stderr);
    assertNoLeak('partial snapshot', result);
    const frontend = (JSON.parse(result.stdout) as HistoryReport).services.find((service) => service.service === 'frontend')!;
    assert.match(frontend.unreadable ?? '', /b-partial\.json: not in the snapshot/);
  });

  test('usage errors: one snapshot, --since with snapshots, different fingerprint keys, a missing file (exit 2, no stack trace)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--snapshot', 'a.json'], /--snapshot takes exactly two files/],
      [['--snapshot', 'a.json', '--snapshot', 'b.json', '--since', '24h'], /--since and --until do not apply to --snapshot/],
      [['--snapshot', 'a.json', '--snapshot', 'b-other-key.json'], /different fingerprint keys/],
      [['--snapshot', 'a.json', '--snapshot', 'nowhere.json'], /nowhere\.json/],
    ];
    for (const [args, message] of cases) {
      const result = await history(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
      assertNoLeak(args.join(' '), result);
    }
  });
});
