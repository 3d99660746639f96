import type { ConfigVariant, Entry, SecretRef } from '../model/inventory.js';
import type { KeyDiff, KeyStatus, SideSummary } from '../model/diff-report.js';

export interface CompareOptions {
  /** Key on side A → key on side B, for keys named differently (`JWT_SECRET_KEY=JWT_SECRET_STAGING`). */
  mapping: ReadonlyMap<string, string>;
  /** Whether fingerprints of the two sides were made with the same key (otherwise only texts compare). */
  fingerprintsComparable: boolean;
  /** Rule ids with findings on a key of side A / side B. */
  rulesOnA: (key: string) => { broken: string[]; suppressed: string[] };
  rulesOnB: (key: string) => { broken: string[]; suppressed: string[] };
}

/**
 * Compares two configurations key by key: only in one, same, different value, literal vs secret reference,
 * different secret name or version. Pure; values appear only as the sides' texts (non-sensitive keys).
 */
export function compareVariants(a: ConfigVariant, b: ConfigVariant, options: CompareOptions): KeyDiff[] {
  const lastA = lastByKey(a.entries);
  const lastB = lastByKey(b.entries);
  const reverse = new Map([...options.mapping].map(([keyA, keyB]) => [keyB, keyA]));
  const pairs: Array<[string, string]> = [];
  for (const keyA of lastA.keys()) pairs.push([keyA, options.mapping.get(keyA) ?? keyA]);
  for (const keyB of lastB.keys()) {
    const keyA = reverse.get(keyB) ?? keyB;
    if (!lastA.has(keyA)) pairs.push([keyA, keyB]);
  }
  for (const [keyA, keyB] of options.mapping) if (!lastA.has(keyA) && !lastB.has(keyB) && !pairs.some(([x]) => x === keyA)) pairs.push([keyA, keyB]);

  return pairs
    .map(([keyA, keyB]) => {
      const entryA = lastA.get(keyA);
      const entryB = lastB.get(keyB);
      const { status, detail } = classify(entryA, entryB, options.fingerprintsComparable);
      return {
        keyA,
        keyB,
        status,
        detail,
        ...(entryA && { a: summarize(entryA) }),
        ...(entryB && { b: summarize(entryB) }),
        // Both sides: a key missing on one side is exactly where a `require` finding sits.
        ...rulesOnBothSides(options.rulesOnA(keyA), options.rulesOnB(keyB)),
      };
    })
    .filter((diff) => diff.a || diff.b)
    .sort((x, y) => ORDER[x.status] - ORDER[y.status] || x.keyA.localeCompare(y.keyA));
}

/** Differences first, the worst kind first; `same` last. */
const ORDER: Record<KeyStatus, number> = { 'only-in-a': 0, 'only-in-b': 1, 'literal-vs-secret': 2, 'different-secret': 3, 'different-value': 4, 'not-comparable': 5, same: 6 };

function classify(a: Entry | undefined, b: Entry | undefined, fingerprintsComparable: boolean): { status: KeyStatus; detail: string } {
  if (!b) return { status: 'only-in-a', detail: 'only in A' };
  if (!a) return { status: 'only-in-b', detail: 'only in B' };
  const sa = a.source;
  const sb = b.source;
  if (sa.kind !== sb.kind) {
    const values = valuesEqual(a, b, fingerprintsComparable);
    const suffix = values === true ? ' (same value)' : values === false ? ' (different values)' : '';
    return { status: 'literal-vs-secret', detail: `${describeSource(a)} in A, ${describeSource(b)} in B${suffix}` };
  }
  if (sa.kind === 'secret' && sb.kind === 'secret') {
    const values = valuesEqual(a, b, fingerprintsComparable);
    if (secretName(sa) !== secretName(sb) || sa.version !== sb.version) {
      const suffix = values === true ? ' (same value)' : values === false ? ' (different values)' : '';
      // Same short name in two projects: show the projects, or the detail would read "jwt vs jwt".
      const [nameA, nameB] = sa.secret === sb.secret ? [secretName(sa), secretName(sb)] : [sa.secret, sb.secret];
      return { status: 'different-secret', detail: `${nameA}@${sa.version} vs ${nameB}@${sb.version}${suffix}` };
    }
    // The same reference can still mean different values: `latest` moved between a snapshot and now.
    if (sa.resolvedVersion && sb.resolvedVersion && sa.resolvedVersion !== sb.resolvedVersion) {
      return { status: 'different-value', detail: `${sa.secret}@${sa.version} is version ${sa.resolvedVersion} in A but ${sb.resolvedVersion} in B` };
    }
    if (values === false) return { status: 'different-value', detail: `same reference ${sa.secret}@${sa.version}, different values` };
    return { status: 'same', detail: `both ${sa.secret}@${sa.version}${values === true ? ', same value' : ''}` };
  }
  const equal = valuesEqual(a, b, fingerprintsComparable);
  if (equal === undefined) return { status: 'not-comparable', detail: fingerprintsComparable ? 'a value could not be read' : 'fingerprints made with different keys (set ENVDRIFT_FINGERPRINT_KEY for both)' };
  if (equal) return { status: 'same', detail: 'same value' };
  const onlyWhitespace = a.value!.trimmedFingerprint === b.value!.trimmedFingerprint && fingerprintsComparable;
  return { status: 'different-value', detail: onlyWhitespace ? 'values differ only by surrounding whitespace' : 'values differ' };
}

/** Text when both sides hold it; fingerprints when they were made with one key; otherwise unknown. */
function valuesEqual(a: Entry, b: Entry, fingerprintsComparable: boolean): boolean | undefined {
  if (a.value?.text !== undefined && b.value?.text !== undefined) return a.value.text === b.value.text;
  if (!a.value || !b.value || !fingerprintsComparable) return undefined;
  return a.value.fingerprint === b.value.fingerprint;
}

/** The secret a reference names, with its project: `jwt` in two projects is two secrets. */
function secretName(reference: SecretRef): string {
  return reference.secret.startsWith('projects/') ? reference.secret : `projects/${reference.project ?? '?'}/secrets/${reference.secret}`;
}

function describeSource(entry: Entry): string {
  return entry.source.kind === 'secret' ? `secret ${entry.source.secret}@${entry.source.version}` : 'a literal';
}

function summarize(entry: Entry): SideSummary {
  return {
    key: entry.key,
    source: entry.source.kind === 'secret' ? `secret ${entry.source.secret}@${entry.source.version}` : 'literal',
    ...(entry.value?.text !== undefined && { text: entry.value.text }),
    origin: entry.origin,
  };
}

function lastByKey(entries: readonly Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.key, entry]));
}

/** The rules broken on either side, and those only accepted by a suppression (on the sides where none breaks). */
function rulesOnBothSides(a: { broken: string[]; suppressed: string[] }, b: { broken: string[]; suppressed: string[] }): { rules: string[]; suppressedRules: string[] } {
  const rules = [...new Set([...a.broken, ...b.broken])].sort();
  const suppressedRules = [...new Set([...a.suppressed, ...b.suppressed])].filter((rule) => !rules.includes(rule)).sort();
  return { rules, suppressedRules };
}
