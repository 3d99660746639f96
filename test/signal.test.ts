/**
 * Signal, not noise (issue 9): a correct estate is quiet under the shipped packs, and each problem of the demo
 * estate is shown once, with the same value letters in every finding. The real CLI, through the real Google
 * clients, against the fake on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import type { FakeGcpFixture, FakeGcpProject } from '../src/demo/fake-gcp/fixture-types.js';
import { fakeGcpEnv, startFakeGcp } from '../src/demo/fake-gcp/index.js';
import { describeOrigin } from '../src/model/describe-origin.js';
import type { Origin } from '../src/model/inventory.js';
import { packageRoot } from '../src/files/package-root.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

interface JsonFinding {
  ruleId: string;
  severity: string;
  environment: string;
  service: string;
  key: string | null;
  detail: string;
  group: string;
  location: Origin;
  related: Array<{ location: Origin; note: string }>;
}

type Env = Array<{ name: string; value?: string; valueSource?: { secretKeyRef: { secret: string; version: string } } }>;
const literal = (name: string, value: string) => ({ name, value });
const secret = (name: string, secretName: string) => ({ name, valueSource: { secretKeyRef: { secret: secretName, version: 'latest' } } });

/** One project of a correct estate: every key where it belongs, one JWT secret, URLs pointing where they should. */
function correctProject(environment: string, projectId: string, projectNumber: string, domain: string): FakeGcpProject {
  const location = `projects/${projectId}/locations/us-central1`;
  const common: Env = [
    literal('ENVIRONMENT', environment),
    literal('JWT_ISSUER', 'netra-auth'),
    literal('AUTH_SERVICE_URL', `https://auth.${domain}`),
    secret('SERVICE_SECRET', `service-secret-${environment}`),
    secret('JWT_SECRET_KEY', `jwt-secret-${environment}`),
  ];
  const services: Record<string, Env> = {
    backend: [...common, literal('SERVICE_ID', 'netra-backend'), literal('FRONTEND_URL', `https://app.${domain}`)],
    // auth knows its own public URL: a self-reference is right, not drift.
    auth: [...common, secret('JWT_SECRET', `jwt-secret-${environment}`), literal('FRONTEND_URL', `https://app.${domain}`)],
    frontend: [...common, literal('SERVICE_ID', 'netra-frontend'), literal('API_URL', `https://api.${domain}`)],
  };
  const revision = (id: string) => `${location}/services/${id}/revisions/${id}-00007-abc`;
  return {
    projectId,
    projectNumber,
    locations: ['us-central1'],
    services: Object.entries(services).map(([id, env]) => ({
      name: `${location}/services/${id}`,
      generation: '7',
      observedGeneration: '7',
      template: { containers: [{ name: id, image: `us-docker.pkg.dev/${projectId}/app/${id}:v7`, env }] },
      traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
      trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: `${id}-00007-abc`, percent: 100 }],
      latestReadyRevision: revision(id),
      latestCreatedRevision: revision(id),
    })),
    revisions: Object.entries(services).map(([id, env]) => ({ name: revision(id), service: id, containers: [{ name: id, env }] })),
    // Correct includes access: the services run as the default compute identity, which may read the project's secrets.
    iamPolicy: { bindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${projectNumber}-compute@developer.gserviceaccount.com`] }] },
    secrets: [`service-secret-${environment}`, `jwt-secret-${environment}`].map((name) => ({
      secret: { name: `projects/${projectId}/secrets/${name}`, replication: { automatic: {} } },
      versions: [{ version: { name: `projects/${projectId}/secrets/${name}/versions/1`, createTime: '2026-11-01T00:00:00Z', state: 'ENABLED' }, payload: { text: `kV3xT9pLq2ZrN8wY5uH1bJ6mC0dF2gA7-${projectNumber}-${name.length}` } }],
    })),
  };
}

const CORRECT_ESTATE: FakeGcpFixture = {
  projects: [correctProject('staging', 'acme-staging', '1001', 'staging.acme.example'), correctProject('production', 'acme-prod', '1002', 'acme.example')],
};

function correctConfig(): string {
  const environment = (name: string, project: string, domain: string, production: boolean) => ({
    production,
    cloudrun: { project, regions: ['us-central1'] },
    services: {
      backend: { cloudrun: 'backend', urls: [`https://api.${domain}`] },
      auth: { cloudrun: 'auth', urls: [`https://auth.${domain}`] },
      frontend: { cloudrun: 'frontend', urls: [`https://app.${domain}`] },
    },
  });
  return workspace.write('correct/envdrift.yaml', stringify({
    version: 1,
    packs: ['recommended', { auth: { producer: 'auth', consumers: ['backend', 'frontend'], identities: ['netra-backend', 'netra-frontend'] } }],
    environments: { staging: environment('staging', 'acme-staging', 'staging.acme.example', false), production: environment('production', 'acme-prod', 'acme.example', true) },
  }));
}

