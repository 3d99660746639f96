/**
 * SARIF as GitHub code scanning ingests it: Microsoft's SARIF Multitool (`validate --rule-kind "Gh;Sarif"`,
 * the npm package @microsoft/sarif-multitool) finds no error and no warning envdrift could avoid, for runs with
 * findings, suppressed findings, an unused suppression and checks not evaluated.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Log } from 'sarif';
import { packageRoot } from '../../src/files/package-root.js';
import { runCli, runCliAsync } from '../support/run-cli.js';
import { createWorkspace } from '../support/workspace.js';

/** The platform's Multitool binary, or undefined where the package ships none (the test skips there, not in CI). */
function multitoolPath(): string | undefined {
  try {
    return createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  } catch {
    return undefined;
  }
}

interface Verdict {
  ruleId: string;
  level: string;
  where: string;
}

/** Runs `validate` and returns what it reports (its own output is SARIF too). */
function validate(tool: string, sarifFile: string): Verdict[] {
  const output = `${sarifFile}.validation.sarif`;
  const run = spawnSync(tool, ['validate', sarifFile, '--rule-kind', 'Gh;Sarif', '--output', output, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const log = JSON.parse(readFileSync(output, 'utf8')) as Log;
  return (log.runs[0]!.results ?? []).map((result) => ({
    ruleId: result.ruleId!,
    level: result.level ?? 'warning',
    where: String(result.message.arguments?.[0] ?? ''),
  }));
}

/**
 * The one warning left is SARIF2017 on a location that is a whole file (a key missing from a .env file, a
 * snapshot): a region would need the file's length, which a reporter cannot know without reading the file.
 */
function avoidable(verdicts: Verdict[], log: Log): Verdict[] {
  return verdicts.filter((verdict) => {
    if (verdict.ruleId !== 'SARIF2017') return true;
    const match = /^runs\[0\]\.results\[(\d+)\]\.locations\[0\]/.exec(verdict.where);
    const result = match ? log.runs[0]!.results![Number(match[1])] : undefined;
    const location = result?.locations?.[0];
    return !(location?.physicalLocation && !location.logicalLocations && location.physicalLocation.region === undefined);
  });
}

describe('SARIF under the SARIF Multitool with GitHub rules', () => {
  const tool = multitoolPath();
  const workspace = createWorkspace();
  after(() => workspace.dispose());

  const skipUnlessTool = (t: { skip: (reason: string) => void }) => {
    if (tool) return false;
    assert.notEqual(process.env.CI, 'true', '@microsoft/sarif-multitool has no binary for this platform');
    t.skip('@microsoft/sarif-multitool has no binary for this platform');
    return true;
  };

  test('a live check with findings and checks not evaluated (the demo)', async (t) => {
    if (skipUnlessTool(t)) return;
    const file = workspace.path('demo.sarif');
    const result = await runCliAsync(['demo', '--format', `sarif:${file}`], { cwd: packageRoot });
    assert.equal(result.status, 1, result.stderr);
    const log = JSON.parse(readFileSync(file, 'utf8')) as Log;
    assert.ok(log.runs[0]!.invocations![0]!.toolExecutionNotifications!.length > 0, 'the demo has checks not evaluated');
    assert.ok(log.runs[0]!.results!.some((item) => item.locations![0]!.physicalLocation!.region!.startLine! > 1), 'Cloud Run findings point at the service in envdrift.yaml');
    assert.deepEqual(validate(tool!, file), []);
  });

  test('a check of .env files with suppressed findings and an unused suppression', (t) => {
    if (skipUnlessTool(t)) return;
    // Suppressions must expire within a year of today.
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    for (const entry of ['envdrift.yaml', 'env', 'rules']) cpSync(join(packageRoot, 'examples', entry), workspace.path(`local/${entry}`), { recursive: true });
    workspace.write(
      'local/envdrift.ignore.yaml',
      `version: 1
suppressions:
  - rule: recommended/no-test-switches-in-production
    environment: production
    service: auth
    key: AUTH_FAST_TEST_MODE
    reason: Accepted in this test
    expires: ${expires}
  - rule: recommended/no-test-switches-in-production
    environment: staging
    service: backend
    key: AUTH_FAST_TEST_MODE
    reason: Matches nothing, so it is reported as unused
    expires: ${expires}
`,
    );
    const result = runCli(['check', '--format', 'sarif:local.sarif'], { cwd: workspace.path('local') });
    assert.equal(result.status, 1, result.stderr);
    const file = workspace.path('local/local.sarif');
    const log = JSON.parse(readFileSync(file, 'utf8')) as Log;
    assert.ok(log.runs[0]!.results!.some((item) => item.suppressions?.length), 'a suppressed finding is in the log');
    assert.ok(log.runs[0]!.invocations![0]!.toolExecutionNotifications!.length > 0, 'the unused suppression is in the log');
    const verdicts = validate(tool!, file);
    assert.deepEqual(verdicts.filter((verdict) => verdict.level === 'error'), []);
    assert.deepEqual(avoidable(verdicts, log), []);
  });
});
