/**
 * `envdrift init`, end to end: the real CLI writes a config and rules from .env files, an existing config, the
 * demo estate on the fake Google Cloud (real clients over gRPC on 127.0.0.1) or a snapshot; `check` on the same
 * state then finds nothing under the inferred rules, and seeded drift shows up under them. Canaries prove no
 * secret reaches a written file.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { DEMO_ESTATE } from '../src/demo/demo-estate.js';
import type { FakeGcpFixture } from '../src/demo/fake-gcp/fixture-types.js';
import { fakeGcpEnv, startFakeGcp, type FakeGcpServer } from '../src/demo/fake-gcp/index.js';
import { packageRoot } from '../src/files/package-root.js';
import { snapshotOf } from './support/case-snapshot.js';
import { runCli, runCliAsync, type CliResult } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace('envdrift-init-');
after(() => workspace.dispose());

interface JsonFinding {
  ruleId: string;
  environment: string;
  service: string;
  key: string | null;
  detail: string;
}
interface Rule {
  id: string;
  kind: string;
  [option: string]: unknown;
}

const findings = (result: CliResult) => {
  assert.ok(result.stdout.startsWith('{'), `no JSON report (exit ${result.status}):\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
};
const fromInit = (found: JsonFinding[]) => found.filter((finding) => finding.ruleId.startsWith('init/')).map((finding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key ?? ''}`);
const rulesIn = (file: string) => (parse(readFileSync(file, 'utf8')) as { rules: Rule[] }).rules;
const rule = (rules: Rule[], id: string) => {
  const found = rules.find((candidate) => candidate.id === id);
  assert.ok(found, `no rule ${id}; rules: ${rules.map((candidate) => candidate.id).join(', ')}`);
  return found;
};

/** A random secret of an unusual length, so it cannot turn up by chance. */
const canary = (tag: string) => `${tag}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
const JWT_STAGING = canary('jwtS');
const JWT_PRODUCTION = canary('jwtP');
const DB_PASSWORD = canary('dbpw');
/** A token-shaped value under a name that does not look sensitive: still never written. */
const TOKEN_LIKE = 'Zq8' + canary('x').replace(/[^a-z0-9]/g, '') + 'QW9';

function writeEstate(dir: string): void {
  const files: Record<string, string> = {
    'env/backend.staging': `ENVIRONMENT=staging\nSERVICE_ID=netra-backend\nJWT_SECRET_KEY=${JWT_STAGING}\nJWT_ISSUER=netra-auth-service\nLOG_LEVEL=debug\nUPSTREAM_REF=${TOKEN_LIKE}\n`,
    'env/auth.staging': `ENVIRONMENT=staging\nSERVICE_ID=netra-auth\nJWT_SECRET=${JWT_STAGING}\nJWT_ISSUER=netra-auth-service\nLOG_LEVEL=debug\nUPSTREAM_REF=${TOKEN_LIKE}\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal/app\n`,
    'env/backend.production': `ENVIRONMENT=production\nSERVICE_ID=netra-backend\nJWT_SECRET_KEY=${JWT_PRODUCTION}\nJWT_ISSUER=netra-auth-service\nLOG_LEVEL=info\n`,
    'env/auth.production': `ENVIRONMENT=production\nSERVICE_ID=netra-auth\nJWT_SECRET=${JWT_PRODUCTION}\nJWT_ISSUER=netra-auth-service\nLOG_LEVEL=info\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal/app\n`,
  };
  for (const [path, text] of Object.entries(files)) workspace.write(`${dir}/${path}`, text);
}

const DOTENV_FLAGS = ['staging/backend=env/backend.staging', 'staging/auth=env/auth.staging', 'production/backend=env/backend.production', 'production/auth=env/auth.production'].flatMap((spec) => ['--dotenv', spec]);

function assertNoSecrets(texts: string[], secrets: string[]): void {
  for (const text of texts) {
    for (const secret of secrets) {
      for (const piece of [secret, secret.slice(5, 15)]) assert.ok(!text.includes(piece), `a written file or output holds (part of) a secret: ${piece}`);
    }
  }
}

describe('envdrift init from .env files', () => {
  writeEstate('dotenv');
  const cwd = workspace.path('dotenv');
  const init = runCli(['init', ...DOTENV_FLAGS], { cwd });

  test('writes a config and commented rules that hold today, and says what it wrote', () => {
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stderr, /wrote envdrift\.yaml and rules\/envdrift-init\.yaml: 10 rules \(4 require, 4 equals, 2 match\) from 2 services in 2 environments/);
    const config = parse(readFileSync(workspace.path('dotenv/envdrift.yaml'), 'utf8'));
    assert.deepEqual(config.rules, ['rules/envdrift-init.yaml']);
    assert.deepEqual(config.environments.staging.services.auth, { dotenv: ['env/auth.staging'] });
    assert.equal(config.environments.production.production, true);

    const text = readFileSync(workspace.path('dotenv/rules/envdrift-init.yaml'), 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=/);
    assert.match(text, /# Set, and not empty, on every service of every environment: auth and backend in staging and production\.\n {2}- id: init\/required-everywhere/);
    const rules = rulesIn(workspace.path('dotenv/rules/envdrift-init.yaml'));
    assert.deepEqual(rule(rules, 'init/required-everywhere').keys, ['ENVIRONMENT', 'JWT_ISSUER', 'LOG_LEVEL', 'SERVICE_ID']);
    assert.deepEqual(rule(rules, 'init/required-on-auth').keys, ['DATABASE_URL', 'JWT_SECRET']);
    assert.deepEqual(rule(rules, 'init/required-in-staging').keys, ['UPSTREAM_REF']);
    assert.deepEqual(rule(rules, 'init/environment-equals'), { ...rule(rules, 'init/environment-equals'), key: 'ENVIRONMENT', value: '{environment}', optional: true });
    assert.equal(rule(rules, 'init/jwt-issuer-equals').value, 'netra-auth-service');
    assert.equal(rule(rules, 'init/log-level-equals-in-staging').value, 'debug');
    assert.deepEqual(rule(rules, 'init/log-level-equals-in-staging').environments, ['staging']);
    // Secrets are related by fingerprint, under different names, and never quoted.
    assert.deepEqual(rule(rules, 'init/jwt-secret-shared').members, [{ service: 'auth', key: 'JWT_SECRET' }, { service: 'backend', key: 'JWT_SECRET_KEY' }]);
    assert.ok(!rules.some((candidate) => candidate.kind === 'equals' && ['JWT_SECRET', 'JWT_SECRET_KEY', 'DATABASE_URL', 'UPSTREAM_REF'].includes(candidate.key as string)));
    // Two services with different identities: seen, listed for review, no rule.
    assert.match(text, /# Seen, but not turned into rules[^\n]*\n(#.*\n)*# {3}- SERVICE_ID holds 2 different values in staging \(auth and backend\)/);
  });

  test('never writes a secret, a secret-like value or a token-shaped value', () => {
    const written = [readFileSync(workspace.path('dotenv/envdrift.yaml'), 'utf8'), readFileSync(workspace.path('dotenv/rules/envdrift-init.yaml'), 'utf8'), init.stdout, init.stderr];
    assertNoSecrets(written, [JWT_STAGING, JWT_PRODUCTION, DB_PASSWORD, TOKEN_LIKE]);
  });

  test('check on the same state is clean; seeded drift shows up under the inferred rules', () => {
    const clean = runCli(['check', '--format', 'json'], { cwd });
    assert.equal(clean.status, 0, clean.stdout);
    // Clean but for the keys init itself recorded as staging-only (init/required-in-staging): the recommended
    // pack's parity check keeps reminding that production lacks them.
    assert.deepEqual(
      findings(clean).map((finding) => `${finding.ruleId} ${finding.environment}/${finding.service} ${finding.key}`).sort(),
      ['recommended/environment-parity production/backend UPSTREAM_REF', 'recommended/environment-parity production/auth UPSTREAM_REF'].sort(),
    );

    workspace.write('dotenv/env/auth.staging', readFileSync(workspace.path('dotenv/env/auth.staging'), 'utf8').replace('LOG_LEVEL=debug', 'LOG_LEVEL=trace').replace(JWT_STAGING, canary('rotated')));
    workspace.write('dotenv/env/backend.production', readFileSync(workspace.path('dotenv/env/backend.production'), 'utf8').replace('SERVICE_ID=netra-backend\n', '').replace('ENVIRONMENT=production', 'ENVIRONMENT=staging'));
    const drifted = runCli(['check', '--format', 'json'], { cwd });
    assert.equal(drifted.status, 1);
    const found = fromInit(findings(drifted));
    for (const expected of [
      'init/required-everywhere production/backend SERVICE_ID',
      'init/environment-equals production/backend ENVIRONMENT',
      'init/log-level-equals-in-staging staging/auth LOG_LEVEL',
    ]) {
      assert.ok(found.includes(expected), `missing ${expected}; found:\n${found.join('\n')}`);
    }
    assert.ok(found.some((line) => line.startsWith('init/jwt-secret-shared staging/')), `the rotated JWT secret is not reported; found:\n${found.join('\n')}`);
    assertNoSecrets([drifted.stdout, drifted.stderr], [JWT_STAGING, JWT_PRODUCTION, DB_PASSWORD]);
    writeEstate('dotenv');
  });

  test('never overwrites without --force, and says so before reading anything', () => {
    const before = readFileSync(workspace.path('dotenv/rules/envdrift-init.yaml'), 'utf8');
    writeFileSync(workspace.path('dotenv/envdrift.yaml'), '# mine\n' + readFileSync(workspace.path('dotenv/envdrift.yaml'), 'utf8'));
    const again = runCli(['init', ...DOTENV_FLAGS], { cwd });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /envdrift\.yaml and rules\/envdrift-init\.yaml already exist; envdrift init never overwrites a file: pass --force/);
    assert.match(readFileSync(workspace.path('dotenv/envdrift.yaml'), 'utf8'), /^# mine/);
    assert.equal(readFileSync(workspace.path('dotenv/rules/envdrift-init.yaml'), 'utf8'), before);

    const forced = runCli(['init', ...DOTENV_FLAGS, '--force'], { cwd });
    assert.equal(forced.status, 0, forced.stderr);
    assert.doesNotMatch(readFileSync(workspace.path('dotenv/envdrift.yaml'), 'utf8'), /^# mine/);
  });

  test('a file that cannot be read: the rest is still written, and the exit code is 3', () => {
    const result = runCli(['init', ...DOTENV_FLAGS, '--dotenv', 'staging/worker=env/worker.staging', '--out-dir', 'partial'], { cwd });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /incomplete; these could not be read, so nothing was inferred from them:\n {2}staging\/worker: env\/worker\.staging does not exist/);
    const text = readFileSync(workspace.path('dotenv/partial/rules/envdrift-init.yaml'), 'utf8');
    assert.match(text, /# Could not be read, so nothing was inferred from it \(envdrift init exited 3\):\n# {3}- staging\/worker: /);
    assert.deepEqual(rule(rulesIn(workspace.path('dotenv/partial/rules/envdrift-init.yaml')), 'init/required-on-auth').keys, ['DATABASE_URL', 'JWT_SECRET']);
    // Paths in the written config are relative to it.
    assert.deepEqual(parse(readFileSync(workspace.path('dotenv/partial/envdrift.yaml'), 'utf8')).environments.staging.services.worker, { dotenv: ['../env/worker.staging'] });
  });

  test('usage errors exit 2 with a message, before anything is read or written', () => {
    const empty = workspace.path('empty');
    workspace.write('empty/.keep', '');
    const cases: Array<[string[], RegExp]> = [
      [['init'], /nothing to read: no envdrift\.yaml in .*--project P --env NAME/],
      [['init', '--project', 'netra-staging'], /each --project needs an --env naming its environment/],
      [['init', '--project', 'netra-staging', '--env', 'staging', '--config', 'x.yaml'], /give one or the other/],
      [['init', '--dotenv', 'staging/backend=a.env', '--snapshot', 's.json'], /do not combine it with --project or --dotenv/],
      [['init', '--dotenv', 'staging'], /expected ENV\/SERVICE=FILE/],
      [['init', '--dotenv', 'staging=shared.env'], /no service of staging is given/],
      [['init', '--region', 'us-central1', '--dotenv', 'staging/backend=a.env'], /--region says where to read a --project/],
      [['init', '--project', 'Not_A_Project', '--env', 'staging'], /expected a Google Cloud project id/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args, { cwd: empty });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
    }
  });
});

describe('envdrift init from an existing config', () => {
  test('writes only the rules next to the config, which check then applies cleanly', () => {
    cpSync(`${packageRoot}/examples`, workspace.path('examples'), { recursive: true });
    const config = readFileSync(workspace.path('examples/envdrift.yaml'), 'utf8');
    const result = runCli(['init'], { cwd: workspace.path('examples') });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /wrote rules\/envdrift-init\.yaml: /);
    assert.doesNotMatch(result.stderr, /does not load/); // its `rules: [rules/]` picks the file up
    assert.equal(readFileSync(workspace.path('examples/envdrift.yaml'), 'utf8'), config);
    const check = runCli(['check', '--format', 'json'], { cwd: workspace.path('examples') });
    assert.deepEqual(fromInit(findings(check)), []);
    // The example's own seeded drift is seen and listed, not captured as a rule.
    assert.match(readFileSync(workspace.path('examples/rules/envdrift-init.yaml'), 'utf8'), /AUTH_FAST_TEST_MODE is set on auth in production, but not in staging/);
  });

  test('a config that does not load the rules file gets the line to add, never an edit; --env names the environments', () => {
    writeEstate('own');
    workspace.write('own/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [env/backend.staging] }\n      auth: { dotenv: [env/auth.staging] }\n  production:\n    services:\n      backend: { dotenv: [env/backend.production] }\n      auth: { dotenv: [env/auth.production] }\n');
    const result = runCli(['init', '--config', 'own/envdrift.yaml', '--env', 'staging'], { cwd: workspace.dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /wrote own\/rules\/envdrift-init\.yaml/);
    assert.match(result.stderr, /own\/envdrift\.yaml does not load rules\/envdrift-init\.yaml yet; add it under rules: \(rules: \[rules\/envdrift-init\.yaml\]\)/);
    // Only staging was read, so no rule may claim production.
    for (const inferred of rulesIn(workspace.path('own/rules/envdrift-init.yaml'))) assert.deepEqual(inferred.environments, ['staging'], inferred.id);
  });
});

/** The demo estate with drift seeded into staging: a changed issuer on backend, and SERVICE_SECRET dropped from auth. */
function driftedEstate(): FakeGcpFixture {
  const fixture = structuredClone(DEMO_ESTATE) as FakeGcpFixture;
  const staging = fixture.projects.find((project) => project.projectId === 'netra-staging')!;
  type Env = Array<{ name: string; value?: string }>;
  const edit = (service: string, change: (env: Env) => Env) => {
    for (const resource of [...staging.services!, ...staging.revisions!] as Array<{ name: string; template?: { containers: Array<{ env: Env }> }; containers?: Array<{ env: Env }> }>) {
      if (!resource.name.includes(`/services/${service}`) || resource.name.endsWith('-00041-net')) continue;
      for (const container of resource.template?.containers ?? resource.containers ?? []) container.env = change(container.env);
    }
  };
  edit('netra-backend', (env) => env.map((variable) => (variable.name === 'JWT_ISSUER' ? { name: 'JWT_ISSUER', value: 'netra-auth' } : variable)));
  edit('netra-auth', (env) => env.filter((variable) => variable.name !== 'SERVICE_SECRET'));
  return fixture;
}

async function withFake<T>(fixture: FakeGcpFixture, body: (fake: FakeGcpServer) => Promise<T>): Promise<T> {
  const fake = await startFakeGcp({ fixture });
  try {
    return await body(fake);
  } finally {
    await fake.stop();
  }
}

describe('envdrift init from Cloud Run and Secret Manager (the demo estate, real clients)', () => {
  const payloads = DEMO_ESTATE.projects.flatMap((project) => project.secrets!.flatMap((secret) => secret.versions!.map((version) => (version.payload as { text: string }).text)));
  const PROJECTS = ['--project', 'netra-staging', '--env', 'staging', '--project', 'netra-prod', '--env', 'production'];
  workspace.write('live/.keep', '');
  const cwd = workspace.path('live');
  const env = (fake: FakeGcpServer) => ({ ...fakeGcpEnv(fake), ENVDRIFT_FINGERPRINT_KEY: 'init-test-key' });

  test('live → check is clean under the inferred rules; snapshot → init infers the same rules; seeded drift shows up', async () => {
    await withFake(DEMO_ESTATE, async (fake) => {
      const init = await runCliAsync(['init', ...PROJECTS, '--out-dir', 'from-live'], { cwd, env: env(fake) });
      assert.equal(init.status, 0, init.stderr);
      const config = parse(readFileSync(workspace.path('live/from-live/envdrift.yaml'), 'utf8'));
      assert.deepEqual(config.environments.staging.cloudrun, { project: 'netra-staging' });
      assert.deepEqual(Object.keys(config.environments.production.services), ['netra-auth', 'netra-backend', 'netra-frontend']);
      const rules = rulesIn(workspace.path('live/from-live/rules/envdrift-init.yaml'));
      assert.deepEqual(rule(rules, 'init/secrets-stay-in-secret-manager').keys, ['JWT_SECRET', 'JWT_SECRET_KEY', 'SERVICE_SECRET']);
      assert.deepEqual(rule(rules, 'init/required-on-netra-auth').keys, ['ENVIRONMENT', 'FRONTEND_URL', 'JWT_ISSUER', 'JWT_SECRET', 'JWT_SECRET_KEY', 'SERVICE_SECRET']);
      // Backend and auth agree on the JWT secret in production only: the rule says so instead of hiding staging's drift.
      assert.deepEqual(rule(rules, 'init/jwt-secret-shared-2').environments, ['production']);
      const text = readFileSync(workspace.path('live/from-live/rules/envdrift-init.yaml'), 'utf8');
      assert.match(text, /# In staging they hold different values, so this rule leaves it out: drift, or on purpose\?/);
      assert.match(text, /SERVICE_SECRET is set on netra-backend in staging, but missing from revision netra-backend-00041-net/);
      assert.match(text, /ENVIRONMENT is set on netra-backend in staging, but not in production/);
      assertNoSecrets([text, readFileSync(workspace.path('live/from-live/envdrift.yaml'), 'utf8'), init.stdout, init.stderr], payloads);

      // The same state, checked live: the estate's own drift is reported by the packs and envdrift's checks, none under init/.
      const check = await runCliAsync(['check', '--config', 'from-live/envdrift.yaml', '--format', 'json'], { cwd, env: env(fake) });
      const found = findings(check);
      assert.deepEqual(fromInit(found), []);
      assert.ok(found.every((finding) => /^(recommended|envdrift)\//.test(finding.ruleId)), found.map((finding) => finding.ruleId).join(', '));

      const snapshot = await runCliAsync(['snapshot', '--config', 'from-live/envdrift.yaml', '--out', 'now.json'], { cwd, env: env(fake) });
      assert.equal(snapshot.status, 0, snapshot.stderr);
    });

    // Offline: a snapshot alone says enough to write the config and the same rules.
    const fromSnapshot = runCli(['init', '--snapshot', 'now.json', '--out-dir', 'from-snapshot'], { cwd });
    assert.equal(fromSnapshot.status, 0, fromSnapshot.stderr);
    assert.deepEqual(rulesIn(workspace.path('live/from-snapshot/rules/envdrift-init.yaml')), rulesIn(workspace.path('live/from-live/rules/envdrift-init.yaml')));
    assert.deepEqual(parse(readFileSync(workspace.path('live/from-snapshot/envdrift.yaml'), 'utf8')).environments, parse(readFileSync(workspace.path('live/from-live/envdrift.yaml'), 'utf8')).environments);
    const offline = runCli(['check', '--config', 'from-snapshot/envdrift.yaml', '--snapshot', 'now.json', '--format', 'json'], { cwd });
    assert.deepEqual(fromInit(findings(offline)), []);

    await withFake(driftedEstate(), async (fake) => {
      const drifted = await runCliAsync(['check', '--config', 'from-live/envdrift.yaml', '--format', 'json'], { cwd, env: env(fake) });
      assert.equal(drifted.status, 1);
      const found = fromInit(findings(drifted));
      for (const expected of ['init/jwt-issuer-equals staging/netra-backend JWT_ISSUER', 'init/required-on-netra-auth staging/netra-auth SERVICE_SECRET']) {
        assert.ok(found.includes(expected), `missing ${expected}; found:\n${found.join('\n')}`);
      }
      assertNoSecrets([drifted.stdout, drifted.stderr], payloads);
    });
  });

  test('no credentials and no emulator: nothing is written, the exit code is 3 and the message says how to log in', () => {
    const result = runCli(['init', '--project', 'netra-staging', '--env', 'staging', '--out-dir', 'no-credentials'], { cwd, env: { CLOUDSDK_CONFIG: workspace.path('no-gcloud') } });
    assert.equal(result.status, 3, result.stderr);
    assert.match(result.stderr, /gcloud auth application-default login/);
    assert.match(result.stderr, /nothing written/);
  });
});

describe('what init infers, and what it leaves out', () => {
  const infer = async (services: Parameters<typeof snapshotOf>[0], environments: Parameters<typeof snapshotOf>[1]) => {
    const { inferRules } = await import('../src/init/infer.js');
    const { looksSensitiveKey } = await import('../src/fingerprints/sensitivity.js');
    const inventory = snapshotOf(services, environments) as unknown as Parameters<typeof inferRules>[0];
    return inferRules(inventory, { isSensitiveKey: looksSensitiveKey, declaredEnvironments: Object.keys(environments), probes: { nonEmpty: 'n', flagLike: 'f' } });
  };
  const twoServices = { staging: { services: { api: {}, web: {} } }, production: { services: { api: {}, web: {} } } };

  test('a switch set to true under two names is a coincidence, not a shared secret; the same name is evidence', async () => {
    const local = (literals: Record<string, string>) => ({ literals, local: true });
    const inference = await infer(
      {
        'staging/api': local({ COOKIE_SECURE: 'true', SESSION_STRICT: 'true' }),
        'staging/web': local({ COOKIE_SECURE: 'true' }),
        'production/api': local({ COOKIE_SECURE: 'true', SESSION_STRICT: 'true' }),
        'production/web': local({ COOKIE_SECURE: 'true' }),
      },
      twoServices,
    );
    const matches = inference.rules.filter((candidate) => candidate.kind === 'match').map((candidate) => JSON.stringify(candidate.options.members));
    assert.deepEqual(matches, [JSON.stringify([{ service: 'api', key: 'COOKIE_SECURE' }, { service: 'web', key: 'COOKIE_SECURE' }])]);
  });

  test('a value with whitespace around it is never captured; a value naming its service becomes {service}', async () => {
    const inference = await infer(
      {
        'staging/api': { literals: { REGION: 'eu\n', SERVICE_NAME: 'api' } },
        'staging/web': { literals: { REGION: 'eu', SERVICE_NAME: 'web' } },
        'production/api': { literals: { REGION: 'eu', SERVICE_NAME: 'api' } },
        'production/web': { literals: { REGION: 'eu', SERVICE_NAME: 'web' } },
      },
      twoServices,
    );
    assert.ok(!inference.rules.some((candidate) => candidate.kind === 'equals' && candidate.options.key === 'REGION'));
    // A value equal to its service's name everywhere becomes a {service} template.
    assert.deepEqual(inference.rules.find((candidate) => candidate.id === 'init/service-name-equals')?.options, { key: 'SERVICE_NAME', value: '{service}', optional: true });
  });

  test('a secret whose value could not be read is listed, and no rule claims it', async () => {
    const inference = await infer(
      {
        'staging/api': { secrets: { SIGNING_KEY: 'signing@1=abc' } },
        'staging/web': { secrets: { SIGNING_KEY: 'signing@1' } },
        'production/api': { secrets: { SIGNING_KEY: 'signing-prod@1=def' } },
        'production/web': { secrets: { SIGNING_KEY: 'signing-prod@1=def' } },
      },
      twoServices,
    );
    const shared = inference.rules.find((candidate) => candidate.kind === 'match')!;
    assert.match(shared.evidence.join('\n'), /Same value on api SIGNING_KEY and web SIGNING_KEY in production[^\n]*\nIn staging not compared: web SIGNING_KEY: value of secret signing \(version 1\) was not resolved/);
  });
});
