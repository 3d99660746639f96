import type { ValueDescriber, ValueLocation } from '../../fingerprints/describe-value.js';
import type { ListedRevision } from '../cloudrun/list-revisions.js';
import { entriesOfWorkload } from '../cloudrun/workload-entries.js';
import { timestampMs } from '../secret-manager/list-secret-versions.js';
import type { RevisionRecord } from './history-types.js';

/** One listed revision as a history holds it: plain values already fingerprinted, references still references. */
export function revisionRecord(revision: ListedRevision, base: { project: string; region: string; service: string }, where: ValueLocation, describer: ValueDescriber): RevisionRecord {
  const name = (revision.name ?? '').split('/').pop() ?? '';
  return {
    name,
    createdMs: timestampMs(revision.createTime) ?? 0,
    ...(revision.creator && { creator: revision.creator }),
    containers: (revision.containers ?? []).map((container, index) => container.name || `container ${index + 1}`),
    entries: entriesOfWorkload(revision, { kind: 'cloudrun', ...base, revision: name }, where, describer),
  };
}
