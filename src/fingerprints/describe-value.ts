import { createHmac, randomBytes } from 'node:crypto';
import type { ValueView } from '../model/inventory.js';

/** Where a value was read, so probes whose expectation depends on it (e.g. `{environment}`) can use it. */
export interface ValueLocation {
  environment: string;
  service: string;
}

/**
 * A predicate a rule needs evaluated on a raw value. Sources run it at read time, so rules can test secret
 * values (a pattern, a minimum strength) without the value ever leaving the source.
 */
export interface ValueProbe {
  id: string;
  /**
   * True for probes that are answered when a value is read anyway but never cause a secret payload to be
   * accessed (`require`'s "not empty": presence needs no `secretAccessor` role).
   */
  passive?: boolean;
  appliesTo(key: string): boolean;
  test(value: string, where: ValueLocation): boolean;
}

export interface ValueDescriber {
  /**
   * Turns a raw value into what the rest of envdrift may hold. The raw value is not kept; its text only when
   * neither the key nor the value looks sensitive and the caller does not say it is a secret.
   */
  describe(key: string, raw: string, where: ValueLocation, options?: { secret?: boolean }): ValueView;
  isSensitiveKey(key: string): boolean;
  /** Names the fingerprint key without revealing it, so two snapshots can tell whether they are comparable. */
  keyId: string;
}

export interface ValueDescriberOptions {
  /** HMAC key; a random one per run unless the user sets `ENVDRIFT_FINGERPRINT_KEY`. */
  fingerprintKey?: string | Buffer;
  isSensitiveKey: (key: string) => boolean;
  isSensitiveValue: (value: string) => boolean;
  probes: readonly ValueProbe[];
}

export function createValueDescriber(options: ValueDescriberOptions): ValueDescriber {
  const hmacKey = options.fingerprintKey ?? randomBytes(32);
  const fingerprint = (value: string) => createHmac('sha256', hmacKey).update(value, 'utf8').digest('hex');
  const probesByKey = new Map<string, ValueProbe[]>();
  const probesFor = (key: string) => {
    let found = probesByKey.get(key);
    if (!found) {
      found = options.probes.filter((probe) => probe.appliesTo(key));
      probesByKey.set(key, found);
    }
    return found;
  };

  return {
    isSensitiveKey: options.isSensitiveKey,
    keyId: createHmac('sha256', hmacKey).update('envdrift fingerprint key id').digest('hex').slice(0, 16),
    describe(key, raw, where, describeOptions = {}) {
      const trimmed = raw.trim();
      const checks: Record<string, boolean> = {};
      for (const probe of probesFor(key)) checks[probe.id] = probe.test(raw, where);
      const exact = fingerprint(raw);
      const view: ValueView = {
        fingerprint: exact,
        trimmedFingerprint: trimmed === raw ? exact : fingerprint(trimmed),
        surroundingWhitespace: trimmed !== raw,
        containsNewline: /[\r\n]/.test(raw),
        checks,
      };
      if (!describeOptions.secret && !options.isSensitiveKey(key) && !options.isSensitiveValue(raw)) view.text = raw;
      return view;
    },
  };
}
