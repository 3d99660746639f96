/**
 * The Cloud Run and Secret Manager sources, end to end: the real CLI (a subprocess) talks through the real
 * Google client libraries over gRPC to the fake on 127.0.0.1, seeded with the demo estate, with and without
 * faults. Each test asserts both the findings and the exit code.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import type { FakeGcpFixture } from '../src/demo/fake-gcp/fixture-types.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpFaults, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { reporters } from '../src/reporters/index.js';
import { runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const LIVE_CONFIG = `${packageRoot}/examples/live/envdrift.yaml`;
const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonFinding {
  ruleId: string;
  environment: string;
  service: string;
  variant: string;
  key: string;
  detail: string;
  location: Record<string, string>;
}
interface JsonReport {
  findings: JsonFinding[];
  unevaluated: Array<{ ruleId: string; environment: string; service: string; key: string | null; reason: string }>;
}

async function withFake<T>(options: { fixture?: FakeGcpFixture; faults?: FakeGcpFaults; maxPageSize?: number }, body: (fake: FakeGcpServer) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture: options.fixture ?? DEMO_ESTATE, defaultPageSize: 50, ...(options.faults && { faults: options.faults }), ...(options.maxPageSize && { maxPageSize: options.maxPageSize }) });
  try {
    return await body(fake);
  } finally {
    await fake.stop();
  }
}

async function check(fake: FakeGcpServer, args: string[] = [], config = LIVE_CONFIG) {
  const result = await runCliAsync(['check', '--config', config, '--format', 'json', ...args], { cwd: packageRoot, env: fakeGcpEnv(fake) });
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

const ids = (report: JsonReport) => report.findings.map((finding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key ?? ''} [${finding.variant}]`);

describe('reading the demo estate through the real clients', () => {
  test('finds the seeded drift, naming project, region, service, revision and container', async () => {
    await withFake({}, async (fake) => {
      const { status, report, stderr } = await check(fake);
      assert.equal(status, 1);
      assert.doesNotMatch(stderr, /reading (services|secret versions)/, 'progress is for terminals only, not pipes or CI logs');
      const found = ids(report);
      for (const expected of [
        'jwt-secret-shared staging/auth JWT_SECRET_KEY [template]',
        'backend-service-id staging/backend SERVICE_ID [template]',
        'backend-service-id staging/backend SERVICE_ID [revision netra-backend-00041-net]',
        'backend-auth-config-present staging/backend SERVICE_SECRET [revision netra-backend-00041-net]',
        'envdrift/revision-drift staging/backend SERVICE_SECRET [.env]',
        'environment-declared production/backend ENVIRONMENT [template]',
        'auth-url-points-at-auth production/backend AUTH_SERVICE_URL [template]',
        'recommended/no-test-switches-in-production production/auth AUTH_FAST_TEST_MODE [template]',
        'envdrift/secret-version-unusable production/backend SERVICE_SECRET [.env]',
        'secrets-not-shared-across-environments staging/backend JWT_SECRET_KEY [.env]',
      ]) {
        assert.ok(found.some((line) => line.replace(/\[(undefined|null)\]$/, '[.env]') === expected), `missing ${expected}; found:\n${found.join('\n')}`);
      }
      const serviceId = report.findings.find((finding) => finding.ruleId === 'backend-service-id' && finding.variant.startsWith('revision'))!;
      assert.deepEqual(serviceId.location, {
        kind: 'cloudrun',
        project: 'netra-staging',
        region: 'us-central1',
        service: 'netra-backend',
        revision: 'netra-backend-00041-net',
        container: 'netra-backend',
        text: 'Cloud Run netra-staging/us-central1/netra-backend (revision netra-backend-00041-net, container netra-backend)',
      });
      const unusable = report.findings.find((finding) => finding.ruleId === 'envdrift/secret-version-unusable')!;
      assert.match(unusable.detail, /service-secret-prod version latest \(latest is version 2\), which is DISABLED/);
    });
  });

  test('uses the fewest calls: locations only where no regions are given, one list per region page, one call per secret version', async () => {
    await withFake({}, async (fake) => {
      await check(fake);
      assert.deepEqual(fake.calls.byMethod(), {
        ListLocations: 1, // production names no regions
        ListServices: 3, // staging: us-central1; production: us-central1 and europe-west1
        ListJobs: 1, // staging names a job: its one region; production names none, so no job is listed there
        GetRevision: 1, // the older revision still serving 10% (the latest one is the template)
        AccessSecretVersion: 6, // six distinct versions, each read once although several services share them
        // no GetSecretVersion: a refused access already says whether the version is DISABLED or DESTROYED
        GetSecretIamPolicy: 6, // one per distinct secret referenced, however many workloads reference it
        GetProjectIamPolicy: 2, // one per project holding referenced secrets
        // no GetProject: every workload names its service account, so no default compute account is needed
      });
    });
  });

  test('no payload of the estate reaches any output format', async () => {
    await withFake({}, async (fake) => {
      const payloads = DEMO_ESTATE.projects.flatMap((project) => project.secrets!.flatMap((secret) => secret.versions!.map((version) => (version.payload as { text: string }).text)));
      for (const format of Object.keys(reporters)) {
        const result = await runCliAsync(['check', '--config', LIVE_CONFIG, '--format', format], { cwd: packageRoot, env: fakeGcpEnv(fake) });
        for (const payload of payloads) {
          for (const piece of [payload, payload.slice(4, 10), payload.slice(8)]) {
            assert.ok(!result.stdout.includes(piece) && !result.stderr.includes(piece), `${format} output holds (part of) a secret payload`);
          }
        }
      }
    });
  });
});

test('require with pinned: true reports secret references to latest, naming the version it resolves to today', async () => {
  const live = (await import('node:fs')).readFileSync(LIVE_CONFIG, 'utf8');
  workspace.write('pinned/envdrift.yaml', live.replace('packs: [recommended]', 'packs: []').replace('  - ../rules/', '  - rules.yaml'));
  workspace.write('pinned/rules.yaml', 'rules:\n  - { id: pinned-secrets, kind: require, severity: warning, description: d, remediation: r, environments: [production], services: [backend], keys: [JWT_SECRET_KEY, SERVICE_SECRET], pinned: true }\n');
  await withFake({}, async (fake) => {
    const { report } = await check(fake, [], workspace.path('pinned/envdrift.yaml'));
    const pinned = report.findings.filter((finding) => finding.ruleId === 'pinned-secrets').map((finding) => finding.detail);
    assert.deepEqual(pinned, ["SERVICE_SECRET references secret service-secret-prod at 'latest' (today version 2); pin a version number so a new version cannot change it unreviewed"]);
  });
});

describe('faults: what could not be read is never a pass', () => {
  test('permission denied on a project names the permission and role, and the rest is still checked', async () => {
    await withFake({ faults: { permissionDenied: ['projects/netra-prod'] } }, async (fake) => {
      const { status, report } = await check(fake);
      assert.equal(status, 1, 'staging findings still fail the run');
      assert.ok(report.findings.some((finding) => finding.environment === 'staging'));
      assert.ok(!report.findings.some((finding) => finding.environment === 'production' && finding.ruleId !== 'secrets-not-shared-across-environments'));
      const reasons = report.unevaluated.filter((item) => item.environment === 'production').map((item) => item.reason);
      assert.ok(reasons.length > 0);
      assert.match(reasons[0]!, /permission denied: reading the locations of project netra-prod needs run\.locations\.list \(granted by roles\/run\.viewer\)/);
      const onlyProduction = await check(fake, ['--env', 'production']);
      assert.equal(onlyProduction.status, 3);
    });
  });

  test('a region that never answers costs at most --timeout, and the other regions are still read', async () => {
    await withFake({ faults: { hangingRegions: ['europe-west1'] } }, async (fake) => {
      const { status, report, ms } = await check(fake, ['--env', 'production', '--timeout', '3']);
      assert.ok(ms < 12_000, `took ${ms} ms`);
      assert.equal(status, 1, 'the services in us-central1 were read and have findings');
      assert.ok(report.findings.some((finding) => finding.ruleId === 'environment-declared'));
    });
  });

  test('a region that hangs in one environment never holds up another environment\'s revisions and secrets', async () => {
    await withFake({ faults: { hangingRegions: ['europe-west1'] } }, async (fake) => {
      const { report } = await check(fake, ['--timeout', '4']);
      assert.deepEqual(report.unevaluated.filter((item) => item.environment === 'staging'), [], 'staging was read in full');
      assert.ok(report.findings.some((finding) => finding.ruleId === 'jwt-secret-shared' && finding.environment === 'staging'), 'staging secrets were compared');
    });
  });

  test('a service missing while a region timed out is not evaluated, not "not deployed"', async () => {
    const config = workspace.write('missing/envdrift.yaml', `version: 1\npacks: []\nenvironments:\n  production:\n    cloudrun: { project: netra-prod }\n    services:\n      billing: { cloudrun: netra-billing }\n`);
    await withFake({ faults: { hangingRegions: ['europe-west1'] } }, async (fake) => {
      const { status, report } = await check(fake, ['--timeout', '2'], config);
      assert.equal(status, 3);
      assert.deepEqual(report.findings, []);
    });
    await withFake({}, async (fake) => {
      const { status, report } = await check(fake, [], config);
      assert.equal(status, 1);
      assert.deepEqual(report.findings.map((finding) => `${finding.ruleId}: ${finding.detail}`), [
        'envdrift/service-not-deployed: Cloud Run service netra-billing is not deployed in project netra-prod (any region)',
      ]);
    });
  });

  test('a corrupt checksum leaves the value unknown: the comparisons that need it are not evaluated', async () => {
    await withFake({ faults: { corruptChecksums: ['projects/netra-staging/secrets/jwt-secret-staging/versions/1'] } }, async (fake) => {
      const { report } = await check(fake, ['--env', 'staging']);
      assert.ok(!report.findings.some((finding) => finding.ruleId === 'jwt-secret-shared'), 'a comparison was made with a corrupt value');
      const item = report.unevaluated.find((entry) => entry.ruleId === 'jwt-secret-shared');
      assert.match(item?.reason ?? '', /failed its CRC32C check/);
    });
  });

  test('a page token the server refuses makes the region unreadable, not empty', async () => {
    await withFake({ faults: { badPageTokens: ['ListServices'] }, maxPageSize: 1 }, async (fake) => {
      const { status, report } = await check(fake, ['--env', 'staging']);
      assert.equal(status, 3, JSON.stringify(report.findings.map((finding) => finding.ruleId)));
      assert.match(report.unevaluated[0]!.reason, /INVALID_ARGUMENT reading the services in projects\/netra-staging\/locations\/us-central1/);
    });
  });

  test('UNAVAILABLE is retried with backoff and then succeeds', async () => {
    await withFake({ faults: { unavailableFirstCalls: { ListServices: 2, AccessSecretVersion: 1 } } }, async (fake) => {
      const { status } = await check(fake, ['--env', 'staging']);
      assert.equal(status, 1);
      assert.equal(fake.calls.of('ListServices'), 3, 'one list for the region, after two refused attempts');
      assert.equal(fake.calls.of('AccessSecretVersion'), 5, 'four versions, one retried once');
    });
  });

  test('a destroyed pinned version is a finding', async () => {
    const fixture = structuredClone(DEMO_ESTATE);
    const prod = fixture.projects.find((project) => project.projectId === 'netra-prod')!;
    const jwt = prod.secrets!.find((secret) => String(secret.secret.name).endsWith('/jwt-secret-prod'))!;
    (jwt.versions![0]!.version as { state: string }).state = 'DESTROYED';
    delete jwt.versions![0]!.payload;
    await withFake({ fixture }, async (fake) => {
      const { report } = await check(fake, ['--env', 'production']);
      const details = report.findings.filter((finding) => finding.ruleId === 'envdrift/secret-version-unusable').map((finding) => `${finding.service} ${finding.detail}`);
      assert.ok(details.some((detail) => /^backend JWT_SECRET_KEY references secret jwt-secret-prod version 1, which is DESTROYED/.test(detail)), details.join('\n'));
    });
  });
});

describe('credentials', () => {
  test('without credentials or an emulator: exit 3 with how to log in and the roles needed, and no hang', async () => {
    const home = workspace.path('empty-home');
    workspace.write('empty-home/.keep', '');
    const result = await runCliAsync(['check', '--config', LIVE_CONFIG], { cwd: packageRoot, env: { HOME: home }, timeoutMs: 20_000 });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /no Google Cloud credentials found/);
    assert.match(result.stderr, /gcloud auth application-default login/);
    assert.match(result.stderr, /roles\/run\.viewer/);
    assert.match(result.stderr, /roles\/secretmanager\.secretAccessor/);
    assert.equal(result.stderr.match(/gcloud auth application-default login/g)!.length, 1, 'said once, not per service');
    assert.match(result.stdout, /Cloud Run not read: no Google Cloud credentials found/);
  });
});
