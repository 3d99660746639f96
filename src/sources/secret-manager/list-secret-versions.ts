import type { SecretManagerClients } from '../google/gcp-clients.js';
import type { CallBudget } from '../google/google-calls.js';
import { listEveryPage } from '../google/paged-listing.js';

const VIEWER = 'roles/secretmanager.viewer';
const PAGE_SIZE = 500;

type Timestamp = { seconds?: string | number | { toString(): string } | null; nanos?: number | null } | null | undefined;

/** One version's metadata: never its payload. */
export interface SecretVersionRecord {
  number: number;
  /** ENABLED, DISABLED or DESTROYED, now. */
  state: string;
  createdMs?: number;
  destroyedMs?: number;
}

/**
 * Every version of one secret (`projects/P/secrets/S`), newest first: one paged `ListSecretVersions`. Metadata
 * only: which versions exist, their state now, and when each was created or destroyed.
 */
export async function listSecretVersions(clients: SecretManagerClients, secretName: string, budget: CallBudget): Promise<SecretVersionRecord[]> {
  type ListedVersion = { name?: string | null; state?: string | null; createTime?: Timestamp; destroyTime?: Timestamp };
  // Bounded like every listing: a repeated page token or a page of nothing new ends it as unreadable.
  const listed = await listEveryPage(
    budget,
    { resource: `the versions of ${secretName}`, permission: 'secretmanager.versions.list', role: VIEWER },
    async (pageToken, options) => {
      const [page, , response] = await clients.secretManager.listSecretVersions({ parent: secretName, pageSize: PAGE_SIZE, pageToken }, options);
      return { items: page as ListedVersion[], nextPageToken: response?.nextPageToken ?? '' };
    },
    (version) => version.name ?? '',
  );
  const versions: SecretVersionRecord[] = [];
  for (const version of listed) {
    const number = Number(version.name?.split('/').pop());
    if (!Number.isInteger(number)) continue;
    const createdMs = timestampMs(version.createTime);
    const destroyedMs = timestampMs(version.destroyTime);
    versions.push({ number, state: version.state ?? 'STATE_UNSPECIFIED', ...(createdMs !== undefined && { createdMs }), ...(destroyedMs !== undefined && { destroyedMs }) });
  }
  return versions.sort((a, b) => b.number - a.number);
}

/** A protobuf Timestamp as epoch milliseconds; undefined when absent (an unset timestamp is seconds 0). */
export function timestampMs(timestamp: Timestamp): number | undefined {
  if (!timestamp) return undefined;
  const seconds = Number(String(timestamp.seconds ?? 0));
  const ms = seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
  return ms > 0 ? ms : undefined;
}
