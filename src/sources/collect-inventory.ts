import type { EnvdriftConfig } from '../config/config-types.js';
import type { ValueDescriber } from '../inventory/describe-value.js';
import type { ConfigVariant, Entry, EnvironmentInventory, Inventory, SecretRef, ServiceInventory, SourceProblem } from '../inventory/types.js';
import type { CloudRunRequest } from './cloudrun/read-cloud-run.js';
import { readDotenvFiles } from './dotenv-source.js';
import { CREDENTIALS_HELP, credentialClientOptions, missingCredentials } from './gcp-credentials.js';
import { CLOUD_RUN_EMULATOR_HOST, SECRET_MANAGER_EMULATOR_HOST, type GcpClientEnv, type RunClients, type SecretManagerClients } from './gcp-clients.js';
import type { RegionScan } from './cloudrun/scan-project.js';
import type { VersionCache } from './secret-manager/resolve-secrets.js';
import type { CallBudget } from './google-calls.js';
import type { SecretSighting } from './secret-manager/resolve-secrets.js';

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

export interface CollectOptions {
  describer: ValueDescriber;
  /** How file paths appear in findings (relative to where the user ran envdrift). */
  shownName: (file: string) => string;
  gcp?: GcpAccess;
  /** Services whose configuration comes from elsewhere (a manifest about to be deployed) instead of their sources. */
  replacements?: ServiceReplacement[];
}

/**
 * Takes the place of what a service's sources say: its variants, problems and readability. Applied before
 * secret references are resolved, so the replacement's references are resolved like deployed ones.
 */
export interface ServiceReplacement {
  environment: string;
  service: string;
  variants: ConfigVariant[];
  problems: SourceProblem[];
  /** Printed once on standard error, like the other notices. */
  notices?: string[];
}

/**
 * Reads every configured source into the Inventory. A source that cannot read something records why
 * (the service or value becomes "unreadable" and its rules unevaluated) instead of failing the run; what
 * the person must do about it (log in, say) goes into `notices`.
 */
export async function collectInventory(config: EnvdriftConfig, options: CollectOptions): Promise<Inventory> {
  const notices: string[] = [];
  const environments: EnvironmentInventory[] = config.environments.map((environment) => ({
    name: environment.name,
    production: environment.production,
    services: environment.services.map((service): ServiceInventory => {
      const inventory: ServiceInventory = { name: service.name, urls: service.urls, variants: [], problems: [] };
      if (service.sources.length === 0) inventory.unreadable = `no configuration source is declared for ${service.name} in ${environment.name}`;
      for (const source of service.sources) {
        if (source.type !== 'dotenv') continue; // Cloud Run is read for all services at once, below
        const reading = readDotenvFiles(source.files, options.shownName, { environment: environment.name, service: service.name }, options.describer);
        inventory.problems.push(...reading.problems);
        if (reading.unreadable !== undefined) inventory.unreadable = reading.unreadable;
        else if (reading.variant) inventory.variants.push(reading.variant);
      }
      return inventory;
    }),
  }));

  // One overall deadline for every Google call of the run, started when the first such call is near; one
  // client of each kind; project scans and secret versions shared, so nothing is read twice.
  let budget: CallBudget | undefined;
  const shared: SharedAccess = { budget: () => (budget ??= budgetOf(options.gcp!)), runClients: undefined, secretClients: undefined, scans: new Map(), versions: new Map() };
  const requests = cloudRunRequests(config);
  try {
    // Each environment is read, then its secrets resolved, on its own: a region that hangs in production
    // never holds up staging's secrets.
    await Promise.all(
      environments.map(async (environment) => {
        const own = requests.filter((request) => request.environment === environment.name);
        if (own.length > 0) await addCloudRun(environments, own, options, notices, shared);
        for (const replacement of options.replacements ?? []) if (replacement.environment === environment.name) replaceService(environments, replacement, notices);
        const sightings = secretSightings([environment]);
        if (sightings.length > 0) await resolveSecretSightings(sightings, options, notices, shared);
      }),
    );
  } finally {
    await Promise.all([shared.runClients?.then((clients) => clients.close()), shared.secretClients?.then((clients) => clients.close())]);
  }
  return { environments, ...(notices.length > 0 && { notices }) };
}

/** What the environments of one run share while they are read side by side. */
interface SharedAccess {
  budget: () => CallBudget;
  runClients: Promise<RunClients> | undefined;
  secretClients: Promise<SecretManagerClients> | undefined;
  scans: Map<string, Promise<RegionScan[]>>;
  versions: VersionCache;
}

function cloudRunRequests(config: EnvdriftConfig): CloudRunRequest[] {
  return config.environments.flatMap((environment) => {
    if (!environment.cloudrun) return [];
    const { project, regions, labels, nameLabel } = environment.cloudrun;
    return [{
      environment: environment.name,
      project,
      ...(regions && { regions }),
      ...(labels && { labels }),
      ...(nameLabel && { nameLabel }),
      services: environment.services.flatMap((service) => service.sources.flatMap((source) => (source.type === 'cloudrun' ? [{ logicalName: service.name, serviceName: source.serviceName }] : []))),
    }];
  });
}

