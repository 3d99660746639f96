import { UserError } from '../config/errors.js';
import type { ValueDescriber } from '../inventory/describe-value.js';
import type { Entry, EnvironmentInventory, Inventory } from '../inventory/types.js';

/** Version of the snapshot format (docs/snapshot.md). Bump on any breaking change. */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotDocument {
  envdriftSnapshot: typeof SNAPSHOT_FORMAT;
  createdAt: string;
  createdBy: string;
  /**
   * Identifies the fingerprint key without revealing it: fingerprints of two snapshots can be compared only
   * when their key ids are equal (set ENVDRIFT_FINGERPRINT_KEY for both).
   */
  fingerprintKeyId: string;
  environments: EnvironmentInventory[];
}

/**
 * Renders the inventory as a snapshot. The inventory holds no secret by construction (values of sensitive
 * keys are fingerprints only), so the snapshot holds none either.
 */
export function renderSnapshot(inventory: Inventory, meta: { createdAt: string; createdBy: string; fingerprintKeyId: string }): string {
  const document: SnapshotDocument = { envdriftSnapshot: SNAPSHOT_FORMAT, ...meta, environments: inventory.environments };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Reads a snapshot back as an inventory. Stored fingerprints are kept (so values stay comparable with each
 * other); probe results are recomputed for values whose text the snapshot holds, so rules written after the
 * snapshot still apply; a key that is sensitive now loses any text it had then.
 */
export function inventoryFromSnapshot(text: string, shownName: string, describer: ValueDescriber): { inventory: Inventory; document: SnapshotDocument } {
  let document: SnapshotDocument;
  try {
    document = JSON.parse(text) as SnapshotDocument;
  } catch (error) {
    throw new UserError(`${shownName} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof document !== 'object' || document === null || document.envdriftSnapshot !== SNAPSHOT_FORMAT) {
    throw new UserError(`${shownName} is not an envdrift snapshot of format ${SNAPSHOT_FORMAT} (expected "envdriftSnapshot": ${SNAPSHOT_FORMAT}, as written by envdrift snapshot)`);
  }
  if (!Array.isArray(document.environments)) throw new UserError(`${shownName}: "environments" must be a list`);

  for (const environment of document.environments) {
    for (const service of environment.services ?? []) {
      service.problems ??= [];
      service.urls ??= [];
      for (const variant of service.variants ?? []) {
        for (const entry of variant.entries ?? []) refreshEntry(entry, { environment: environment.name, service: service.name }, describer);
      }
    }
  }
  return { inventory: { environments: document.environments }, document };
}

function refreshEntry(entry: Entry, where: { environment: string; service: string }, describer: ValueDescriber): void {
  const value = entry.value;
  if (!value || value.text === undefined) return;
  const fresh = describer.describe(entry.key, value.text, where);
  value.checks = { ...value.checks, ...fresh.checks };
  if (fresh.text === undefined) delete value.text;
}
