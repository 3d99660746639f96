import type { Finding, Report } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import type { Severity } from '../model/inventory.js';
import { failsRun, partitionSuppressed } from './fail-threshold.js';
import { markdownCell, markdownCode } from './markdown-escape.js';
import { foldProblems, type Problem } from './problems.js';
import type { Reporter, ReportContext } from './reporter-types.js';
import { foldUnevaluated } from './unread-things.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_MARK: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

/**
 * A triage report to paste into a ticket or a PR comment (docs/output-formats.md): a summary table, the
 * findings by environment and service with their fix, what was not evaluated, and what was suppressed.
 * Every piece of report text is escaped, so a message can never break a table or turn into markup.
 */
export const markdownReporter: Reporter = (report, context) => {
  const { active, suppressed } = partitionSuppressed(report.findings);
  const sections = [
    '## envdrift report',
    summaryTable(report, context, active, suppressed.length),
    ...findingSections(report, active),
    ...notEvaluatedSection(report),
    ...suppressedSection(suppressed),
    ...unusedSection(report),
    `<sub>envdrift ${markdownCell(context.toolVersion)} · --fail-on ${context.failOn}</sub>`,
  ];
  return `${sections.join('\n\n')}\n`;
};

function summaryTable(report: Report, context: ReportContext, active: Finding[], suppressed: number): string {
  const count = (severity: Severity) => active.filter((finding) => finding.severity === severity).length;
  const rows: Array<[string, string]> = [
    ['verdict', verdict(report, context, active)],
    ['errors', String(count('error'))],
    ['warnings', String(count('warning'))],
    ['info', String(count('info'))],
    ['not evaluated', String(report.unevaluated.length)],
    ['suppressed', String(suppressed)],
    ['services', String(report.servicesChecked)],
    ['environments', report.environments.length === 0 ? '0' : `${report.environments.length}: ${report.environments.map((name) => markdownCode(name)).join(', ')}`],
  ];
  return ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}

/** The same order of precedence as the exit code: failing findings, then incompleteness, then clean. */
function verdict(report: Report, context: ReportContext, active: Finding[]): string {
  const failing = active.filter((finding) => failsRun(finding, context.failOn)).length;
  if (failing > 0) return `❌ **failed**: ${failing} finding${failing === 1 ? '' : 's'} at or above \`--fail-on ${context.failOn}\``;
  if (report.unevaluated.length > 0) return '⚠️ **incomplete**: some checks could not be evaluated (this is not a pass)';
  if (active.length > 0) return `✅ **passed** with findings below \`--fail-on ${context.failOn}\``;
  return '✅ **clean**: everything was checked and nothing was found';
}

function findingSections(report: Report, findings: Finding[]): string[] {
  if (findings.length === 0) return ['### Findings', 'None.'];
  const sections = ['### Findings'];
  for (const [environment, services] of groupByEnvironmentAndService(report, findings)) {
    sections.push(`#### ${environment === undefined ? 'General' : `Environment ${markdownCode(environment, 'text')}`}`);
    for (const [service, group] of services) {
      if (service !== undefined) sections.push(`##### Service ${markdownCode(service, 'text')}`);
      sections.push(findingTable(group));
    }
  }
  return sections;
}

