import type { RunClients } from '../google/gcp-clients.js';
import type { CallBudget } from '../google/google-calls.js';
import { listEveryPage } from '../google/paged-listing.js';
import type { RunRevision } from './run-types.js';
import { RUN_VIEWER } from './scan-project.js';

/** Large pages keep a service's whole history to one call in the common case (the API caps the size itself). */
const PAGE_SIZE = 500;

/** A revision as a history needs it: its workload plus when and by whom it was created. */
export type ListedRevision = RunRevision & {
  createTime?: { seconds?: string | number | { toString(): string } | null; nanos?: number | null } | null;
  creator?: string | null;
};

/**
 * Every revision of one service, in whatever order the API answers: one paged `ListRevisions` under the
 * service (never a `GetRevision` per revision). Throws a GoogleCallFailure when a page cannot be read, so a
 * half-read history is never taken for the whole one.
 */
export async function listRevisions(clients: RunClients, serviceName: string, budget: CallBudget): Promise<ListedRevision[]> {
  // Bounded like every listing: a repeated page token or a page of nothing new ends it as unreadable.
  return listEveryPage(
    budget,
    { resource: `the revisions of ${serviceName}`, permission: 'run.revisions.list', role: RUN_VIEWER },
    async (pageToken, options) => {
      const [page, , response] = await clients.revisions.listRevisions({ parent: serviceName, pageSize: PAGE_SIZE, pageToken }, options);
      return { items: page as ListedRevision[], nextPageToken: response?.nextPageToken ?? '' };
    },
    (revision) => revision.name ?? '',
  );
}
