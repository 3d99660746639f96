// The GitHub Action's entry point (action.yml, runs.using: node24). Plain JavaScript with no dependencies, so it
// runs straight from a checkout of this repository at any commit: it builds envdrift once in the action's folder
// when that checkout has no build yet, runs `envdrift check` with the runner's own Node (the caller's Node and
// PATH stay as they were), writes the job summary and step outputs, and uploads SARIF to code scanning where the
// repository and the token allow it. See docs/ci.md.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const actionRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = join(actionRoot, 'dist', 'src', 'cli', 'main.js');

/** An input as the runner passes it: INPUT_<NAME> with the name upper-cased, hyphens kept. */
function input(name) {
  return (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
}

function command(name, message) {
  // Workflow commands end at a newline; %, CR and LF are escaped as the runner expects.
  const escaped = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stdout.write(`::${name}::${escaped}\n`);
}

function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

/** `npm ci` in the action's folder (its `prepare` script builds dist/), once per checkout of the action. */
function ensureBuilt() {
  if (existsSync(cliPath)) return;
  process.stdout.write('::group::Install and build envdrift\n');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: actionRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  process.stdout.write('::endgroup::\n');
  if (npm.status !== 0 || !existsSync(cliPath)) {
    command('error', `envdrift could not be installed in ${actionRoot} (npm ci exited with ${npm.status ?? npm.error?.message}); npm must be on PATH`);
    process.exit(2);
  }
}

/** --format values: the three the action always writes, plus whatever `formats` adds (space or newline separated). */
function formatArguments(sarifFile, summaryFile) {
  const extra = input('formats').split(/\s+/).filter(Boolean);
  return ['github', `sarif:${sarifFile}`, `markdown:${summaryFile}`, ...extra].flatMap((format) => ['--format', format]);
}

/** Paths of every report written to a file (`name:path` formats), as the caller's workspace sees them. */
function reportFiles(formatArgs, workspace) {
  return formatArgs
    .filter((argument, index) => formatArgs[index - 1] === '--format' && argument.includes(':'))
    .map((argument) => resolve(workspace, argument.slice(argument.indexOf(':') + 1)))
    .filter((path) => existsSync(path));
}

function runCheck(workspace, sarifFile, summaryFile) {
  const formatArgs = formatArguments(sarifFile, summaryFile);
  const args = ['check', '--config', input('config') || 'envdrift.yaml', '--fail-on', input('fail-on') || 'error', ...formatArgs];
  // `args` is split into words and never passed through a shell: no globbing, no command substitution.
  args.push(...input('args').split(/\s+/).filter(Boolean));
  const run = spawnSync(process.execPath, [cliPath, ...args], { cwd: workspace, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } });
  return { code: run.status ?? 2, reports: reportFiles(formatArgs, workspace) };
}

/** Why an upload cannot work here, before trying: a pull request from a fork gets a read-only token. */
function uploadBlocker() {
  if (!input('token')) return 'no token was given';
  if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_SHA || !process.env.GITHUB_REF) return 'GITHUB_REPOSITORY, GITHUB_SHA or GITHUB_REF is not set';
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (eventPath && existsSync(eventPath)) {
    const event = JSON.parse(readFileSync(eventPath, 'utf8'));
    const head = event.pull_request?.head?.repo?.full_name;
    if (head && head !== process.env.GITHUB_REPOSITORY) return `this pull request comes from the fork ${head}, whose token cannot write code-scanning results`;
  }
  return undefined;
}

/** POST /repos/{owner}/{repo}/code-scanning/sarifs; the category goes where upload-sarif puts it. */
async function uploadSarif(sarifFile) {
  const blocker = uploadBlocker();
  if (blocker) {
    command('notice', `SARIF not uploaded to code scanning: ${blocker}. The report is in ${sarifFile}.`);
    return false;
  }
  const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
  const category = input('category') || 'envdrift';
  for (const run of log.runs) run.automationDetails = { ...run.automationDetails, id: `${category}/` };
  const api = process.env.GITHUB_API_URL || 'https://api.github.com';
  const body = {
    commit_sha: process.env.GITHUB_SHA,
    ref: process.env.GITHUB_REF,
    sarif: gzipSync(JSON.stringify(log)).toString('base64'),
    tool_name: 'envdrift',
    ...(process.env.GITHUB_WORKSPACE && { checkout_uri: `file://${process.env.GITHUB_WORKSPACE}` }),
  };
  let response;
  try {
    response = await fetch(`${api}/repos/${process.env.GITHUB_REPOSITORY}/code-scanning/sarifs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${input('token')}`, accept: 'application/vnd.github+json', 'content-type': 'application/json', 'x-github-api-version': '2022-11-28' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    command('warning', `SARIF upload to code scanning failed (${error.message}); the report is in ${sarifFile}.`);
    return false;
  }
  if (response.ok) return true;
  const detail = ((await response.text()).match(/"message"\s*:\s*"([^"]*)"/) ?? [])[1] ?? response.statusText;
  // 403/404: code scanning is off for this repository (private without GitHub Advanced Security) or the token
  // may not write security events. That is a setting of the repository, not a failure of this check.
  const kind = response.status === 403 || response.status === 404 ? 'notice' : 'warning';
  command(kind, `SARIF not uploaded to code scanning (HTTP ${response.status}: ${detail}). Enable code scanning and grant "security-events: write", or set upload-sarif: false. The report is in ${sarifFile}.`);
  return false;
}

async function main() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  ensureBuilt();
  const scratch = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'envdrift-'));
  const sarifFile = resolve(workspace, input('sarif-file') || 'envdrift.sarif');
  const summaryFile = join(scratch, 'summary.md');
  const { code, reports } = runCheck(workspace, sarifFile, summaryFile);
  if (process.env.GITHUB_STEP_SUMMARY && existsSync(summaryFile)) appendFileSync(process.env.GITHUB_STEP_SUMMARY, readFileSync(summaryFile));
  const uploaded = input('upload-sarif') !== 'false' && existsSync(sarifFile) ? await uploadSarif(sarifFile) : false;
  setOutput('exit-code', String(code));
  setOutput('sarif-file', existsSync(sarifFile) ? sarifFile : '');
  setOutput('summary-file', existsSync(summaryFile) ? summaryFile : '');
  setOutput('report-files', JSON.stringify(reports));
  setOutput('sarif-uploaded', String(uploaded));
  process.exitCode = code;
}

await main();
