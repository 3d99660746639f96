import type { RegionScan } from '../cloudrun/scan-project.js';
import type { IamCache } from '../iam/read-policies.js';
import type { VersionCache } from '../secret-manager/resolve-secrets.js';
import type { ClientOptions } from 'google-gax';
import { CREDENTIALS_HELP, credentialClientOptions, missingCredentials } from './gcp-credentials.js';
import type { GcpClientEnv, ResourceManagerClients, RunClients, SecretManagerClients } from './gcp-clients.js';
import type { CallBudget } from './google-calls.js';

export interface GcpAccess {
  /** The process environment (emulator hosts, credential variables); passed in, only the CLI reads it. */
  env: GcpClientEnv;
  homeDir: string;
  /** Per-call and overall time limits. */
  timeouts: { perCallMs: number; overallSeconds: number };
  /** Whether some rule compares or tests the value of a key (then secret payloads must be read). */
  needsValue: (key: string) => boolean;
  /** Told how far a long scan has come (the CLI shows it on a terminal). */
  progress?: ProgressListener;
}

export type ProgressListener = (what: 'services' | 'secret versions', done: number, total: number) => void;

/**
 * What the environments of one run share while they are read side by side: one overall deadline for every
 * Google call, started when the first call is near; one client of each kind; project scans and secret
 * versions, so nothing is read twice.
 */
export interface SharedGoogleAccess {
  budget: () => CallBudget;
  runClients?: Promise<RunClients>;
  secretClients?: Promise<SecretManagerClients>;
  resourceManagerClients?: Promise<ResourceManagerClients>;
  scans: Map<string, Promise<RegionScan[]>>;
  versions: VersionCache;
  /** IAM policies and project numbers, each read once however many environments and workloads need them. */
  iam: IamCache;
}

export function createSharedGoogleAccess(gcp: GcpAccess | undefined): SharedGoogleAccess {
  let budget: CallBudget | undefined;
  return {
    budget: () => {
      if (!gcp) throw new Error('no Google Cloud access was given to this run');
      budget ??= { perCallMs: gcp.timeouts.perCallMs, overallSeconds: gcp.timeouts.overallSeconds, deadline: Date.now() + gcp.timeouts.overallSeconds * 1000 };
      return budget;
    },
    scans: new Map(),
    versions: new Map(),
    iam: { policies: new Map(), projectNumbers: new Map() },
  };
}

export async function closeSharedGoogleAccess(shared: SharedGoogleAccess): Promise<void> {
  await Promise.all([
    shared.runClients?.then((clients) => clients.close()),
    shared.secretClients?.then((clients) => clients.close()),
    shared.resourceManagerClients?.then((clients) => clients.close()),
  ]);
}

/**
 * Why Google Cloud cannot be called at all (no access configured, no credentials), with the notice that tells
 * the person what to do; undefined when calls can be made.
 */
export function googleUnavailable(gcp: GcpAccess | undefined, emulatorVariable: string): { reason: string; notice?: string } | undefined {
  if (!gcp) return { reason: 'this run does not read Google Cloud' };
  if (gcp.env[emulatorVariable]) return undefined;
  const missing = missingCredentials(gcp.env, gcp.homeDir);
  if (missing) return { reason: `${missing} (see the message on standard error)`, notice: `${missing}.\n${CREDENTIALS_HELP}` };
  return undefined;
}

/** Client options for one API: none for its emulator, else exactly the credentials file the pre-check approved. */
export function clientOptionsFor(gcp: GcpAccess, emulatorVariable: string): ClientOptions {
  return gcp.env[emulatorVariable] ? {} : credentialClientOptions(gcp.env, gcp.homeDir);
}
