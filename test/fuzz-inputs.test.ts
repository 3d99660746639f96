/**
 * Bounded, deterministic mutational fuzzing of every file envdrift reads: a config, a rule file, a
 * suppression file, a .env file and a snapshot are mutated (bytes flipped, lines cut, duplicated, swapped,
 * hostile fragments inserted) with a fixed seed, and each mutant is run through the real CLI. Whatever the
 * input: an exit code in 0-3, no stack trace or internal error, no canary secret in any output, and an end
 * within the subprocess timeout. A failure names its seed and case, so it reproduces exactly.
 * Budget: exactly RUNS mutants (the same ones every time, however busy the machine), each bounded by a
 * 20 s subprocess timeout, the whole test by BUDGET_MS.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { CLI_PATH } from './support/run-cli.js';
import { createWorkspace } from './support/workspace.js';

const SEED = 0x5eed_0010;
const RUNS = 36;
const BUDGET_MS = 180_000;
const CANARY = 'Zq8vK3pW7xN2mR5tY9bC4dF6';

const workspace = createWorkspace();
after(() => workspace.dispose());

const ORIGINALS: Record<string, string> = {
  'envdrift.yaml': 'version: 1\npacks: [recommended]\nrules: [rules.yaml]\nenvironments:\n  staging:\n    services:\n      backend: { dotenv: [backend.env], urls: [https://api.staging.example.com] }\n      auth: { dotenv: [auth.env] }\n',
  'rules.yaml': [
    'rules:',
    '  - { id: r-require, kind: require, severity: error, description: d, remediation: r, keys: [JWT_SECRET_KEY] }',
    '  - { id: r-pattern, kind: pattern, severity: error, description: d, remediation: r, keys: ["*_ID"], regex: "^netra-[a-z]+$" }',
    '  - { id: r-forbid, kind: forbid, severity: error, description: d, remediation: r, keys: ["*TEST*"], when: truthy }',
    '  - { id: r-match, kind: match, severity: error, description: d, remediation: r, members: [{ service: backend, key: JWT_SECRET_KEY }, { service: auth, key: JWT_SECRET_KEY }] }',
    '',
  ].join('\n'),
  'envdrift.ignore.yaml': 'version: 1\nsuppressions:\n  - { rule: r-forbid, environment: staging, service: "*", key: AUTH_*, reason: tracked in PLAT-1, expires: 2099-01-01 }\n',
  'backend.env': `SERVICE_ID=netra-backend\nJWT_SECRET_KEY=${CANARY}\nAUTH_TEST_MODE=1\n`,
  'auth.env': `JWT_SECRET_KEY=${CANARY}x\nSERVICE_ID=netra-auth\n`,
};
for (const [file, text] of Object.entries(ORIGINALS)) workspace.write(file, text);
const snapshot = spawnSync(process.execPath, [CLI_PATH, 'snapshot', '--out', 'snapshot.json'], { cwd: workspace.dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
assert.equal(snapshot.status, 0, snapshot.stderr);
ORIGINALS['snapshot.json'] = readFileSync(workspace.path('snapshot.json'), 'utf8');

/** mulberry32: small, fast and the same everywhere, so a seed reproduces a run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = ['null', '~', '[]', '{}', '*anchor', '&a [*a, *a]', '"\\u0000"', '- - -', ': :', '!!binary AAAA', '{{', '"', "'", '\t', '\uFEFF', '^(a+)+$', '*a*a*a*a*a*a*b', '9'.repeat(400), 'x'.repeat(5000), '\r\n', '\\n', '# ', '${HOME}', '../../etc/passwd', 'envdriftSnapshot', '{"kind": 7}'];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const lines = text.split('\n');
  const at = Math.floor(next() * (text.length + 1));
  switch (Math.floor(next() * 7)) {
    case 0: // flip a byte
      return text.slice(0, at) + String.fromCharCode(Math.floor(next() * 256)) + text.slice(at + 1);
    case 1: // cut off the rest, as a truncated file
      return text.slice(0, at);
    case 2: // insert a hostile fragment
      return text.slice(0, at) + pick(HOSTILE) + text.slice(at);
    case 3: { // duplicate a line
      const index = Math.floor(next() * lines.length);
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('\n');
    }
    case 4: { // swap two lines
      const a = Math.floor(next() * lines.length);
      const b = Math.floor(next() * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 5: // delete a line
      lines.splice(Math.floor(next() * lines.length), 1);
      return lines.join('\n');
    default: // replace a value after a colon with a hostile one
      return text.replace(/: [^\n,}]+/g, (match) => (next() < 0.2 ? `: ${pick(HOSTILE)}` : match));
  }
}

const COMMANDS: Record<string, string[]> = {
  'snapshot.json': ['check', '--snapshot', 'snapshot.json', '--format', 'json'],
  'envdrift.yaml': ['check', '--format', 'json'],
  'rules.yaml': ['check', '--format', 'sarif'],
  'envdrift.ignore.yaml': ['check', '--format', 'markdown'],
  'backend.env': ['check'],
  'auth.env': ['diff', 'staging/backend', 'staging/auth'],
};

test(`mutated inputs never crash, leak, hang or exit outside 0-3 (seed ${SEED}, ${RUNS} runs)`, { timeout: BUDGET_MS }, () => {
  const next = random(SEED);
  const files = Object.keys(COMMANDS);
  for (let runs = 0; runs < RUNS; runs++) {
    const file = files[runs % files.length]!;
    let mutant = ORIGINALS[file]!;
    const mutations = 1 + Math.floor(next() * 3);
    for (let count = 0; count < mutations; count++) mutant = mutate(mutant, next);
    for (const [name, text] of Object.entries(ORIGINALS)) workspace.write(name, name === file ? mutant : text);
    const result = spawnSync(process.execPath, [CLI_PATH, ...COMMANDS[file]!], { cwd: workspace.dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, HOME: workspace.dir } });
    const label = `seed ${SEED}, run ${runs} (${mutations} mutations of ${file})`;
    assert.equal(result.error, undefined, `${label}: did not finish within 20 s`);
    assert.ok(result.status !== null && result.status >= 0 && result.status <= 3, `${label}: exit ${result.status}\n${result.stderr}`);
    assert.doesNotMatch(result.stderr, /internal error|\n\s+at |Cannot read properties/, `${label}:\n${result.stderr}`);
    for (let start = 0; start + 6 <= CANARY.length; start++) {
      const piece = CANARY.slice(start, start + 6);
      assert.ok(!result.stdout.includes(piece) && !result.stderr.includes(piece), `${label}: output contains part of the canary`);
    }
  }
});
