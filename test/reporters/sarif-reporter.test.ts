/** --format sarif: valid against the official SARIF 2.1.0 schema, and says everything a code-scanning tool needs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { findingIdentity } from '../../src/model/finding-identity.js';
import type { Report } from '../../src/model/report.js';
import { IDENTITY_FINGERPRINT, sarifReporter } from '../../src/reporters/sarif-reporter.js';
import { CLOUD_RUN_FINDINGS, CONTEXT, cleanReport, fullReport, hostileReport, pipelineReport } from './report-fixture.js';

/**
 * The SARIF 2.1.0 schema as the SARIF Technical Committee's SDK publishes it (2.1.0-rtm.5, JSON Schema
 * draft-04), shipped in the npm package @microsoft/jest-sarif. Draft-04 needs Ajv's draft-04 class; the
 * schema's `language` pattern has a stray `]` that is only valid without the regular expressions' `u` flag,
 * as JSON Schema validators of its time compiled it.
 */
const SCHEMA_FILE = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));

function assertValidSarif(text: string): Log {
  const log = JSON.parse(text) as Log;
  const valid = validateSarif(log);
  assert.ok(valid, `not valid SARIF 2.1.0:\n${JSON.stringify(validateSarif.errors, null, 2)}`);
  return log;
}

const resultsOf = (log: Log) => log.runs[0]!.results!;
const resultFor = (log: Log, ruleId: string, predicate: (result: Result) => boolean = () => true) => {
  const found = resultsOf(log).find((result) => result.ruleId === ruleId && predicate(result));
  assert.ok(found, `no result of ${ruleId}`);
  return found;
};

