import type { Entry, SecretRef } from '../model/inventory.js';
import type { KeyChange } from '../model/history-report.js';

/** What the comparison needs of a revision: its containers and entries (secret references resolved at creation). */
export interface ComparableRevision {
  containers: string[];
  entries: Entry[];
}

/**
 * The key-level changes from one revision to the next: keys added and removed, plain values changed (by
 * fingerprint; the text only for keys that are not sensitive), literal ↔ secret reference, another secret or
 * another version, containers added or removed. Pure; never sees a secret value.
 */
export function revisionChanges(before: ComparableRevision, after: ComparableRevision): KeyChange[] {
  const changes: KeyChange[] = [];
  const serving = after.containers[0] ?? before.containers[0];
  const label = (container: string | undefined) => (container !== undefined && container !== serving ? { container } : {});
  for (const container of after.containers) if (!before.containers.includes(container)) changes.push({ change: 'container-added', key: container, detail: `container ${container} added` });
  for (const container of before.containers) if (!after.containers.includes(container)) changes.push({ change: 'container-removed', key: container, detail: `container ${container} removed` });
  const gone = new Set([...before.containers.filter((name) => !after.containers.includes(name)), ...after.containers.filter((name) => !before.containers.includes(name))]);

  const beforeByKey = byContainerAndKey(before.entries);
  const afterByKey = byContainerAndKey(after.entries);
  for (const [id, entry] of afterByKey) {
    const container = containerOf(entry);
    if (container !== undefined && gone.has(container)) continue;
    const previous = beforeByKey.get(id);
    const change = previous ? compareEntries(previous, entry) : { change: 'added' as const, detail: `added: ${describeEntry(entry)}` };
    if (change) changes.push({ ...change, key: entry.key, ...label(container) });
  }
  for (const [id, entry] of beforeByKey) {
    const container = containerOf(entry);
    if (afterByKey.has(id) || (container !== undefined && gone.has(container))) continue;
    changes.push({ change: 'removed', key: entry.key, ...label(container), detail: `removed (was ${describeEntry(entry)})` });
  }
  return changes.sort((a, b) => ORDER.indexOf(a.change) - ORDER.indexOf(b.change) || a.key.localeCompare(b.key));
}

const ORDER: KeyChange['change'][] = ['container-removed', 'container-added', 'removed', 'added', 'literal-to-secret', 'secret-to-literal', 'secret-changed', 'version-changed', 'value-changed'];

function compareEntries(before: Entry, after: Entry): Omit<KeyChange, 'key'> | undefined {
  const a = before.source;
  const b = after.source;
  if (a.kind === 'literal' && b.kind === 'secret') return { change: 'literal-to-secret', detail: `literal ${literalText(before)} → ${reference(b)}` };
  if (a.kind === 'secret' && b.kind === 'literal') return { change: 'secret-to-literal', detail: `${reference(a)} → literal ${literalText(after)}` };
  if (a.kind === 'secret' && b.kind === 'secret') {
    if (secretName(a) !== secretName(b)) return { change: 'secret-changed', detail: `${reference(a)} → ${reference(b)}` };
    if (a.version !== b.version || (a.resolvedVersion !== undefined && b.resolvedVersion !== undefined && a.resolvedVersion !== b.resolvedVersion)) {
      return { change: 'version-changed', detail: `${reference(a)} → ${reference(b)}` };
    }
    return undefined;
  }
  if (sameLiteral(before, after)) return undefined;
  const text = (entry: Entry) => literalText(entry);
  const whitespaceOnly = before.value && after.value && before.value.trimmedFingerprint === after.value.trimmedFingerprint;
  return { change: 'value-changed', detail: before.value?.text !== undefined && after.value?.text !== undefined ? `${text(before)} → ${text(after)}` : whitespaceOnly ? 'value changed only by surrounding whitespace (value hidden: sensitive)' : 'value changed (value hidden: sensitive)' };
}

function sameLiteral(a: Entry, b: Entry): boolean {
  if (a.value?.text !== undefined && b.value?.text !== undefined) return a.value.text === b.value.text;
  return a.value?.fingerprint === b.value?.fingerprint;
}

function literalText(entry: Entry): string {
  return entry.value?.text !== undefined ? JSON.stringify(entry.value.text) : '(value hidden: sensitive)';
}

/** `jwt-secret-staging@latest (version 5)`: the reference as written and what it meant at the revision's creation. */
export function reference(source: SecretRef): string {
  const meant = source.resolvedVersion !== undefined && source.resolvedVersion !== source.version ? ` (version ${source.resolvedVersion})` : '';
  return `secret ${source.secret}@${source.version}${meant}`;
}

function describeEntry(entry: Entry): string {
  return entry.source.kind === 'secret' ? reference(entry.source) : `literal ${literalText(entry)}`;
}

function secretName(source: SecretRef): string {
  return source.secret.startsWith('projects/') ? source.secret : `projects/${source.project ?? '?'}/secrets/${source.secret}`;
}

function containerOf(entry: Entry): string | undefined {
  return entry.origin.kind === 'cloudrun' ? entry.origin.container : undefined;
}

/** The last entry per (container, key): as in a Cloud Run container, a later duplicate wins. */
function byContainerAndKey(entries: readonly Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [`${containerOf(entry) ?? ''}\u0000${entry.key}`, entry]));
}
