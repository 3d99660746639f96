import { UserError } from '../../files/user-error.js';
import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { EnvdriftConfig } from '../../config/config-types.js';
import type { Entry, EnvironmentInventory, Inventory } from '../../model/inventory.js';
import { assertSnapshotShape, parseSnapshotJson } from './snapshot-check.js';

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
export function inventoryFromSnapshot(
  text: string,
  shownName: string,
  describer: ValueDescriber,
  config: EnvdriftConfig,
): { inventory: Inventory; document: SnapshotDocument } {
  const document = parseSnapshotJson(text, shownName) as SnapshotDocument;
  if (typeof document !== 'object' || document === null || document.envdriftSnapshot !== SNAPSHOT_FORMAT) {
    throw new UserError(`${shownName} is not an envdrift snapshot of format ${SNAPSHOT_FORMAT} (expected "envdriftSnapshot": ${SNAPSHOT_FORMAT}, as written by envdrift snapshot)`);
  }
  assertSnapshotShape(document, text, shownName);

  for (const environment of document.environments) {
    for (const service of environment.services) {
      service.problems ??= [];
      service.urls ??= [];
      for (const variant of service.variants) {
        for (const entry of variant.entries) refreshEntry(entry, { environment: environment.name, service: service.name }, describer);
      }
    }
  }
  return { inventory: { environments: withConfiguredServices(document, shownName, config) }, document };
}

/**
 * The snapshot answers for what it holds; every environment and service the config declares but the
 * snapshot lacks is listed as unreadable, so checking an old or partial snapshot is never a silent pass.
 */
function withConfiguredServices(document: SnapshotDocument, shownName: string, config: EnvdriftConfig): EnvironmentInventory[] {
  const environments = [...document.environments];
  const missing = `not in the snapshot ${shownName} (taken ${document.createdAt ?? 'at an unknown time'})`;
  for (const declared of config.environments) {
    let environment = environments.find((candidate) => candidate.name === declared.name);
    if (!environment) {
      environment = { name: declared.name, production: declared.production, services: [] };
      environments.push(environment);
    }
    // Whether an environment serves real users is the config's call today, not the snapshot's then.
    environment.production = declared.production;
    for (const service of declared.services) {
      if (!environment.services.some((candidate) => candidate.name === service.name)) {
        environment.services.push({ name: service.name, urls: service.urls, variants: [], problems: [], unreadable: missing });
      }
    }
  }
  return environments.filter((environment) => config.environments.some((declared) => declared.name === environment.name));
}

function refreshEntry(entry: Entry, where: { environment: string; service: string }, describer: ValueDescriber): void {
  const value = entry.value;
  if (!value || value.text === undefined) return;
  const fresh = describer.describe(entry.key, value.text, where);
  value.checks = { ...value.checks, ...fresh.checks };
  if (fresh.text === undefined) delete value.text;
}
