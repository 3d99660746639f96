import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { intrinsicRules } from '../src/model/intrinsic-rules.js';
import { packageRoot } from '../src/files/package-root.js';
import { parse } from 'yaml';
import { runCli } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const CONFIG = ['--config', 'examples/envdrift.yaml'];

test('envdrift rules lists built-in checks, pack rules and project rules with origin and severity', () => {
  const result = runCli(['rules', ...CONFIG, '--format', 'json'], { cwd: packageRoot });
  assert.equal(result.status, 0, result.stderr);
  const rules = JSON.parse(result.stdout) as Array<{ id: string; origin: string; kind: string; severity: string; description: string }>;
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const id of Object.keys(intrinsicRules)) assert.equal(byId.get(id)?.origin, 'envdrift');
  assert.deepEqual(byId.get('recommended/trimmed-values'), { id: 'recommended/trimmed-values', origin: 'recommended', kind: 'trimmed', severity: 'error', description: byId.get('recommended/trimmed-values')!.description });
  assert.equal(byId.get('backend-service-id')?.origin, 'examples/rules/auth.yaml');
  const text = runCli(['rules', ...CONFIG], { cwd: packageRoot }).stdout;
  assert.match(text, /^recommended\/no-reserved-names\s+recommended\s+forbid\s+error\s+Cloud Run sets PORT/m);
});

test('envdrift explain prints a pack rule\'s page, and a project rule\'s definition and kind', () => {
  const pack = runCli(['explain', 'recommended/secrets-in-secret-manager', ...CONFIG], { cwd: packageRoot });
  assert.equal(pack.status, 0, pack.stderr);
  assert.equal(pack.stdout, readFileSync(`${packageRoot}/docs/rules/recommended/secrets-in-secret-manager.md`, 'utf8'));
  const own = runCli(['explain', 'backend-service-id', ...CONFIG], { cwd: packageRoot });
  assert.match(own.stdout, /defined at examples\/rules\/auth\.yaml:\d+/);
  assert.match(own.stdout, /value: netra-backend/);
  assert.match(own.stdout, /\| `values` \| optional \|/);
  const builtIn = runCli(['explain', 'envdrift/duplicate-key', ...CONFIG], { cwd: packageRoot });
  assert.match(builtIn.stdout, /built into envdrift, on unless envdrift\.yaml's `severity:` turns it off/);
});

test('envdrift explain of an unknown rule is a usage error with a suggestion', () => {
  const result = runCli(['explain', 'recomended/trimmed-values', ...CONFIG], { cwd: packageRoot });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no rule 'recomended\/trimmed-values' \(did you mean 'recommended\/trimmed-values'\?\)/);
});

test('every shipped pack rule can be explained, whether or not the config enables its pack', () => {
  const workspace = createWorkspace();
  try {
    workspace.write('no-packs/envdrift.yaml', 'version: 1\npacks: []\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [backend.env] }\n');
    const shipped = readdirSync(join(packageRoot, 'rules')).flatMap((file) =>
      ((parse(readFileSync(join(packageRoot, 'rules', file), 'utf8')) as { rules: Array<{ id: string }> }).rules).map((rule) => ({ id: rule.id, pack: file.replace(/\.yaml$/, '') })),
    );
    assert.ok(shipped.some((rule) => rule.pack === 'auth'), 'the auth pack needs parameters: the case that used to fail');
    for (const { id, pack } of shipped) {
      const page = readFileSync(join(packageRoot, 'docs', 'rules', `${id}.md`), 'utf8');
      // A config without packs, and no config at all (where `auth`, needing parameters, cannot be loaded).
      for (const cwd of [workspace.path('no-packs'), workspace.dir]) {
        const result = runCli(['explain', id], { cwd });
        assert.equal(result.status, 0, `envdrift explain ${id} in ${cwd}: ${result.stderr}`);
        assert.ok(result.stdout.endsWith(page), `envdrift explain ${id} prints its page`);
        assert.match(result.stdout, new RegExp(`enable the \`${pack}\` pack|^# `));
      }
    }
  } finally {
    workspace.dispose();
  }
});
