/**
 * The rule-kind harness: every kind runs over its own passing and failing cases from `test/rule-cases/`,
 * through the real loaders, the real .env source and the real engine. The harness also checks itself:
 * every registered kind has a case file, and every case file has at least one clean and one failing case.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { runCheck } from '../src/check/run-check.js';
import { packageRoot } from '../src/files/package-root.js';
import { ruleKinds } from '../src/rules/kinds/index.js';
import { snapshotOf, type DeployedService } from './support/case-snapshot.js';
import { createWorkspace } from './support/workspace.js';

interface Expected {
  at: string;
  key?: string;
  detail?: string;
  reason?: string;
  line?: number;
}
interface RuleCase {
  name: string;
  /** Overrides of the file's rule options for this case; null removes an option. */
  rule?: Record<string, unknown>;
  /**
   * `environment/service` → .env text, or a deployed service (then the case is read from a snapshot of
   * Cloud Run configuration, since secret references only exist there); null means the file is missing.
   */
  files: Record<string, string | DeployedService | null>;
  expect: { findings?: Expected[]; unevaluated?: Expected[] };
}
interface CaseFile {
  kind: string;
  rule: Record<string, unknown>;
  production?: string[];
  urls?: Record<string, string[]>;
  cases: RuleCase[];
}

const CASES_DIR = join(packageRoot, 'test', 'rule-cases');
const caseFiles = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({ name, content: parse(readFileSync(join(CASES_DIR, name), 'utf8')) as CaseFile }));

test('every rule kind has a case file, and every case file names a registered kind', () => {
  assert.deepEqual(caseFiles.map((file) => file.content.kind).sort(), Object.keys(ruleKinds).sort());
});

for (const { name, content } of caseFiles) {
  describe(`rule kind ${content.kind} (${name})`, () => {
    test('has at least one clean case and one failing case', () => {
      const counts = content.cases.map((ruleCase) => (ruleCase.expect.findings ?? []).length);
      assert.ok(counts.some((count) => count === 0), 'no case where the rule passes');
      assert.ok(counts.some((count) => count > 0), 'no case where the rule fails');
    });
    for (const ruleCase of content.cases) {
      test(ruleCase.name, async () => runCase(content, ruleCase));
    }
  });
}

async function runCase(file: CaseFile, ruleCase: RuleCase): Promise<void> {
  const workspace = createWorkspace();
  try {
    const environments: Record<string, { production?: boolean; services: Record<string, { dotenv: string[]; urls?: string[] }> }> = {};
    const targets = new Set([...Object.keys(ruleCase.files), ...Object.keys(file.urls ?? {})]);
    for (const target of targets) {
      const [environment, service] = target.split('/') as [string, string];
      environments[environment] ??= { ...(file.production?.includes(environment) && { production: true }), services: {} };
      const envFile = `env/${environment}/${service}.env`;
      const text = ruleCase.files[target];
      if (typeof text === 'string') workspace.write(envFile, text);
      else if (text !== null) workspace.write(envFile, ''); // deployed services are read from the snapshot below
      environments[environment].services[service] = {
        dotenv: [envFile],
        ...(file.urls?.[target] && { urls: file.urls[target] }),
      };
    }
    workspace.writeYaml('envdrift.yaml', { version: 1, packs: [], rules: ['rules.yaml'], environments });
    const options = Object.fromEntries(Object.entries({ ...file.rule, ...ruleCase.rule }).filter(([, value]) => value !== null));
    const rule = { id: 'case-rule', severity: 'error', description: 'rule under test', remediation: 'fix it', kind: file.kind, ...options };
    workspace.writeYaml('rules.yaml', { version: 1, rules: [rule] });

    const deployed = Object.values(ruleCase.files).some((value) => typeof value === 'object' && value !== null);
    if (deployed) {
      const services = Object.fromEntries(Object.entries(ruleCase.files).map(([target, spec]) => [target, typeof spec === 'object' ? spec : null]));
      workspace.write('snapshot.json', JSON.stringify(snapshotOf(services, environments)));
    }
    const { report } = await runCheck({ cwd: workspace.dir, ...(deployed && { snapshotPath: 'snapshot.json' }) });
    const findings = report.findings.filter((finding) => finding.ruleId === 'case-rule');
    assertMatches('finding', findings.map((finding) => ({ ...finding, line: finding.location.kind === 'file' ? finding.location.line : undefined })), ruleCase.expect.findings ?? []);
    assertMatches('unevaluated', report.unevaluated.filter((item) => item.ruleId === 'case-rule'), ruleCase.expect.unevaluated ?? []);
  } finally {
    workspace.dispose();
  }
}

type Actual = { environment?: string; service?: string; key?: string; detail?: string; reason?: string; line?: number | undefined };

function assertMatches(what: string, actual: Actual[], expected: Expected[]): void {
  const describe = (item: Actual) => JSON.stringify({ at: `${item.environment}/${item.service}`, key: item.key, detail: item.detail, reason: item.reason, line: item.line });
  assert.equal(actual.length, expected.length, `expected ${expected.length} ${what}(s), got ${actual.length}:\n${actual.map(describe).join('\n')}`);
  const unmatched = [...actual];
  for (const expectation of expected) {
    const index = unmatched.findIndex(
      (item) =>
        `${item.environment}/${item.service}` === expectation.at &&
        (expectation.key === undefined || item.key === expectation.key) &&
        (expectation.detail === undefined || (item.detail ?? '').includes(expectation.detail)) &&
        (expectation.reason === undefined || (item.reason ?? '').includes(expectation.reason)) &&
        (expectation.line === undefined || item.line === expectation.line),
    );
    assert.notEqual(index, -1, `no ${what} matches ${JSON.stringify(expectation)}; got:\n${actual.map(describe).join('\n')}`);
    unmatched.splice(index, 1);
  }
}
