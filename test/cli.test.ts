/** The real CLI binary as a subprocess: exit codes, formats, files, colour. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const workspace = createWorkspace();
after(() => workspace.dispose());

const RULES = `rules:
  - id: needs-service-id
    kind: require
    severity: error
    keys: [SERVICE_ID]
    description: every service needs an id
    remediation: set SERVICE_ID on {service}
  - id: log-level-info
    kind: equals
    severity: warning
    key: LOG_LEVEL
    value: info
    optional: true
    description: production logs at info
    remediation: set LOG_LEVEL=info
`;

/** A project whose backend file is given; auth is always clean. */
function project(name: string, backendEnv: string | null): string {
  workspace.write(`${name}/envdrift.yaml`, `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [backend.env] }
      auth: { dotenv: [auth.env] }
`);
  workspace.write(`${name}/rules.yaml`, RULES);
  workspace.write(`${name}/auth.env`, 'SERVICE_ID=netra-auth\n');
  if (backendEnv !== null) workspace.write(`${name}/backend.env`, backendEnv);
  return workspace.path(name);
}

describe('exit codes', () => {
  test('0 when everything was checked and nothing is wrong', () => {
    const result = runCli(['check'], { cwd: project('clean', 'SERVICE_ID=netra-backend\nLOG_LEVEL=info\n') });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✔ 0 errors, 0 warnings, 0 info; 0 checks not evaluated; 2 services in 1 environment/);
  });

  test('1 for an error finding; warnings fail only with --fail-on warning', () => {
    const cwd = project('findings', 'LOG_LEVEL=debug\n');
    assert.equal(runCli(['check'], { cwd }).status, 1);
    const warningOnly = project('warning-only', 'SERVICE_ID=x\nLOG_LEVEL=debug\n');
    assert.equal(runCli(['check'], { cwd: warningOnly }).status, 0);
    assert.equal(runCli(['check', '--fail-on', 'warning'], { cwd: warningOnly }).status, 1);
    assert.equal(runCli(['check', '--fail-on', 'never'], { cwd }).status, 0);
  });

  test('3 when a source could not be read, listing what was not evaluated', () => {
    const result = runCli(['check'], { cwd: project('incomplete', null) });
    assert.equal(result.status, 3, result.stdout + result.stderr);
    assert.match(result.stdout, /Not evaluated \(could not be read; this is not a pass\)/);
    // One line per thing that could not be read, with the checks it blocked folded.
    assert.match(result.stdout, /^ {2}backend\.env does not exist \(staging\/backend\)\n {10}blocks 3 checks: envdrift\/read, needs-service-id, log-level-info$/m);
    assert.match(result.stdout, /3 checks not evaluated/);
  });

  test('3 even with --fail-on never: an incomplete check is never green', () => {
    assert.equal(runCli(['check', '--fail-on', 'never'], { cwd: project('incomplete-never', null) }).status, 3);
  });

  test('1 wins over 3 when there are failing findings too', () => {
    const cwd = project('both', null);
    workspace.write('both/auth.env', 'LOG_LEVEL=info\n');
    assert.equal(runCli(['check'], { cwd }).status, 1);
  });

  test('the bundled example shows real findings and exits 1', () => {
    const result = runCli(['check', '--config', 'examples/envdrift.yaml'], { cwd: packageRoot });
    assert.equal(result.status, 1);
    for (const rule of ['jwt-secret-shared', 'backend-service-id', 'environment-declared', 'auth-url-points-at-auth', 'recommended/no-test-switches-in-production', 'secrets-not-shared-across-environments', 'envdrift/no-variables']) {
      // Rules that flag one problem together are listed together: "(rule-a, rule-b)".
      assert.match(result.stdout, new RegExp(`[(] ?(?:[^)]*, )?${rule.replace('/', '\\/')}(?:, [^)]*)?[)]`), `expected a finding of ${rule}`);
    }
  });
});

