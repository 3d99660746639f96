/** The pre-commit hook and SARIF for code scanning call envdrift the way the package really is built and named. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { packageRoot } from '../src/files/package-root.js';

test('the pre-commit hook calls the package\'s own binary', () => {
  const hooks = parse(readFileSync(join(packageRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ entry: string }>;
  const bin = Object.keys((JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
  assert.equal(hooks[0]!.entry.split(' ')[0], bin[0]);
});

test('every SARIF result of a live (Cloud Run) check has a file location, as GitHub code scanning requires', async () => {
  const { runCliAsync } = await import('./support/run-cli.js');
  const result = await runCliAsync(['demo', '--format', 'sarif'], { cwd: packageRoot });
  const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ locations?: Array<{ physicalLocation?: unknown }> }> }> };
  const results = sarif.runs[0]!.results;
  assert.ok(results.length > 10);
  assert.deepEqual(results.filter((item) => !item.locations?.some((location) => location.physicalLocation)), []);
});
