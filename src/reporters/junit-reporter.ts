import type { Finding, Report, Unevaluated } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import { failsRun } from './fail-threshold.js';
import type { Reporter, ReportContext } from './reporter-types.js';
import { xmlAttribute, xmlText } from './xml-escape.js';

/** Name of the one passing test case of a rule that found nothing anywhere and was evaluated everywhere. */
export const ALL_TARGETS = 'all targets';

interface TestCase {
  name: string;
  environment?: string;
  findings: Finding[];
  unevaluated: Unevaluated[];
}

interface TestCaseXml {
  xml: string;
  outcome: 'passed' | 'failed' | 'skipped';
}

/**
 * JUnit XML for CI test views (docs/output-formats.md): a test suite per rule, a test case per target
 * (environment/service) that has findings or checks not evaluated, and one passing case per rule with none.
 * The report does not say which targets a rule covered cleanly, so clean targets are not listed one by one.
 * A case fails exactly when one of its findings fails the run under `--fail-on`; a check that was not
 * evaluated is `<skipped>` with its reason, never a pass; suppressed findings never fail.
 */
export const junitReporter: Reporter = (report, context) => {
  const suites = ruleIds(report).map((ruleId) => suite(ruleId, report, context));
  const total = (outcome: TestCaseXml['outcome']) => suites.reduce((sum, suite) => sum + suite.cases.filter((test) => test.outcome === outcome).length, 0);
  const tests = suites.reduce((sum, suite) => sum + suite.cases.length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="envdrift" tests="${tests}" failures="${total('failed')}" errors="0" skipped="${total('skipped')}">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
};

function ruleIds(report: Report): string[] {
  return [...new Set([...report.rules.map((rule) => rule.id), ...report.findings.map((finding) => finding.ruleId), ...report.unevaluated.map((item) => item.ruleId)])];
}

function suite(ruleId: string, report: Report, context: ReportContext): { xml: string; cases: TestCaseXml[] } {
  const rule = report.rules.find((candidate) => candidate.id === ruleId);
  const cases = testCases(ruleId, report).map((test) => testCase(ruleId, test, context));
  const count = (outcome: TestCaseXml['outcome']) => cases.filter((test) => test.outcome === outcome).length;
  const properties = rule
    ? [
        '    <properties>',
        ...Object.entries({ kind: rule.kind, severity: rule.severity, description: rule.description }).map(
          ([name, value]) => `      <property name="${name}" value="${xmlAttribute(value)}"/>`,
        ),
        '    </properties>',
      ]
    : [];
  const open = `  <testsuite name="${xmlAttribute(ruleId)}" tests="${cases.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}">`;
  return { xml: [open, ...properties, ...cases.map((test) => test.xml), '  </testsuite>'].join('\n'), cases };
}

/** One case per target with findings or unevaluated checks, in environment order; one clean case otherwise. */
function testCases(ruleId: string, report: Report): TestCase[] {
  const cases = new Map<string, TestCase>();
  const caseFor = (item: { environment?: string; service?: string }) => {
    const name = [item.environment, item.service].filter(Boolean).join('/') || 'all environments';
    let test = cases.get(name);
    if (!test) cases.set(name, (test = { name, ...(item.environment !== undefined && { environment: item.environment }), findings: [], unevaluated: [] }));
    return test;
  };
  for (const finding of report.findings) if (finding.ruleId === ruleId) caseFor(finding).findings.push(finding);
  for (const item of report.unevaluated) if (item.ruleId === ruleId) caseFor(item).unevaluated.push(item);
  // envdrift's own checks run on every service: where a source could not be read, they did not run either.
  if (ruleId.startsWith('envdrift/') && ruleId !== 'envdrift/read') {
    for (const item of report.unevaluated) if (item.ruleId === 'envdrift/read') caseFor(item).unevaluated.push(item);
  }
  if (cases.size === 0) return [{ name: ALL_TARGETS, findings: [], unevaluated: [] }];
  const order = (test: TestCase) => (test.environment === undefined ? -1 : report.environments.indexOf(test.environment));
  return [...cases.values()].sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
}

function testCase(ruleId: string, test: TestCase, context: ReportContext): TestCaseXml {
  const open = `    <testcase classname="${xmlAttribute(ruleId)}" name="${xmlAttribute(test.name)}">`;
  const failing = test.findings.filter((finding) => failsRun(finding, context.failOn));
  const other = test.findings.filter((finding) => !failing.includes(finding));
  const notEvaluated = test.unevaluated.map((item) => `not evaluated${item.key ? ` (${item.key})` : ''}: ${item.reason}`);
  const output = other.map(describeFinding);

  if (failing.length > 0) {
    // The case fails for its findings; what else could not be checked on the same target is still said.
    output.push(...notEvaluated);
    const message = failing.length === 1 ? failing[0]!.message : `${failing.length} findings: ${failing[0]!.message}; …`;
    const failure = `      <failure message="${xmlAttribute(message)}" type="${failing[0]!.severity}">${xmlText(failing.map(describeFinding).join('\n\n'))}</failure>`;
    return { outcome: 'failed', xml: [open, failure, ...systemOut(output), '    </testcase>'].join('\n') };
  }
  if (test.unevaluated.length > 0) {
    const skipped = `      <skipped message="${xmlAttribute(`not evaluated: ${test.unevaluated.map((item) => item.reason).join('; ')}`)}"/>`;
    return { outcome: 'skipped', xml: [open, skipped, ...systemOut(output), '    </testcase>'].join('\n') };
  }
  if (output.length === 0) return { outcome: 'passed', xml: `${open.slice(0, -1)}/>` };
  return { outcome: 'passed', xml: [open, ...systemOut(output), '    </testcase>'].join('\n') };
}

function systemOut(lines: string[]): string[] {
  return lines.length === 0 ? [] : [`      <system-out>${xmlText(lines.join('\n\n'))}</system-out>`];
}

function describeFinding(finding: Finding): string {
  const variant = finding.variant && finding.variant !== '.env' ? ` [${finding.variant}]` : '';
  const accepted = finding.suppressed ? ` (suppressed${finding.suppressed.expires ? ` until ${finding.suppressed.expires}` : ''} by ${finding.suppressed.source}: ${finding.suppressed.reason})` : '';
  const lines = [`${finding.severity}: ${finding.message}${variant}${accepted}`];
  if (finding.detail !== finding.message) lines.push(`  ${finding.detail}`);
  lines.push(`  at ${describeOrigin(finding.location)}`);
  for (const related of finding.related) lines.push(`  see ${describeOrigin(related.origin)}: ${related.note}`);
  lines.push(`  fix: ${finding.remediation}`);
  return lines.join('\n');
}