async function runLive(fixture: FakeGcpFixture, args: string[]) {
  const fake = await startFakeGcp({ fixture });
  try {
    return await runCliAsync(args, { cwd: packageRoot, env: fakeGcpEnv(fake) });
  } finally {
    await fake.stop();
  }
}

describe('a correct estate is quiet', () => {
  test('recommended + auth packs, two environments, three services, secrets at latest: exit 0, no error, at most one warning per service', async () => {
    const config = correctConfig();
    const json = await runLive(CORRECT_ESTATE, ['check', '--config', config, '--format', 'json']);
    assert.equal(json.status, 0, `${json.stdout}\n${json.stderr}`);
    const findings = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
    assert.deepEqual(findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key}`), []);
    const perService = new Map<string, number>();
    for (const finding of findings) perService.set(`${finding.environment}/${finding.service}`, (perService.get(`${finding.environment}/${finding.service}`) ?? 0) + 1);
    for (const [service, count] of perService) assert.ok(count <= 1, `${service} has ${count} warnings: ${JSON.stringify(findings.filter((finding) => `${finding.environment}/${finding.service}` === service).map((finding) => finding.detail))}`);
    // The one warning a service may get is the pinned-version reminder, naming all its floating references at once.
    assert.ok(findings.every((finding) => finding.ruleId === 'recommended/pinned-secret-versions'), JSON.stringify(findings.map((finding) => finding.ruleId)));
    assert.match(findings.find((finding) => finding.service === 'auth')?.detail ?? '', /3 secret references of auth follow 'latest' or an alias: SERVICE_SECRET → service-secret-\w+@latest \(today 1\), JWT_SECRET_KEY → .*JWT_SECRET → /);
  });
});

describe('the demo shows each problem once', () => {
  const demo = (format: string) => runCliAsync(['demo', '--format', format], { cwd: packageRoot });

  test('the text report has no more entries than distinct (environment, service, key, place) targets, and fewer than findings', async () => {
    const [text, json] = await Promise.all([demo('text'), demo('json')]);
    const findings = (JSON.parse(json.stdout) as { findings: Array<JsonFinding & { suppressed?: unknown }> }).findings.filter((finding) => !finding.suppressed);
    const targets = new Set(findings.map((finding) => `${finding.environment}/${finding.service} ${finding.key} ${describeOrigin(finding.location)}`));
    const entries = text.stdout.split('\n').filter((line) => /^ {2}(error|warning|info) {2,}\S/.test(line));
    assert.ok(entries.length <= targets.size, `${entries.length} entries for ${targets.size} distinct targets:\n${entries.join('\n')}`);
    assert.ok(entries.length < findings.length, 'the demo has problems several rules flag; they are folded');
    // The frontend's AUTH_SERVICE_URL is flagged by a pack rule and two project rules: one entry names all three.
    const frontendUrl = text.stdout.split('\n\n').find((block) => block.startsWith('staging / frontend'))!;
    assert.equal(frontendUrl.match(/^ {2}(error|warning) /gm)?.length, 1, frontendUrl);
    assert.match(frontendUrl, /recommended\/no-loopback-or-run-app-urls, auth-url-points-at-auth, service-urls-https/);
    // A rule on the template and the serving revision: one entry listing both variants.
    assert.match(text.stdout, /SERVICE_ID is "netra-auth-1757260376", expected "netra-backend" \[template, revision netra-backend-00041-net\]/);
  });

  test('JSON keeps one finding per rule and gives the findings of one problem a shared group id', async () => {
    const json = await demo('json');
    const findings = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
    const frontendUrl = findings.filter((finding) => finding.environment === 'staging' && finding.service === 'frontend' && finding.key === 'AUTH_SERVICE_URL');
    assert.deepEqual(frontendUrl.map((finding) => finding.ruleId).sort(), ['auth-url-points-at-auth', 'recommended/no-loopback-or-run-app-urls', 'service-urls-https']);
    assert.equal(new Set(frontendUrl.map((finding) => finding.group)).size, 1);
    assert.match(frontendUrl[0]!.group, /^[0-9a-f]{16}$/);
    const others = findings.filter((finding) => !frontendUrl.includes(finding));
    assert.ok(others.every((finding) => finding.group !== frontendUrl[0]!.group), 'no other problem shares the group');
  });

  test('two rules about one JWT mismatch locate it on the same side and give each value the same letter', async () => {
    const json = await demo('json');
    const mismatch = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.environment === 'staging' && /values differ/.test(finding.detail));
    assert.deepEqual(mismatch.map((finding) => finding.ruleId).sort(), ['jwt-secret-shared', 'recommended/jwt-secrets-agree']);
    assert.equal(new Set(mismatch.map((finding) => describeOrigin(finding.location))).size, 1, 'both located at the same member');
    const lettersOf = (finding: JsonFinding) => Object.fromEntries([...finding.detail.matchAll(/((?:backend|auth) JWT_SECRET\w*(?: \([^)]*\))?)(?=[,;]| share| has)/g)].map((match) => [match[1], letterFor(finding.detail, match[1]!)]));
    const [first, second] = mismatch.map(lettersOf);
    for (const [member, letter] of Object.entries(first!)) if (member in second!) assert.equal(second![member], letter, `${member} is value ${letter} in one finding and ${second![member]} in the other`);
    assert.equal(new Set(mismatch.map((finding) => finding.group)).size, 1);
  });
});

/** The letter a member's group has in "a, b share value A; c has value B". */
function letterFor(detail: string, member: string): string | undefined {
  for (const part of detail.replace(/^values differ[^:]*: /, '').split('; ')) {
    const match = /(?:share|has) value (\S+)$/.exec(part);
    if (match && part.includes(member)) return match[1];
  }
  return undefined;
}

describe('not evaluated, compactly', () => {
  test('one line per unreadable file with the checks it blocked; rules that only apply to deployed configuration are not listed', () => {
    workspace.write('unread/envdrift.yaml', stringify({
      version: 1,
      packs: ['recommended'],
      environments: { staging: { services: { backend: { dotenv: ['backend.env'] }, auth: { dotenv: ['auth.env'] } } } },
    }));
    workspace.write('unread/auth.env', 'LOG_LEVEL=info\n');
    const result = runCli(['check'], { cwd: workspace.path('unread') });
    assert.equal(result.status, 3, result.stdout + result.stderr);
    const section = result.stdout.slice(result.stdout.indexOf('Not evaluated'));
    const lines = section.split('\n').filter((line) => /^ {2}\S/.test(line));
    assert.deepEqual(lines, ['  backend.env does not exist (staging/backend)']);
    assert.match(section, /blocks \d+ checks: envdrift\/read, /);
    // pinned-secret-versions and no-source-flips look at deployed configuration only: a .env file can never feed them.
    assert.doesNotMatch(section, /pinned-secret-versions|no-source-flips/);
  });
});
