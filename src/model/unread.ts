import type { Entry } from './inventory.js';

/**
 * True when an entry's value could not be read for a reason that says nothing about the value (permission,
 * timeout, corrupt payload) — as opposed to a secret version known to be unusable, which is a finding.
 */
export function isUnreadEntry(entry: Entry): boolean {
  return entry.unreadable !== undefined && !(entry.source.kind === 'secret' && entry.source.state !== undefined);
}
