/**
 * Bad config and rule files: every problem is reported at once, each with file:line:column, what was
 * found and what was expected — and the CLI exits 2 without a stack trace.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { runCheck } from '../src/check/run-check.js';
import { formatProblem, UserError } from '../src/files/user-error.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

const VALID_ENVIRONMENTS = `environments:
  staging:
    services:
      backend:
        dotenv: [backend.env]
        urls: [https://api.example.com]
      auth:
        dotenv: [auth.env]
        urls: [https://auth.example.com]
`;
workspace.write('backend.env', 'A=1\n');
workspace.write('auth.env', 'A=1\n');

/** Runs a check in a folder of its own and returns the formatted problems of the UserError it must throw. */
async function problemsOf(files: Record<string, string>): Promise<string[]> {
  const dir = `case-${Math.random().toString(36).slice(2)}`;
  for (const [name, content] of Object.entries(files)) workspace.write(`${dir}/${name}`, content);
  workspace.write(`${dir}/backend.env`, 'A=1\n');
  workspace.write(`${dir}/auth.env`, 'A=1\n');
  try {
    await runCheck({ cwd: workspace.path(dir) });
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error.problems.length > 0 ? error.problems.map(formatProblem) : [error.message];
  }
  assert.fail('expected the check to reject the input');
}

