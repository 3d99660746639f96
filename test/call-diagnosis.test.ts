/**
 * The failures that cannot be produced on 127.0.0.1 without real credentials, diagnosed from the errors the
 * libraries really raise (texts copied from @grpc/grpc-js and google-gax); the others run end to end in
 * misbehaving-servers.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../src/sources/google/call-diagnosis.js';

const wrapped = (inner: string) => Object.assign(new Error(`Exceeded maximum number of retries retrying error Error: ${inner} before any response was received.`), { code: 4 });

test('credentials that cannot produce a token are "unauthenticated", not retried, not "timed out"', () => {
  const plugin = Object.assign(new Error('14 UNAVAILABLE: Getting metadata from plugin failed with error: invalid_grant: Invalid JWT Signature.'), { code: 14 });
  assert.deepEqual(diagnose(plugin), { kind: 'unauthenticated', code: 14, transient: false });
  assert.equal(diagnose(wrapped('14 UNAVAILABLE: Getting metadata from plugin failed with error: invalid_grant')).kind, 'unauthenticated');
  assert.equal(diagnose(Object.assign(new Error('16 UNAUTHENTICATED: Request had invalid authentication credentials.'), { code: 16 })).kind, 'unauthenticated');
});

test("gax's retry wrapper is looked through: the underlying failure decides", () => {
  assert.deepEqual(diagnose(wrapped('14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:9')), { kind: 'refused', code: 14, transient: true, address: '127.0.0.1:9' });
  assert.equal(diagnose(wrapped('14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNRESET 127.0.0.1:9')).kind, 'reset');
  // The same reset, when it lands before the HTTP/2 session starts (seen under load on Node 22).
  assert.equal(diagnose(wrapped('14 UNAVAILABLE: No connection established. Last error: Failed to connect (2026-12-05T07:38:37.186Z). Resolution note:  before any response was received')).kind, 'reset');
  assert.equal(diagnose(wrapped('14 UNAVAILABLE: No connection established. Last error: Protocol error (2026-01-01T00:00:00.000Z)')).kind, 'malformed response');
  assert.equal(diagnose(wrapped('14 UNAVAILABLE: Name resolution failed for target dns:run.googleapis.com:443')).kind, 'host not found');
  assert.equal(diagnose(wrapped('14 UNAVAILABLE: The service is currently unavailable.')).kind, 'unavailable');
});

test('a genuine deadline is "timed out"; a server\'s refusal is left to its code', () => {
  assert.equal(diagnose(Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded after 3.014s'), { code: 4 })).kind, 'timed out');
  assert.deepEqual(diagnose(Object.assign(new Error('7 PERMISSION_DENIED: denied'), { code: 7 })), { kind: 'other', code: 7, transient: false });
});
