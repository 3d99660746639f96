import { nameMatcher } from '../util/glob.js';

/**
 * Decides which values must never leave a source as plain text.
 *
 * Key names are the first signal (the incidents were all about `*SECRET*`, `*_KEY` and friends); values are
 * the second, because a `DATABASE_URL` with a password in it is a secret whatever its key is called.
 */

const SENSITIVE_KEY_PATTERN = new RegExp(
  [
    'SECRET', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'TOKEN', 'PRIVATE', 'CREDENTIAL', 'SIGNING', 'SALT', 'COOKIE', 'DSN',
    'APIKEY', 'AUTHORIZATION', 'SESSION', 'CERT', 'PGPASS',
    '(^|_)KEYS?($|_)', '(^|_)PASS($|_)', '(^|_)PWD($|_)', '(^|_)PAT($|_)', '(^|_)SK($|_)', '_AUTH$', '^AUTH$',
  ].join('|'),
  'i',
);

/** True when the key name alone says the value is sensitive. */
export function looksSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY_PATTERN.test(key);
}

/** Any userinfo in a URL (`user:password@`, or a bare token `token@`) is a credential. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*@/i;
const PEM_BLOCK = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;

/** True when the value itself carries credentials, whatever its key is called. */
export function looksSensitiveValue(value: string): boolean {
  return URL_WITH_CREDENTIALS.test(value.trim()) || PEM_BLOCK.test(value);
}

/**
 * Builds the sensitivity test for a run: the name heuristics plus every key (name or glob) a rule marks
 * `sensitive: true`.
 */
export function sensitivityTest(extraSensitiveKeys: readonly string[]): (key: string) => boolean {
  const extra = extraSensitiveKeys.length > 0 ? nameMatcher(extraSensitiveKeys) : () => false;
  return (key) => extra(key) || looksSensitiveKey(key);
}
