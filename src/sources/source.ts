import type { ValueDescriber } from '../fingerprints/describe-value.js';
import type { ConfigVariant, SourceProblem } from '../model/inventory.js';
import type { GcpAccess, SharedGoogleAccess } from './google/google-access.js';

/** What one source found about one service of one environment. */
export interface ServiceReading {
  environment: string;
  service: string;
  variants: ConfigVariant[];
  problems: SourceProblem[];
  /** Why the service could not be (fully) read: its rules are then not evaluated, never passed. */
  unreadable?: string;
}

/** A part of the inventory, as one source read it, and what the person must be told (how to log in, say). */
export interface PartialInventory {
  services: ServiceReading[];
  notices?: string[];
}

/** What every source may use while reading. */
export interface SourceContext {
  describer: ValueDescriber;
  /** How file paths appear in findings (relative to where the user ran envdrift). */
  shownName: (file: string) => string;
  /** Access to Google Cloud; without it, Cloud Run and Secret Manager are unreadable. */
  gcp?: GcpAccess;
  /** Clients, deadline and caches the environments of one run share, so nothing is read twice. */
  shared: SharedGoogleAccess;
}

/**
 * A source of configuration: `.env` files, Cloud Run, or a declaration of what is about to be deployed.
 * Reading never throws for what it cannot read: it reports it as unreadable, with the reason.
 */
export interface InventorySource {
  /** The environment whose services it reads. */
  environment: string;
  read(context: SourceContext): Promise<PartialInventory>;
}
