import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('envdrift check on the bundled example reports findings and exits 1', () => {
  const result = spawnSync(process.execPath, ['dist/src/cli/main.js', 'check', '--config', 'examples/envdrift.yaml'], { encoding: 'utf8' });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /backend-service-id/);
});