describe('--format sarif', () => {
  let report: Report;
  let log: Log;
  before(async () => {
    report = await fullReport();
    log = assertValidSarif(sarifReporter(report, CONTEXT));
  });

  test('the schema really rejects what is not SARIF (so "valid" means something)', () => {
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {}, level: 'fatal' }] }] }), false);
    const badUri = JSON.parse(sarifReporter(report, CONTEXT)) as Log;
    resultsOf(badUri)[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = 'config dir/with space';
    assert.equal(validateSarif(badUri), false, 'a uri with a raw space must be rejected by the uri-reference format');
  });

  test('is valid for a clean run, a run with a config file anchor, and hostile text', () => {
    assertValidSarif(sarifReporter(cleanReport(), CONTEXT));
    assertValidSarif(sarifReporter(report, { ...CONTEXT, configFile: 'deploy/envdrift.yaml' }));
    assertValidSarif(sarifReporter(hostileReport(), CONTEXT));
  });

  test('one run with the tool, its version and every rule with help text', () => {
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'envdrift');
    assert.equal(driver.version, '9.8.7');
    assert.match(driver.informationUri!, /^https:\/\//);
    assert.deepEqual(driver.rules!.map((rule) => rule.id), report.rules.map((rule) => rule.id));
    const rule = driver.rules!.find((candidate) => candidate.id === 'needs-service-id')!;
    assert.equal(rule.shortDescription!.text, 'Every service needs an id.');
    assert.equal(rule.fullDescription!.text, 'Every service needs an id. It names the caller.');
    assert.match(rule.help!.text, /Every service needs an id/);
    assert.equal(rule.defaultConfiguration!.level, 'error');
    const intrinsic = driver.rules!.find((candidate) => candidate.id === 'envdrift/duplicate-key')!;
    assert.match(intrinsic.help!.text, /Fix: Delete all but one assignment/);
    for (const result of resultsOf(log)) assert.equal(driver.rules![result.ruleIndex!]!.id, result.ruleId);
  });

  test('levels follow severity; each message carries the fix', () => {
    assert.equal(resultFor(log, 'needs-service-id').level, 'error');
    assert.equal(resultFor(log, 'envdrift/duplicate-key').level, 'warning');
    const info = JSON.parse(sarifReporter({ ...report, findings: [{ ...report.findings[0]!, severity: 'info' }] }, CONTEXT)) as Log;
    assert.equal(resultsOf(info)[0]!.level, 'note');
    assert.match(resultFor(log, 'jwt-shared').message.text!, /values differ[\s\S]*\nFix: point both at one secret$/);
  });

  test('a .env finding points at the file (percent-encoded, relative to the source root) and its line', () => {
    const physical = resultFor(log, 'jwt-shared', (result) => result.properties?.environment === 'staging').locations![0]!.physicalLocation!;
    assert.deepEqual(physical, { artifactLocation: { uri: 'config%20dir/backend.env', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } });
    const missingKey = resultFor(log, 'needs-service-id', (result) => result.properties?.environment === 'staging').locations![0]!.physicalLocation!;
    assert.deepEqual(missingKey, { artifactLocation: { uri: 'config%20dir/backend.env', uriBaseId: '%SRCROOT%' } }, 'a missing key has no line: the file itself');
  });

  test('an absolute path becomes a file: URI', () => {
    const absolute = { ...report.findings[0]!, location: { kind: 'file' as const, file: '/srv/app dir/.env', line: 2 } };
    const sarif = assertValidSarif(sarifReporter({ ...report, findings: [absolute] }, CONTEXT));
    assert.equal(resultsOf(sarif)[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'file:///srv/app%20dir/.env');
  });

  test('a Cloud Run finding names the resource as a logical location, and is anchored in the config file when known', () => {
    const revision = resultFor(log, 'needs-service-id', (result) => result.properties?.environment === 'production');
    const location = revision.locations![0]!;
    assert.deepEqual(location.logicalLocations, [
      { name: 'netra-backend-00042-xyz', fullyQualifiedName: 'projects/netra-prod/locations/us-central1/services/netra-backend/revisions/netra-backend-00042-xyz', kind: 'resource' },
    ]);
    assert.deepEqual(location.properties, { container: 'sidecar' });
    assert.equal(location.physicalLocation, undefined);
    assert.match(revision.message.text!, /At Cloud Run netra-prod\/us-central1\/netra-backend \(revision netra-backend-00042-xyz, container sidecar\)/);

    const anchored = JSON.parse(sarifReporter(report, { ...CONTEXT, configFile: 'envdrift.yaml' })) as Log;
    const template = resultFor(anchored, 'jwt-shared', (result) => result.properties?.environment === 'production');
    assert.deepEqual(template.locations![0]!.physicalLocation, { artifactLocation: { uri: 'envdrift.yaml', uriBaseId: '%SRCROOT%' } });
    assert.equal(template.locations![0]!.logicalLocations![0]!.fullyQualifiedName, 'projects/netra-prod/locations/us-central1/services/netra-backend');
  });

  test('related locations carry their note', () => {
    const local = resultFor(log, 'jwt-shared', (result) => result.properties?.environment === 'staging');
    assert.deepEqual(local.relatedLocations, [
      { id: 0, physicalLocation: { artifactLocation: { uri: 'auth.env', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } }, message: { text: 'auth JWT_SECRET_KEY: value A (auth.env:2)' } },
    ]);
    const cloud = resultFor(log, 'jwt-shared', (result) => result.properties?.environment === 'production');
    assert.equal(cloud.relatedLocations![0]!.logicalLocations![0]!.fullyQualifiedName, 'projects/netra-prod/locations/us-central1/services/netra-auth');
  });

  test('partialFingerprints hold the stable finding identity, equal across runs', async () => {
    for (const [index, finding] of report.findings.entries()) {
      assert.deepEqual(resultsOf(log)[index]!.partialFingerprints, { [IDENTITY_FINGERPRINT]: findingIdentity(finding) });
    }
    const again = JSON.parse(sarifReporter(await pipelineReport(), CONTEXT)) as Log;
    assert.deepEqual(
      resultsOf(again).map((result) => result.partialFingerprints),
      resultsOf(log).slice(0, resultsOf(again).length).map((result) => result.partialFingerprints),
    );
  });

  test('a suppressed finding stays a result, marked as externally suppressed with its reason', () => {
    const suppressed = resultFor(log, 'log-level-info', (result) => result.suppressions !== undefined);
    assert.deepEqual(suppressed.suppressions, [
      { kind: 'external', status: 'accepted', justification: 'debug logging until the incident INC-7 is closed', properties: { source: 'envdrift.ignore.yaml:4', expires: '2099-12-31' } },
    ]);
    assert.equal(resultsOf(log).filter((result) => result.suppressions).length, 1);
    assert.equal(log.runs[0]!.properties!.suppressed, 1);
  });

  test('what was not evaluated is an error notification and an unsuccessful execution, never a silent green', () => {
    const invocation = log.runs[0]!.invocations![0]!;
    assert.equal(invocation.executionSuccessful, false);
    const notifications = invocation.toolExecutionNotifications!.filter((notification) => notification.descriptor!.id === 'envdrift/not-evaluated');
    assert.equal(notifications.length, report.unevaluated.length);
    const rules = log.runs[0]!.tool.driver.rules!;
    for (const [index, item] of report.unevaluated.entries()) {
      const notification = notifications[index]!;
      assert.equal(notification.level, 'error');
      assert.equal(notification.associatedRule!.id, item.ruleId);
      assert.equal(rules[notification.associatedRule!.index!]!.id, item.ruleId);
      assert.match(notification.message.text!, new RegExp(`^Not evaluated: ${item.ruleId} production/backend: missing/backend\\.env does not exist$`));
    }
    assert.equal(log.runs[0]!.properties!.notEvaluated, report.unevaluated.length);

    const clean = JSON.parse(sarifReporter(cleanReport(), CONTEXT)) as Log;
    assert.equal(clean.runs[0]!.invocations![0]!.executionSuccessful, true);
    assert.deepEqual(clean.runs[0]!.results, []);
  });

  test('a suppression entry that accepted nothing is a warning notification naming the entry', () => {
    const unused = log.runs[0]!.invocations![0]!.toolExecutionNotifications!.filter((notification) => notification.descriptor!.id === 'envdrift/unused-suppression');
    assert.equal(unused.length, 1);
    assert.equal(unused[0]!.level, 'warning');
    assert.equal(unused[0]!.message.text, 'Unused suppression entry at envdrift.ignore.yaml:9: jwt-shared staging/auth: matched no finding');
    assert.equal(log.runs[0]!.tool.driver.notifications![unused[0]!.descriptor!.index!]!.id, 'envdrift/unused-suppression');
  });

  test('a finding of a rule the list lacks still gets a rule entry', () => {
    const orphan = { ...CLOUD_RUN_FINDINGS[0]!, ruleId: 'envdrift/revision-drift' };
    const sarif = assertValidSarif(sarifReporter({ ...cleanReport(), findings: [orphan] }, CONTEXT));
    const rules = sarif.runs[0]!.tool.driver.rules!;
    assert.equal(rules[resultsOf(sarif)[0]!.ruleIndex!]!.id, 'envdrift/revision-drift');
    assert.match(rules[resultsOf(sarif)[0]!.ruleIndex!]!.fullDescription!.text, /revision serving traffic/);
  });
});
