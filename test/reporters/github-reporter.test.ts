/** --format github: workflow commands GitHub Actions turns into annotations, escaped so text can never issue its own. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Report } from '../../src/model/report.js';
import { githubReporter } from '../../src/reporters/github-reporter.js';
import { CONTEXT, cleanReport, fullReport, HOSTILE, hostileReport } from './report-fixture.js';

interface Command {
  name: string;
  properties: Record<string, string>;
  message: string;
}

/** Reads a workflow command the way the Actions runner does (actions/runner ActionCommand.TryParseV2). */
function parseCommand(line: string): Command | undefined {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) return undefined;
  const unescape = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [key, ...value] = pair.split('=');
        return [key!, unescape(value.join('='))];
      }),
  );
  return { name: match[1]!, properties, message: unescape(match[3]!) };
}

const commandsOf = (output: string) => output.trimEnd().split('\n').map(parseCommand).filter((command): command is Command => command !== undefined);

describe('--format github', () => {
  let report: Report;
  let output: string;
  let commands: Command[];
  before(async () => {
    report = await fullReport();
    output = githubReporter(report, CONTEXT);
    commands = commandsOf(output);
  });

  test('one annotation per finding that stands and per target not evaluated, errors first, then a summary line', () => {
    const lines = output.trimEnd().split('\n');
    // One annotation per problem: findings that share a group (a duplicated LOG_LEVEL that is also the wrong level) are one.
    const problems = new Set(report.findings.filter((finding) => !finding.suppressed).map((finding) => finding.group ?? finding)).size;
    assert.ok(problems < report.findings.filter((finding) => !finding.suppressed).length, 'the fixture has a problem two rules flag');
    assert.equal(commands.length, problems + 1 + 1, 'the five checks stopped by one missing file are one annotation; one unused suppression');
    assert.equal(lines.length, commands.length + 1);
    // GitHub shows only the first 10 annotations of each level per step: the ones that fail the run come first.
    assert.deepEqual(
      commands.map((command) => (command.name === 'warning' && /^(not evaluated|unused )/.test(command.properties.title!) ? command.properties.title : command.name)),
      ['error', 'error', 'error', 'error', 'not evaluated', 'warning', 'unused suppression'],
    );
    assert.equal(lines.at(-1), 'envdrift: 4 errors, 2 warnings, 0 info; 5 checks not evaluated; 3 services in 2 environments; 1 suppressed finding not annotated');
  });

  test('a .env finding is annotated on its file and line, titled with its rule, and says how to fix it', () => {
    const jwt = commands.find((command) => command.properties.title === 'jwt-shared' && command.properties.file !== undefined)!;
    assert.equal(jwt.name, 'error');
    assert.deepEqual(jwt.properties, { file: 'config dir/backend.env', line: '3', title: 'jwt-shared' });
    assert.equal(jwt.message, 'values differ: auth JWT_SECRET_KEY has value A; backend JWT_SECRET_KEY has value B\nsee auth.env:2: auth JWT_SECRET_KEY: value A\nfix: point both at one secret');
    const missingKey = commands.find((command) => command.properties.title === 'needs-service-id' && command.properties.file !== undefined)!;
    assert.deepEqual(missingKey.properties, { file: 'config dir/backend.env', title: 'needs-service-id' }, 'a missing key has no line');
    // Two rules flag the second LOG_LEVEL line: one annotation, titled with both, saying both things.
    const logLevel = commands.find((command) => command.properties.title?.startsWith('envdrift/duplicate-key'))!;
    assert.equal(logLevel.name, 'warning');
    assert.deepEqual(logLevel.properties, { file: 'config dir/backend.env', line: '2', title: 'envdrift/duplicate-key, log-level-info' });
    assert.match(logLevel.message, /^LOG_LEVEL is assigned again with a different value \(first at line 1\); only this one counts\nalso \(log-level-info\): LOG_LEVEL is "trace", expected "info"\nfix: /);
  });

  test('an info finding is a notice', () => {
    const info = commandsOf(githubReporter({ ...cleanReport(), findings: [{ ...report.findings[0]!, severity: 'info' }] }, CONTEXT));
    assert.equal(info[0]!.name, 'notice');
  });

  test('a Cloud Run finding has no file, and names the resource in its message', () => {
    const cloudRun = commands.find((command) => command.properties.title === 'needs-service-id' && command.properties.file === undefined)!;
    assert.deepEqual(cloudRun.properties, { title: 'needs-service-id' });
    assert.match(cloudRun.message, /^SERVICE_ID is not set \[revision netra-backend-00042-xyz\]\nat Cloud Run netra-prod\/us-central1\/netra-backend \(revision netra-backend-00042-xyz, container sidecar\)\nfix: /);
  });

  test('checks not evaluated are warnings titled "not evaluated", one per target and reason; suppressed findings are not annotated', () => {
    const notEvaluated = commands.filter((command) => command.properties.title === 'not evaluated');
    assert.deepEqual(notEvaluated, [
      {
        name: 'warning',
        properties: { title: 'not evaluated' },
        message: 'production/backend: missing/backend.env does not exist\n5 checks not evaluated (this is not a pass): envdrift/read, needs-service-id, log-level-info, jwt-shared, no-bypass-switch',
      },
    ]);
    const twoReasons = commandsOf(githubReporter({ ...cleanReport(), unevaluated: [...report.unevaluated, { ruleId: 'jwt-shared', key: 'JWT_SECRET_KEY', reason: 'permission denied' }] }, CONTEXT));
    assert.equal(twoReasons.length, 2);
    assert.equal(twoReasons[1]!.message, 'all environments: permission denied\n1 check not evaluated (this is not a pass): jwt-shared (JWT_SECRET_KEY)');
    assert.ok(!output.includes('INC-7') && !output.includes('auth.env,line=3'));
  });

  test('a suppression entry that accepted nothing is a warning on its line of the suppression file', () => {
    assert.deepEqual(commands.find((command) => command.properties.title === 'unused suppression'), {
      name: 'warning',
      properties: { file: 'envdrift.ignore.yaml', line: '9', title: 'unused suppression' },
      message: 'jwt-shared staging/auth: matched no finding; the entry can be removed',
    });
  });

  test('every command is one line, whatever the text holds, and reads back exactly', () => {
    const text = githubReporter(hostileReport(), CONTEXT);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines.slice(0, 2).every((line) => line.startsWith('::')), text);
    assert.ok(!text.includes('\r') && !text.includes('\u001b'));
    const [finding, unevaluated] = commandsOf(text);
    const visible = HOSTILE.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b').replace('\u0000', '\\u0000');
    assert.deepEqual(finding!.properties, { file: `dir${visible}/x.env`, line: '4', col: '2', title: `rule${visible}` });
    assert.equal(finding!.message.split('\n')[0], `message${visible.split('\n')[0]}`);
    assert.ok(finding!.message.endsWith(`fix: fix${visible}`));
    assert.ok(unevaluated!.message.includes(`reason${visible}`));
    // A property value can hold neither `,` nor `:` raw, or the runner would split it into other properties.
    assert.doesNotMatch(lines[0]!.split('::')[1]!, /file=[^,]*[:]/);
  });
});