async function addCloudRun(environments: EnvironmentInventory[], requests: CloudRunRequest[], options: CollectOptions, notices: string[], shared: SharedAccess): Promise<void> {
  const serviceOf = (environment: string, name: string) => {
    const home = environments.find((candidate) => candidate.name === environment)!;
    let service = home.services.find((candidate) => candidate.name === name);
    if (!service) {
      service = { name, urls: [], variants: [], problems: [] };
      home.services.push(service);
    }
    return service;
  };
  const unreachable = gcpUnavailable(options, CLOUD_RUN_EMULATOR_HOST, notices);
  if (unreachable) {
    for (const request of requests) for (const { logicalName } of request.services) serviceOf(request.environment, logicalName).unreadable = `Cloud Run not read: ${unreachable}`;
    return;
  }
  const { createRunClients } = await import('./gcp-clients.js');
  const { readCloudRun } = await import('./cloudrun/read-cloud-run.js');
  shared.runClients ??= createRunClients(options.gcp!.env, clientOptionsOf(options.gcp!));
  const clients = await shared.runClients;
  for (const reading of await readCloudRun(requests, clients, shared.budget(), options.describer, options.gcp!.progress, shared.scans)) {
    const service = serviceOf(reading.environment, reading.logicalName);
    service.variants.push(...reading.variants);
    service.problems.push(...reading.problems);
    if (reading.unreadable !== undefined) service.unreadable = reading.unreadable;
  }
}

function replaceService(environments: EnvironmentInventory[], replacement: ServiceReplacement, notices: string[]): void {
  const home = environments.find((environment) => environment.name === replacement.environment);
  if (!home) throw new Error(`replacement for ${replacement.environment}/${replacement.service}: no such environment in the inventory`);
  let service = home.services.find((candidate) => candidate.name === replacement.service);
  if (!service) {
    service = { name: replacement.service, urls: [], variants: [], problems: [] };
    home.services.push(service);
  }
  // What the sources said (revision drift, "not deployed", an unreadable region) is about what the replacement replaces.
  service.variants = replacement.variants;
  service.problems = [...replacement.problems];
  delete service.unreadable;
  notices.push(...(replacement.notices ?? []));
}

async function resolveSecretSightings(sightings: SecretSighting[], options: CollectOptions, notices: string[], shared: SharedAccess): Promise<void> {
  const unreachable = gcpUnavailable(options, SECRET_MANAGER_EMULATOR_HOST, notices);
  if (unreachable) {
    for (const { entry } of sightings) entry.unreadable = `Secret Manager not read: ${unreachable}`;
    return;
  }
  const { createSecretManagerClient } = await import('./gcp-clients.js');
  const { resolveSecrets } = await import('./secret-manager/resolve-secrets.js');
  shared.secretClients ??= createSecretManagerClient(options.gcp!.env, clientOptionsOf(options.gcp!));
  await resolveSecrets(sightings, options.gcp!.needsValue, await shared.secretClients, shared.budget(), options.describer, options.gcp!.progress, shared.versions);
}

/** Why Google Cloud cannot be called at all (no access configured, no credentials), or undefined. */
function gcpUnavailable(options: CollectOptions, emulatorVariable: string, notices: string[]): string | undefined {
  const gcp = options.gcp;
  if (!gcp) return 'this run does not read Google Cloud';
  if (gcp.env[emulatorVariable]) return undefined;
  const missing = missingCredentials(gcp.env, gcp.homeDir);
  if (missing) {
    const notice = `${missing}.\n${CREDENTIALS_HELP}`;
    if (!notices.includes(notice)) notices.push(notice);
    return `${missing} (see the message on standard error)`;
  }
  return undefined;
}

/** Emulators need no credentials; otherwise the clients read the very file the pre-check approved. */
function clientOptionsOf(gcp: GcpAccess) {
  return gcp.env[CLOUD_RUN_EMULATOR_HOST] && gcp.env[SECRET_MANAGER_EMULATOR_HOST] ? {} : credentialClientOptions(gcp.env, gcp.homeDir);
}

function budgetOf(gcp: GcpAccess): CallBudget {
  return { perCallMs: gcp.timeouts.perCallMs, overallSeconds: gcp.timeouts.overallSeconds, deadline: Date.now() + gcp.timeouts.overallSeconds * 1000 };
}

function secretSightings(environments: EnvironmentInventory[]): SecretSighting[] {
  return environments.flatMap((environment) =>
    environment.services.flatMap((service) =>
      service.variants.flatMap((variant) =>
        variant.entries.filter((entry): entry is Entry & { source: SecretRef } => entry.source.kind === 'secret').map((entry) => ({ entry, environment: environment.name, service })),
      ),
    ),
  );
}
