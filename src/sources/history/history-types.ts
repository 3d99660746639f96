import type { Entry } from '../../model/inventory.js';
import type { SecretVersionRecord } from '../secret-manager/list-secret-versions.js';

/** A configured service whose revisions to read. */
export interface HistoryServiceRequest {
  environment: string;
  service: string;
  project: string;
  regions?: string[];
  /** The Cloud Run service's short name. */
  serviceName: string;
}

export interface RevisionRecord {
  /** Short name, e.g. `netra-backend-00041-net`. */
  name: string;
  createdMs: number;
  creator?: string;
  /** Container names in order (the first serves requests). */
  containers: string[];
  /**
   * Entries as read; a secret reference carries `resolvedVersion` (what it meant at the revision's creation),
   * `state` (that version's state now) and, only for keys a rule compares, the payload's fingerprint.
   */
  entries: Entry[];
}

export interface ServiceRevisions {
  environment: string;
  service: string;
  resource?: string;
  /** Share of traffic and tags per revision (short name), now. */
  traffic: Record<string, { percent: number; tags: string[] }>;
  /** The revision the current template produced, when the template has been rolled out. */
  templateRevision?: string;
  /** The last revision before the window and every revision in it, oldest first. */
  revisions: RevisionRecord[];
  unreadable?: string;
}

export interface SecretVersions {
  /** `projects/P/secrets/S`. */
  secret: string;
  versions: SecretVersionRecord[];
  unreadable?: string;
}

export interface HistoryReading {
  services: ServiceRevisions[];
  secrets: SecretVersions[];
  notices: string[];
}