describe('formats and outputs', () => {
  test('--format json follows the documented schema', () => {
    const result = runCli(['check', '--format', 'json'], { cwd: project('json', 'LOG_LEVEL=debug\n') });
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'envdrift');
    assert.deepEqual(report.summary, { error: 1, warning: 1, info: 0, unevaluated: 0, services: 2, environments: 1 });
    const finding = report.findings.find((item: { ruleId: string }) => item.ruleId === 'needs-service-id');
    assert.deepEqual(
      { ...finding, location: { ...finding.location } },
      {
        ruleId: 'needs-service-id',
        severity: 'error',
        message: 'SERVICE_ID is not set',
        detail: 'SERVICE_ID is not set',
        environment: 'staging',
        service: 'backend',
        variant: '.env',
        key: 'SERVICE_ID',
        location: { kind: 'file', file: 'backend.env', text: 'backend.env' },
        related: [],
        remediation: 'set SERVICE_ID on backend',
        group: finding.group,
      },
    );
    assert.match(finding.group, /^[0-9a-f]{16}$/);
    const levelFinding = report.findings.find((item: { ruleId: string }) => item.ruleId === 'log-level-info');
    assert.deepEqual(levelFinding.location, { kind: 'file', file: 'backend.env', line: 1, text: 'backend.env:1' });
  });

  test('several outputs in one run: text on the terminal, JSON to a file', () => {
    const cwd = project('multi', 'LOG_LEVEL=debug\n');
    const result = runCli(['check', '--format', 'text', '--format', 'json:out/report.json'], { cwd });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /needs-service-id/);
    assert.equal(JSON.parse(readFileSync(workspace.path('multi/out/report.json'), 'utf8')).summary.error, 1);
  });

  test('two outputs to one file are refused', () => {
    const result = runCli(['check', '--format', 'json:out.json', '--format', 'sarif:out.json'], { cwd: project('two-files', 'SERVICE_ID=x\n') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /two formats would be written to out\.json/);
  });

  test('two outputs to standard output are refused', () => {
    const result = runCli(['check', '--format', 'text', '--format', 'json'], { cwd: project('two-stdout', 'SERVICE_ID=x\n') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /only one format can go to standard output/);
  });

  test('colour only when asked for: FORCE_COLOR on, NO_COLOR and pipes off', () => {
    const cwd = project('colour', 'LOG_LEVEL=debug\n');
    const escape = /\u001b\[/;
    assert.doesNotMatch(runCli(['check'], { cwd }).stdout, escape);
    assert.match(runCli(['check'], { cwd, env: { FORCE_COLOR: '1' } }).stdout, escape);
    assert.doesNotMatch(runCli(['check'], { cwd, env: { FORCE_COLOR: '0' } }).stdout, escape);
    assert.doesNotMatch(runCli(['check'], { cwd, env: { NO_COLOR: '1' } }).stdout, escape);
  });

  test('--env staging accepts rules that name production', () => {
    const cwd = project('env-selectors', 'SERVICE_ID=x\n');
    workspace.write('env-selectors/envdrift.yaml', readFileSync(workspace.path('env-selectors/envdrift.yaml'), 'utf8') + '  production:\n    services:\n      backend: { dotenv: [backend.env] }\n');
    workspace.write('env-selectors/rules.yaml', `${RULES}  - { id: prod-only, kind: require, severity: error, environments: [production], keys: [X], description: d, remediation: r }\n`);
    const result = runCli(['check', '--env', 'staging'], { cwd });
    assert.equal(result.status, 0, result.stderr + result.stdout);
  });

  test('--env restricts the run to the named environments', () => {
    const result = runCli(['check', '--config', 'examples/envdrift.yaml', '--env', 'production', '--format', 'json'], { cwd: packageRoot });
    const report = JSON.parse(result.stdout);
    assert.ok(report.findings.length > 0);
    assert.ok(report.findings.every((finding: { environment: string }) => finding.environment === 'production'));
  });

  test('--help documents the exit codes; --version prints the package version', () => {
    const help = runCli(['--help'], { cwd: packageRoot });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Exit codes: 0 clean, 1 findings/);
    const version = runCli(['--version'], { cwd: packageRoot });
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')).version);
  });
});

test('help piped to another program breaks lines between words, never inside one', () => {
  // The words help may print: every word of the CLI's own source (descriptions, choices, format names).
  const sourceWords = new Set<string>();
  const collect = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) collect(path);
      else if (entry.name.endsWith('.js')) for (const word of readFileSync(path, 'utf8').match(/[A-Za-z]+/g) ?? []) sourceWords.add(word);
    }
  };
  collect(join(packageRoot, 'dist', 'src'));
  // …and yargs's own words: headings, [boolean], [default: …].
  for (const word of readFileSync(join(packageRoot, 'node_modules', 'yargs', 'locales', 'en.json'), 'utf8').match(/[A-Za-z]+/g) ?? []) sourceWords.add(word);
  for (const command of [[], ['check'], ['snapshot'], ['diff'], ['init'], ['rules'], ['explain'], ['demo']]) {
    // runCli's stdout is a pipe, as in `envdrift --help | cat`.
    const help = runCli([...command, '--help'], { cwd: packageRoot });
    assert.equal(help.status, 0);
    for (const line of help.stdout.split('\n')) assert.ok(line.length <= 100, `a help line wider than 100 columns: ${line}`);
    const fragments = (help.stdout.match(/[A-Za-z]+/g) ?? []).filter((word) => !sourceWords.has(word));
    assert.deepEqual(fragments, [], `envdrift ${command.join(' ')} --help split words`);
  }
  const main = runCli(['--help'], { cwd: packageRoot }).stdout.replace(/\s+/g, ' ');
  assert.match(main, /to a JSON file that check can read later/);
});

test('a flag given twice takes its last value (a CI template may add one): never a silent green', () => {
  const cwd = project('twice', 'LOG_LEVEL=debug\n');
  assert.equal(runCli(['check', '--fail-on', 'never', '--fail-on', 'error'], { cwd }).status, 1);
  assert.equal(runCli(['check', '--fail-on', 'error', '--fail-on', 'never'], { cwd }).status, 0);
});
