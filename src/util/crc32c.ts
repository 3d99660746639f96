/**
 * CRC-32C (Castagnoli), the checksum Secret Manager attaches to every payload (`dataCrc32c`).
 *
 * Secret Manager computes it server-side so a client can detect a payload corrupted in transit; envdrift
 * verifies it before fingerprinting a value, and the fake server computes it the same way. Node's zlib only
 * offers plain CRC-32 (a different polynomial), hence this small table-driven implementation.
 */

/** Reflected form of the Castagnoli polynomial 0x1EDC6F41. */
const CASTAGNOLI_REFLECTED = 0x82f63b78;

const TABLE: Uint32Array = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ CASTAGNOLI_REFLECTED : crc >>> 1;
    table[byte] = crc >>> 0;
  }
  return table;
}

/** CRC-32C of `data` as an unsigned 32-bit number; strings are checksummed as UTF-8. */
export function crc32c(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * True when `expected` (as the API sends it: an int64, which proto3 JSON and google-gax render as a decimal
 * string, a number or a Long-like object) is the CRC-32C of `data`.
 */
export function matchesCrc32c(data: Uint8Array | string, expected: string | number | { toString(): string }): boolean {
  const text = typeof expected === 'number' ? String(expected) : expected.toString();
  if (!/^\d+$/.test(text)) return false;
  return BigInt(text) === BigInt(crc32c(data));
}