describe('config file problems', () => {
  test('a YAML syntax error names line and column', async () => {
    const problems = await problemsOf({ 'envdrift.yaml': 'version: 1\nenvironments:\n  staging: [unclosed\n' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^envdrift\.yaml:\d+:\d+: invalid YAML/);
  });

  test('all problems are reported at once, with did-you-mean for unknown keys', async () => {
    const problems = await problemsOf({
      'envdrift.yaml': `version: 1
packs: []
enviroments: {}
environments:
  staging:
    production: "yes"
    services:
      backend:
        dotenvs: [backend.env]
        urls: [not-a-url]
`,
    });
    assert.deepEqual(
      problems.map((problem) => problem.replace(/;.*$/, '')),
      [
        "envdrift.yaml:3:1: unknown key 'enviroments' in the file (did you mean 'environments'?)",
        "envdrift.yaml:6:17: 'environments.staging.production' must be a boolean, found a string",
        "envdrift.yaml:9:9: unknown key 'dotenvs' in 'environments.staging.services.backend' (did you mean 'dotenv'?)",
        "envdrift.yaml:10:16: 'environments.staging.services.backend.urls.0' must match pattern \"^[a-zA-Z][a-zA-Z0-9+.-]*://\" (expected an absolute URL such as https://auth.example.com)",
      ],
    );
  });

  test('a missing required key is reported at its parent', async () => {
    const problems = await problemsOf({ 'envdrift.yaml': 'environments:\n  staging:\n    services:\n      backend: {dotenv: [backend.env]}\n' });
    assert.deepEqual(problems, ["envdrift.yaml:1:1: the file is missing required key 'version'"]);
  });

  test('an unknown pack gets a suggestion', async () => {
    const problems = await problemsOf({ 'envdrift.yaml': `version: 1\npacks: [recomended]\n${VALID_ENVIRONMENTS}` });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^envdrift\.yaml:2:9: unknown rule pack 'recomended' \(did you mean 'recommended'\?\)/);
  });

  test('an alias bomb is refused instead of expanded', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`)].join('\n');
    const problems = await problemsOf({ 'envdrift.yaml': `${bomb}\nversion: 1\n${VALID_ENVIRONMENTS}` });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /envdrift\.yaml:1:1: .*alias/i);
  });
});

describe('rule file problems', () => {
  const config = `version: 1\npacks: []\nrules: [rules/]\n${VALID_ENVIRONMENTS}`;
  const rule = (fields: string) => `rules:\n  - id: r1\n    severity: error\n    description: d\n    remediation: r\n${fields}`;

  test('an unknown kind suggests the closest one', async () => {
    const problems = await problemsOf({ 'envdrift.yaml': config, 'rules/a.yaml': rule('    kind: requir\n    keys: [A]\n') });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^rules\/a\.yaml:6:11: unknown kind 'requir' \(did you mean 'require'\?\); expected one of: require, forbid/);
  });

  test('problems in several files are all reported, in file order', async () => {
    const problems = await problemsOf({
      'envdrift.yaml': config,
      'rules/a.yaml': rule('    kind: forbid\n    keys: [A]\n'),
      'rules/b.yaml': 'rules:\n  - id: r2\n    kind: require\n    keys: [A]\n    severity: eror\n    description: d\n    remediation: r\n',
      'rules/c.yaml': rule('    kind: require\n    keys: [A]\n    keys: [B]\n'),
    });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /^rules\/a\.yaml:2:5: 'rules\.0' is missing required key 'when'/);
    assert.match(problems[1]!, /^rules\/b\.yaml:5:15: 'rules\.0\.severity' is 'eror' \(did you mean 'error'\?\); expected one of: error, warning, info/);
    assert.match(problems[2]!, /^rules\/c\.yaml:8:5: invalid YAML: Map keys must be unique/);
  });

  test('semantic problems: bad regex, duplicate ids, unknown placeholders, undeclared services', async () => {
    const problems = await problemsOf({
      'envdrift.yaml': config,
      'rules/a.yaml': `rules:
  - id: same
    kind: pattern
    severity: error
    description: d
    remediation: r
    keys: [A]
    regex: "(unclosed"
  - id: same
    kind: require
    severity: error
    description: d
    remediation: "fix {servcie}"
    keys: [A]
  - id: other
    kind: reference
    severity: error
    description: d
    remediation: r
    key: AUTH_SERVICE_URL
    target: auht
`,
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0]!, /^rules\/a\.yaml:8:12: 'regex' is not a valid regular expression/);
    assert.match(problems[1]!, /^rules\/a\.yaml:9:9: rule id 'same' is already defined at rules\/a\.yaml:2/);
    assert.match(problems[2]!, /^rules\/a\.yaml:13:18: 'remediation' uses unknown placeholder \{servcie\}/);
    assert.match(problems[3]!, /^rules\/a\.yaml:21:13: service 'auht' is not declared in the config \(did you mean 'auth'\?\)/);
  });
});

describe('rules that would silently check nothing', () => {
  const config = `version: 1\npacks: []\nrules: [rules/]\n${VALID_ENVIRONMENTS}`;

  test('misspelt selectors, reserved ids and services on a match rule are errors', async () => {
    const problems = await problemsOf({
      'envdrift.yaml': config,
      'rules/a.yaml': `rules:
  - { id: a, kind: require, severity: error, description: d, remediation: r, keys: [A], services: [backnd], environments: [stagin] }
  - { id: envdrift/duplicate-key, kind: require, severity: error, description: d, remediation: r, keys: [A], services: ["back*"] }
  - { id: m, kind: match, severity: error, description: d, remediation: r, services: [backend], members: [{ service: backend, key: A }, { service: auth, key: A }] }
`,
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0]!, /^rules\/a\.yaml:2:\d+: service 'backnd' is not declared in the config \(did you mean 'backend'\?\)/);
    assert.match(problems[1]!, /^rules\/a\.yaml:2:\d+: environment 'stagin' is not declared in the config \(did you mean 'staging'\?\)/);
    assert.match(problems[2]!, /^rules\/a\.yaml:3:\d+: rule id 'envdrift\/duplicate-key' is reserved/);
    assert.match(problems[3]!, /^rules\/a\.yaml:4:\d+: a match rule picks its services through 'members'/);
  });
});

describe('pack parameters', () => {
  test('unknown, missing and mistyped parameters are reported together, with suggestions', async () => {
    const problems = await problemsOf({
      'envdrift.yaml': `version: 1\npacks:\n  - auth: { producer: auth, consumer: [backend], minSecretLength: long }\n${VALID_ENVIRONMENTS}`,
    });
    // Each at the pack's entry in envdrift.yaml (a missing parameter) or at the parameter itself, never at 1:1.
    assert.deepEqual(problems.map((problem) => problem.replace(/;.*$/, '').replace(/ \(the .*$/, '')), [
      "envdrift.yaml:3:5: pack 'auth' needs parameter 'consumers'",
      "envdrift.yaml:3:5: pack 'auth' needs parameter 'identities'",
      "envdrift.yaml:3:29: pack 'auth' has no parameter 'consumer' (did you mean 'consumers'?)",
      "envdrift.yaml:3:67: pack 'auth' parameter 'minSecretLength' must be a whole number",
    ]);
  });

  test('a pack entry names exactly one pack', async () => {
    const problems = await problemsOf({ 'envdrift.yaml': `version: 1\npacks:\n  - { auth: {}, recommended: {} }\n${VALID_ENVIRONMENTS}` });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^envdrift\.yaml:3:5: 'packs\.0' must NOT have more than 1 properties/);
  });
});

describe('the CLI on bad input', () => {
  test('exits 2 with every problem on stderr and no stack trace', () => {
    const dir = 'cli-bad';
    workspace.write(`${dir}/envdrift.yaml`, 'version: 2\nenviroments: {}\n');
    const result = runCli(['check'], { cwd: workspace.path(dir) });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /envdrift\.yaml:1:10: 'version' must be 1, found a number/);
    assert.match(result.stderr, /envdrift\.yaml:2:1: unknown key 'enviroments'/);
    assert.doesNotMatch(result.stderr, /\n\s+at .*\.js:\d+/);
  });

  test('problems of the config and of every rule file come in one message, one per YAML syntax error', () => {
    const dir = 'cli-all-files';
    workspace.write(`${dir}/envdrift.yaml`, `version: 1\npacks:\n  - auth: { producer: auth, consumer: [backend] }\nrules: [rules/]\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [b.env], url: [https://api.example.com] }\n`);
    workspace.write(`${dir}/rules/a.yaml`, 'rules:\n  - { id: a, kind: requir, severity: error, keys: [A], description: d, remediation: r }\n');
    // One unclosed [ at the top of a long file: the parser complains about every line after it.
    const many = Array.from({ length: 40 }, (_, index) => `  - id: r${index}\n    kind: require\n    severity: error\n    keys: [A]\n    description: d\n    remediation: r\n`).join('');
    workspace.write(`${dir}/rules/b.yaml`, `rules: [\n${many}`);
    const result = runCli(['check'], { cwd: workspace.path(dir) });
    assert.equal(result.status, 2);
    const problems = result.stderr.split('\n').filter((line) => /^  \S+:\d+:\d+: /.test(line)).map((line) => line.trim().replace(/;.*$/, '').replace(/ \(the .*$/, ''));
    assert.deepEqual(problems.map((problem) => problem.replace(/: .*$/, '')), ['envdrift.yaml:3:5', 'envdrift.yaml:3:5', 'envdrift.yaml:3:29', 'envdrift.yaml:8:35', 'rules/a.yaml:2:20', 'rules/b.yaml:2:3'], result.stderr);
    assert.match(problems[2]!, /pack 'auth' has no parameter 'consumer' \(did you mean 'consumers'\?\)/);
    assert.match(problems[3]!, /unknown key 'url'.*did you mean 'urls'/);
    assert.match(problems[4]!, /unknown kind 'requir' \(did you mean 'require'\?\)/);
    assert.match(problems[5]!, /invalid YAML/);

    // With the config valid, the auth pack's parameter problems point at its entry in envdrift.yaml.
    workspace.write(`${dir}/envdrift.yaml`, `version: 1\npacks:\n  - auth: { producer: auth, consumer: [backend] }\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [b.env] }\n      auth: { dotenv: [b.env] }\n`);
    const packs = runCli(['check'], { cwd: workspace.path(dir) });
    assert.equal(packs.status, 2);
    assert.match(packs.stderr, /envdrift\.yaml:3:29: pack 'auth' has no parameter 'consumer' \(did you mean 'consumers'\?\)/);
    assert.match(packs.stderr, /envdrift\.yaml:3:5: pack 'auth' needs parameter 'consumers'/);
    assert.doesNotMatch(packs.stderr, /envdrift\.yaml:1:1/);
  });

  test('an invalid config does not hide the suppression file\'s own problems: one message for every file', () => {
    const dir = 'cli-all-files-suppressions';
    workspace.write(`${dir}/envdrift.yaml`, 'version: 1\nenviroments: {}\n');
    workspace.write(`${dir}/envdrift.ignore.yaml`, 'version: 1\nsuppressions:\n  - { rule: x, reason: [ }\n');
    const result = runCli(['check'], { cwd: workspace.path(dir) });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /envdrift\.yaml:2:1: unknown key 'enviroments'/);
    assert.match(result.stderr, /envdrift\.ignore\.yaml:3:\d+: invalid YAML/);
    assert.doesNotMatch(result.stderr, /\n\s+at .*\.js:\d+/);
    // A valid suppression file adds nothing to the config's problems.
    workspace.write(`${dir}/envdrift.ignore.yaml`, 'version: 1\nsuppressions: []\n');
    assert.doesNotMatch(runCli(['check'], { cwd: workspace.path(dir) }).stderr, /envdrift\.ignore\.yaml/);
  });

  test('no config in the working directory says how to fix it', () => {
    workspace.write('empty/.keep', '');
    const result = runCli(['check'], { cwd: workspace.path('empty') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no envdrift\.yaml in .*; pass --config FILE/);
  });

  test('unknown flags, formats and environments are usage errors', () => {
    workspace.write('flags/envdrift.yaml', `version: 1\npacks: []\n${VALID_ENVIRONMENTS}`);
    workspace.write('flags/backend.env', 'A=1\n');
    workspace.write('flags/auth.env', 'A=1\n');
    const cwd = workspace.path('flags');
    const unknownFlag = runCli(['check', '--fial-on', 'error'], { cwd });
    assert.equal(unknownFlag.status, 2);
    assert.match(unknownFlag.stderr, /Unknown argument: fial-on/);
    const unknownFormat = runCli(['check', '--format', 'jsn'], { cwd });
    assert.equal(unknownFormat.status, 2);
    assert.match(unknownFormat.stderr, /unknown format 'jsn' \(did you mean 'json'\?\)/);
    const unknownEnvironment = runCli(['check', '--env', 'stagin'], { cwd });
    assert.equal(unknownEnvironment.status, 2);
    assert.match(unknownEnvironment.stderr, /--env stagin: no such environment \(did you mean 'staging'\?\)/);
    const badFailOn = runCli(['check', '--fail-on', 'critical'], { cwd });
    assert.equal(badFailOn.status, 2);
    assert.match(badFailOn.stderr, /Invalid values:[\s\S]*fail-on/);
  });

  test('a huge config file is refused quickly with a clear message', () => {
    workspace.write('huge/envdrift.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const result = runCli(['check'], { cwd: workspace.path('huge') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /larger than 4 MiB/);
  });
});
