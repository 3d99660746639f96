/**
 * An exception that escapes every handler ends with a fixed message and a documented exit code, never
 * Node's default print-out (the error's message, the offending source line, a stack) and exit 1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const HANDLERS = fileURLToPath(new URL('../src/cli/last-resort.js', import.meta.url));
const CANARY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-canary';

function crash(body: string, env: Record<string, string> = {}) {
  const script = `import { installLastResortHandlers } from ${JSON.stringify(HANDLERS)};\ninstallLastResortHandlers(${JSON.stringify(Boolean(env.DEBUG))});\n${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
}

test('an unhandled rejection quoting input: fixed message, exit 2, nothing of the input', () => {
  const result = crash(`Promise.reject(new SyntaxError('Unexpected token in JSON: "${CANARY}"'));`);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^envdrift: internal error: an unexpected failure escaped its handler/);
  assert.ok(!result.stderr.includes(CANARY) && !result.stdout.includes(CANARY), result.stderr);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('an uncaught exception thrown from a timer: exit 2', () => {
  const result = crash(`setTimeout(() => { throw new Error('${CANARY}'); }, 1);`);
  assert.equal(result.status, 2);
  assert.ok(!result.stderr.includes(CANARY), result.stderr);
});

test('a failure raised inside the Google libraries is a source not read: exit 3', () => {
  const fromAuthLibrary = `const error = new Error('${CANARY}'); error.stack = 'Error\\n    at GoogleAuth.x (/app/node_modules/google-auth-library/build/src/auth/googleauth.js:553:43)'; Promise.reject(error);`;
  const result = crash(fromAuthLibrary);
  assert.equal(result.status, 3);
  assert.match(result.stderr, /the Google Cloud client library failed/);
  assert.ok(!result.stderr.includes(CANARY), result.stderr);
});
