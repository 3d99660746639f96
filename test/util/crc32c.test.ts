import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, matchesCrc32c } from '../../src/util/crc32c.js';

// Known-answer vectors: the "check" value from the CRC catalogue and the iSCSI test patterns of RFC 3720 B.4.
test('crc32c matches the published check value and RFC 3720 vectors', () => {
  assert.equal(crc32c('123456789'), 0xe3069283);
  assert.equal(crc32c(''), 0);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c);
});

test('crc32c checksums strings as UTF-8', () => {
  assert.equal(crc32c('é'), crc32c(Buffer.from([0xc3, 0xa9])));
});

test('matchesCrc32c accepts the int64 renderings the clients produce and rejects others', () => {
  assert.equal(matchesCrc32c('123456789', '3808858755'), true);
  assert.equal(matchesCrc32c('123456789', 3808858755), true);
  assert.equal(matchesCrc32c('123456789', { toString: () => '3808858755' }), true);
  assert.equal(matchesCrc32c('123456789', '3808858756'), false);
  assert.equal(matchesCrc32c('123456789', '-1'), false);
  assert.equal(matchesCrc32c('123456789', ''), false);
});
