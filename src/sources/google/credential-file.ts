import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { constants } from 'node:fs';

/** A credentials file is a few kilobytes; anything much larger is not one. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

const KNOWN_TYPES = ['service_account', 'authorized_user', 'external_account', 'external_account_authorized_user', 'impersonated_service_account', 'gdch_service_account'];

/** Fields each type cannot work without (google-auth-library fails later, and less clearly, without them). */
const REQUIRED_FIELDS: Record<string, string[]> = {
  service_account: ['client_email', 'private_key'],
  authorized_user: ['client_id', 'client_secret', 'refresh_token'],
};

/**
 * What is wrong with a credentials file, or undefined when google-auth-library can load it. Checked before
 * the library sees the file: a truncated key file made it throw a SyntaxError that Node printed together
 * with the offending line — most of the private key. The answer names the problem and field names only,
 * never any of the file's content.
 */
export function credentialFileProblem(file: string): string | undefined {
  const text = readCredentialFile(file);
  if (typeof text !== 'string') return text.problem;
  if (text.trim() === '') return 'is empty';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // The parser's message may quote the text (newer Node versions do), so only its kind is used.
    const truncated = /end of JSON input|Unterminated string/i.test(String((error as Error)?.message));
    return truncated ? 'is not valid JSON: it ends in the middle of a value, as a truncated file does' : 'is not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'does not hold a JSON object';
  const fields = parsed as Record<string, unknown>;
  if (typeof fields.type !== 'string' || !KNOWN_TYPES.includes(fields.type)) {
    return `has no known 'type' (expected one of ${KNOWN_TYPES.join(', ')})`;
  }
  const missing = (REQUIRED_FIELDS[fields.type] ?? []).filter((field) => typeof fields[field] !== 'string' || fields[field] === '');
  if (missing.length > 0) return `is a ${fields.type} file without ${missing.map((field) => `'${field}'`).join(', ')}`;
  if (fields.type === 'service_account' && !isCompletePem(fields.private_key as string)) {
    return "is a service_account file whose 'private_key' is not a complete PEM key (it looks truncated)";
  }
  return undefined;
}

function isCompletePem(key: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(key);
}

/** Reads a regular file of bounded size; a FIFO would block and a device never end, so neither is opened for reading. */
function readCredentialFile(file: string): string | { problem: string } {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})` };
  }
  if (stats.isDirectory()) return { problem: 'is a folder, not a file' };
  if (!stats.isFile()) return { problem: 'is not a regular file' };
  if (stats.size > MAX_CREDENTIAL_BYTES) return { problem: `is larger than ${MAX_CREDENTIAL_BYTES / 1024 / 1024} MiB, too large for a credentials file` };
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const buffer = Buffer.alloc(Math.min(fstatSync(descriptor).size, MAX_CREDENTIAL_BYTES));
    const length = readSync(descriptor, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
