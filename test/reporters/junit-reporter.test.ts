/** --format junit: well-formed JUnit XML, a suite per rule, a case per target; not evaluated is skipped, never passed. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Report } from '../../src/model/report.js';
import { ALL_TARGETS, junitReporter } from '../../src/reporters/junit-reporter.js';
import type { ReportContext } from '../../src/reporters/reporter-types.js';
import { CONTEXT, cleanReport, fullReport, HOSTILE, hostileReport, pipelineReport } from './report-fixture.js';

interface TestCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  skipped: string;
  errors: string;
  properties?: { property: Array<{ name: string; value: string }> };
  testcase: TestCase[];
}
interface Parsed {
  testsuites: { name: string; tests: string; failures: string; skipped: string; errors: string; testsuite: TestSuite[] };
}

/** Parses strictly: the document must be well-formed and hold no character XML 1.0 forbids. */
function parse(xml: string): Parsed {
  assert.equal(XMLValidator.validate(xml), true, `not well-formed XML:\n${xml}`);
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/, 'a character XML 1.0 cannot carry');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'property',
  });
  return parser.parse(xml) as Parsed;
}

const render = (report: Report, context: Partial<ReportContext> = {}) => parse(junitReporter(report, { ...CONTEXT, ...context }));
const suiteOf = (parsed: Parsed, ruleId: string) => {
  const found = parsed.testsuites.testsuite.find((suite) => suite.name === ruleId);
  assert.ok(found, `no suite ${ruleId}`);
  return found;
};
const caseOf = (parsed: Parsed, ruleId: string, name: string) => {
  const found = suiteOf(parsed, ruleId).testcase.find((testCase) => testCase.name === name);
  assert.ok(found, `no case ${ruleId} ${name}: ${suiteOf(parsed, ruleId).testcase.map((testCase) => testCase.name).join(', ')}`);
  return found;
};

describe('--format junit', () => {
  let report: Report;
  let parsed: Parsed;
  before(async () => {
    report = await pipelineReport();
    parsed = render(report);
  });

  test('a suite per rule that ran, with its description, kind and severity', () => {
    assert.deepEqual(parsed.testsuites.testsuite.map((suite) => suite.name), report.rules.map((rule) => rule.id));
    assert.deepEqual(suiteOf(parsed, 'needs-service-id').properties!.property, [
      { name: 'kind', value: 'require' },
      { name: 'severity', value: 'error' },
      { name: 'description', value: 'Every service needs an id. It names the caller.' },
    ]);
    for (const suite of parsed.testsuites.testsuite) for (const testCase of suite.testcase) assert.equal(testCase.classname, suite.name);
  });

  test('a failing case per rule and target with findings, carrying every finding and its fix', () => {
    const failing = caseOf(parsed, 'jwt-shared', 'staging/backend');
    assert.equal(failing.failure!.type, 'error');
    assert.match(failing.failure!.message, /values differ/);
    assert.match(failing.failure!['#text'], /at config dir\/backend\.env:3\n {2}see auth\.env:2: auth JWT_SECRET_KEY: value A\n {2}fix: point both at one secret/);
    assert.ok(caseOf(parsed, 'needs-service-id', 'staging/backend').failure);
  });

  test('what was not evaluated is skipped with its reason, never a pass', () => {
    for (const item of report.unevaluated) {
      const skipped = caseOf(parsed, item.ruleId, 'production/backend');
      assert.equal(skipped.skipped?.message, 'not evaluated: missing/backend.env does not exist');
      assert.equal(skipped.failure, undefined);
    }
    assert.ok(caseOf(parsed, 'no-bypass-switch', 'production/backend').skipped, 'a rule with nothing but an unreadable target is skipped there');
  });

  test('a rule with no finding and nothing unevaluated is one passing case; envdrift\'s own checks skip unread targets', () => {
    // production/backend's file is missing: envdrift's own checks did not run there, so no "all targets" pass.
    const suite = suiteOf(parsed, 'envdrift/ignored-line');
    assert.deepEqual(suite.testcase.map((testCase) => testCase.name), ['production/backend']);
    assert.ok(suite.testcase[0]!.skipped, 'the unread target is skipped, not passed');
    const clean = render(cleanReport());
    assert.deepEqual(clean.testsuites.testsuite[0]!.testcase, [{ classname: 'needs-service-id', name: ALL_TARGETS }]);
    assert.equal(clean.testsuites.failures, '0');
  });

  test('findings below --fail-on pass with the findings in system-out; at or above, they fail', () => {
    const belowThreshold = caseOf(parsed, 'log-level-info', 'staging/backend');
    assert.equal(belowThreshold.failure, undefined);
    assert.match(belowThreshold['system-out']!, /^warning: LOG_LEVEL is "trace", expected "info"/);
    assert.ok(caseOf(render(report, { failOn: 'warning' }), 'log-level-info', 'staging/backend').failure);
    const never = render(report, { failOn: 'never' });
    assert.equal(never.testsuites.failures, '0');
  });

  test('a suppressed finding never fails its case, and is listed in system-out', async () => {
    const withSuppressed = render(await fullReport(), { failOn: 'info' });
    const accepted = caseOf(withSuppressed, 'log-level-info', 'staging/auth');
    assert.equal(accepted.failure, undefined);
    assert.match(accepted['system-out']!, /suppressed until 2099-12-31 by envdrift\.ignore\.yaml:4: debug logging until the incident INC-7 is closed/);
  });

  test('a Cloud Run finding on a target that was also not evaluated fails there, and still lists what was not evaluated', async () => {
    const failing = caseOf(render(await fullReport()), 'needs-service-id', 'production/backend');
    assert.match(failing.failure!['#text'], /at Cloud Run netra-prod\/us-central1\/netra-backend \(revision netra-backend-00042-xyz, container sidecar\)/);
    assert.match(failing['system-out']!, /not evaluated: missing\/backend\.env does not exist/);
  });

  test('the counts add up, per suite and in total', () => {
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of parsed.testsuites.testsuite) {
      assert.equal(Number(suite.tests), suite.testcase.length);
      assert.equal(Number(suite.failures), suite.testcase.filter((testCase) => testCase.failure).length);
      assert.equal(Number(suite.skipped), suite.testcase.filter((testCase) => testCase.skipped).length);
      assert.equal(suite.errors, '0');
      tests += suite.testcase.length;
      failures += Number(suite.failures);
      skipped += Number(suite.skipped);
    }
    assert.deepEqual([parsed.testsuites.tests, parsed.testsuites.failures, parsed.testsuites.skipped].map(Number), [tests, failures, skipped]);
    assert.ok(failures > 0 && skipped > 0);
  });

  test('markup, quotes and control characters are escaped in attributes and text, and read back as written', () => {
    const hostile = render(hostileReport());
    const visible = HOSTILE.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b').replace('\u0000', '\\u0000');
    const suite = hostile.testsuites.testsuite[0]!;
    assert.equal(suite.name, `rule${visible}`);
    assert.equal(suite.properties!.property[2]!.value, `description${visible}`);
    const failing = suite.testcase.find((testCase) => testCase.failure)!;
    assert.equal(failing.classname, `rule${visible}`);
    assert.equal(failing.name, `env${visible}/service${visible}`);
    assert.equal(failing.failure!.message, `message${visible}`);
    assert.ok(failing.failure!['#text'].includes(`detail${visible}`), failing.failure!['#text']);
    assert.ok(failing.failure!['#text'].includes(`fix: fix${visible}`));
    const skipped = suite.testcase.find((testCase) => testCase.skipped)!;
    assert.equal(skipped.skipped!.message, `not evaluated: reason${visible}`);
  });
});