/** One row per problem: several rules that flagged the same thing, or one rule on several variants, share it. */
function findingTable(findings: Finding[]): string {
  const rows = foldProblems(findings).map((problem) => {
    const { headline } = problem;
    const variants = problem.variants.filter((variant) => variant !== '.env');
    const variant = variants.length > 0 ? ` (${markdownCell(variants.join(', '))})` : '';
    const detail = headline.detail === headline.message ? '' : `<br>${markdownCell(headline.detail)}`;
    const also = problem.otherMessages.map((other) => `<br>also ${markdownCode(other.ruleId)}: ${markdownCell(other.message)}`).join('');
    const rules = problem.ruleIds.map((ruleId) => markdownCode(ruleId)).join('<br>');
    return `| ${SEVERITY_MARK[problem.severity]} | ${rules} | ${headline.key ? markdownCode(headline.key) : ''} | ${markdownCell(headline.message)}${variant}${detail}${also} | ${locationCell(problem)} | ${markdownCell(headline.remediation)} |`;
  });
  return ['| severity | rule | key | message | location | fix |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

function locationCell(problem: Problem): string {
  const related = problem.related.map((item) => `<br>see ${markdownCode(describeOrigin(item.origin))}: ${markdownCell(item.note)}`);
  return `${problem.locations.map((location) => markdownCode(describeOrigin(location))).join('<br>')}${related.join('')}`;
}

/** One row per thing that could not be read, with the checks it blocked (the JSON report lists each). */
function notEvaluatedSection(report: Report): string[] {
  if (report.unevaluated.length === 0) return [];
  const rows = foldUnevaluated(report.unevaluated).map((thing) =>
    `| ${markdownCell(thing.reason)} | ${thing.places.map((place) => markdownCode(place)).join(', ')} | ${thing.blocked}: ${thing.ruleIds.map((ruleId) => markdownCode(ruleId)).join(', ')} |`,
  );
  return [
    '### Not evaluated',
    'These checks could not be made because something they need could not be read. **This is not a pass.**',
    ['| could not read | where | checks blocked |', '|---|---|---|', ...rows].join('\n'),
  ];
}

function suppressedSection(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  const rows = findings.map((finding) => {
    const target = [finding.environment, finding.service].filter(Boolean).join(' / ');
    const { reason, expires, source } = finding.suppressed!;
    return `| ${finding.severity} | ${markdownCode(finding.ruleId)} | ${target ? markdownCode(target) : ''} | ${finding.key ? markdownCode(finding.key) : ''} | ${markdownCell(finding.message)} | ${markdownCode(describeOrigin(finding.location))} | ${markdownCell(reason)} | ${expires === undefined ? 'until fixed' : markdownCell(expires)} | ${markdownCode(source)} |`;
  });
  return [
    '### Suppressed findings',
    'Accepted by a suppression or baseline entry: they do not fail the run. A suppression stops applying after its expiry date.',
    ['| severity | rule | environment / service | key | message | location | reason | expires | suppressed by |', '|---|---|---|---|---|---|---|---|---|', ...rows].join('\n'),
  ];
}

function unusedSection(report: Report): string[] {
  const unused = report.unusedSuppressions ?? [];
  if (unused.length === 0) return [];
  const rows = unused.map((entry) => {
    const target = [entry.environment, entry.service].filter(Boolean).join(' / ');
    return `| ${markdownCode(entry.source)} | ${markdownCode(entry.ruleId)} | ${target ? markdownCode(target) : ''} | ${entry.key ? markdownCode(entry.key) : ''} | ${markdownCell(entry.note)} |`;
  });
  return [
    '### Unused suppressions',
    'These entries accepted nothing in this run and can be removed.',
    ['| entry | rule | environment / service | key | note |', '|---|---|---|---|---|', ...rows].join('\n'),
  ];
}

/** Environments in report order (findings about no environment last), services by name, worst first. */
function groupByEnvironmentAndService(report: Report, findings: Finding[]): Map<string | undefined, Map<string | undefined, Finding[]>> {
  const rank = (environment: string | undefined) => (environment === undefined ? Infinity : report.environments.indexOf(environment));
  const ordered = [...findings].sort(
    (a, b) =>
      rank(a.environment) - rank(b.environment) ||
      (a.environment ?? '').localeCompare(b.environment ?? '') ||
      (a.service ?? '').localeCompare(b.service ?? '') ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const groups = new Map<string | undefined, Map<string | undefined, Finding[]>>();
  for (const finding of ordered) {
    const services = groups.get(finding.environment) ?? groups.set(finding.environment, new Map()).get(finding.environment)!;
    const list = services.get(finding.service) ?? services.set(finding.service, []).get(finding.service)!;
    list.push(finding);
  }
  return groups;
}
