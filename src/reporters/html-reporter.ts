import { createHash } from 'node:crypto';
import type { OverviewEnvironment } from '../model/configuration-overview.js';
import type { Finding, Report } from '../model/report.js';
import { failsRun, partitionSuppressed } from './fail-threshold.js';
import { environmentSection, notesList, SEVERITY_ICON, SEVERITY_ORDER } from './html-matrix.js';
import { HTML_REPORT_SCRIPT } from './html-script.js';
import { HTML_REPORT_STYLES } from './html-styles.js';
import type { Reporter, ReportContext } from './reporter-types.js';
import { xmlText as text } from './xml-escape.js';

/**
 * One self-contained HTML file for triage (docs/output-formats.md): per environment a matrix of keys by
 * service and serving revision, each cell saying literal or secret reference and its value group, marked by
 * the severity of its findings. Everything is inline; the Content-Security-Policy allows exactly the one
 * style sheet and the one script by hash and nothing else, so the page can load nothing from anywhere.
 */
export const htmlReporter: Reporter = (report, context) => {
  const { active } = partitionSuppressed(report.findings);
  const environments: OverviewEnvironment[] = report.configuration?.environments
    ?? report.environments.map((name) => ({ name, production: false, columns: [], rows: [] }));
  const sections = environments.map((environment, index) =>
    environmentSection(
      environment,
      index,
      report.findings.filter((finding) => finding.environment === environment.name),
      report.unevaluated.filter((item) => item.environment === environment.name),
    ),
  );
  const general = {
    findings: report.findings.filter((finding) => finding.environment === undefined || !environments.some((environment) => environment.name === finding.environment)),
    unevaluated: report.unevaluated.filter((item) => item.environment === undefined || !environments.some((environment) => environment.name === item.environment)),
  };
  const policy = [
    "default-src 'none'",
    `style-src '${sha256(HTML_REPORT_STYLES)}'`,
    `script-src '${sha256(HTML_REPORT_SCRIPT)}'`,
    "img-src 'none'",
    "font-src 'none'",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>envdrift report</title>',
    `<style>${HTML_REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>envdrift report</h1>',
    summaryBar(report, context, active),
    '<div class="controls" role="search">',
    '<label>Search keys and secrets <input type="search" id="search" autocomplete="off"></label>',
    '<label><input type="checkbox" id="only-findings"> Only rows with findings</label>',
    '<span id="rows-shown" class="legend" aria-live="polite"></span>',
    '</div>',
    `<p class="legend">A, B, …: cells of a row with the same letter hold the same value (compared by keyed fingerprint; no value is in this file). ${SEVERITY_ORDER.map((severity) => `${SEVERITY_ICON[severity]} ${severity}`).join(' · ')} · ? not evaluated · — absent</p>`,
    '</header>',
    '<main>',
    ...sections,
    ...(general.findings.length + general.unevaluated.length > 0 ? ['<section class="general"><h2>Not tied to an environment</h2>', notesList(general), '</section>'] : []),
    '</main>',
    `<footer class="legend">envdrift ${text(context.toolVersion)} · --fail-on ${text(context.failOn)}</footer>`,
    `<script>${HTML_REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

function sha256(content: string): string {
  return `sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}`;
}

/** The verdict follows the exit code's order of precedence: failing findings, then incompleteness, then clean. */
function summaryBar(report: Report, context: ReportContext, active: Finding[]): string {
  const failing = active.filter((finding) => failsRun(finding, context.failOn)).length;
  const [verdictClass, verdict] = failing > 0
    ? ['failed', `✖ failed: ${failing} finding${failing === 1 ? '' : 's'} at or above --fail-on ${context.failOn}`]
    : report.unevaluated.length > 0
      ? ['incomplete', '? incomplete: some checks were not evaluated (this is not a pass)']
      : active.length > 0
        ? ['passed', `✔ passed with findings below --fail-on ${context.failOn}`]
        : ['clean', '✔ clean: everything was checked and nothing was found'];
  const count = (severity: Finding['severity']) => active.filter((finding) => finding.severity === severity).length;
  const suppressed = report.findings.length - active.length;
  return [
    '<div class="summary" role="status" aria-label="Summary">',
    `<span class="verdict ${verdictClass}" data-verdict="${verdictClass}">${text(verdict)}</span>`,
    ...SEVERITY_ORDER.map((severity) => `<span class="count ${severity}" data-count="${severity}">${SEVERITY_ICON[severity]} ${count(severity)} ${severity}${severity === 'info' || count(severity) === 1 ? '' : 's'}</span>`),
    `<span class="count" data-count="unevaluated">? ${report.unevaluated.length} not evaluated</span>`,
    ...(suppressed > 0 ? [`<span class="count" data-count="suppressed">${suppressed} suppressed</span>`] : []),
    `<span class="count">${report.servicesChecked} service${report.servicesChecked === 1 ? '' : 's'} in ${report.environments.length} environment${report.environments.length === 1 ? '' : 's'}</span>`,
    '</div>',
  ].join('\n');
}
