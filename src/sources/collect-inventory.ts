import type { EnvdriftConfig } from '../config/config-types.js';
import type { ValueDescriber } from '../fingerprints/describe-value.js';
import type { ConfigVariant, Entry, EnvironmentInventory, Inventory, SecretRef, ServiceInventory } from '../model/inventory.js';
import { cloudRunSource } from './cloudrun/cloud-run-source.js';
import type { CloudRunRequest } from './cloudrun/read-cloud-run.js';
import type { DeployApplication } from './deploy/deploy-targets.js';
import { dotenvSource } from './dotenv/dotenv-source.js';
import { RESOURCE_MANAGER_EMULATOR_HOST, SECRET_MANAGER_EMULATOR_HOST } from './google/gcp-clients.js';
import { clientOptionsFor, closeSharedGoogleAccess, createSharedGoogleAccess, googleUnavailable, type GcpAccess } from './google/google-access.js';
import type { SecretResolution, SecretSighting } from './secret-manager/resolve-secrets.js';
import type { InventorySource, PartialInventory, ServiceReading, SourceContext } from './source.js';

export type { GcpAccess, ProgressListener } from './google/google-access.js';

export interface CollectOptions {
  describer: ValueDescriber;
  /** How file paths appear in findings (relative to where the user ran envdrift). */
  shownName: (file: string) => string;
  gcp?: GcpAccess;
  /**
   * What is about to be deployed (a manifest), applied over what the sources read: each of its services
   * takes the place of that service's variants, problems and readability. Applied before secret references
   * are resolved, so its references are resolved like deployed ones.
   */
  declarations?: PartialInventory[];
  /**
   * Deploy steps (`--deploy`), applied over the deployed services they target after the sources are read and
   * before secret references are resolved, so the references they add are resolved like deployed ones.
   */
  deploys?: { applications: DeployApplication[]; apply: (environment: EnvironmentInventory, applications: DeployApplication[], describer: ValueDescriber) => void };
}

/**
 * Reads every configured source into the Inventory. A source that cannot read something records why
 * (the service or value becomes "unreadable" and its rules unevaluated) instead of failing the run; what
 * the person must do about it (log in, say) goes into `notices`.
 */
export async function collectInventory(config: EnvdriftConfig, options: CollectOptions): Promise<Inventory> {
  const notices: string[] = [];
  const notice = (text: string) => { if (!notices.includes(text)) notices.push(text); };
  const sources = sourcesOf(config);
  const context: SourceContext = { describer: options.describer, shownName: options.shownName, ...(options.gcp && { gcp: options.gcp }), shared: createSharedGoogleAccess(options.gcp) };
  const environments: EnvironmentInventory[] = [];
  try {
    // Each environment is read, then its secrets resolved, on its own: a region that hangs in production
    // never holds up staging's secrets.
    environments.push(...(await Promise.all(config.environments.map(async (declared): Promise<EnvironmentInventory> => {
      const environment: EnvironmentInventory = {
        name: declared.name,
        production: declared.production,
        services: declared.services.map((service): ServiceInventory => ({
          name: service.name,
          urls: service.urls,
          variants: [],
          problems: [],
          ...(service.sources.length === 0 && { unreadable: `no configuration source is declared for ${service.name} in ${declared.name}` }),
          ...(service.sources.length > 0 && { configurationKinds: [...new Set(service.sources.map((source) => (source.type === 'dotenv' ? 'local' as const : 'deployed' as const)))] }),
        })),
      };
      const readings = await Promise.all(sources.filter((source) => source.environment === declared.name).map((source) => source.read(context)));
      for (const reading of readings) {
        reading.notices?.forEach(notice);
        for (const service of reading.services) addReading(environment, service);
      }
      for (const declaration of options.declarations ?? []) {
        declaration.notices?.forEach(notice);
        for (const service of declaration.services) if (service.environment === declared.name) replaceService(environment, service);
      }
      options.deploys?.apply(environment, options.deploys.applications, options.describer);
      await resolveSecretReferences(environment, context, notice);
      await checkRuntimeAccess(environment, context, notice);
      return environment;
    }))));
  } finally {
    await closeSharedGoogleAccess(context.shared);
  }
  return { environments, ...(notices.length > 0 && { notices }) };
}

/** Every source envdrift.yaml declares: `.env` files per service, and Cloud Run per environment (read for all its services at once). */
function sourcesOf(config: EnvdriftConfig): InventorySource[] {
  return config.environments.flatMap((environment) => {
    const dotenv = environment.services.flatMap((service) =>
      service.sources.flatMap((source) => (source.type === 'dotenv' ? [dotenvSource({ environment: environment.name, service: service.name, files: source.files })] : [])),
    );
    return environment.cloudrun ? [...dotenv, cloudRunSource(cloudRunRequest(environment))] : dotenv;
  });
}

function cloudRunRequest(environment: EnvdriftConfig['environments'][number]): CloudRunRequest {
  const { project, regions, labels, nameLabel } = environment.cloudrun!;
  return {
    environment: environment.name,
    project,
    ...(regions && { regions }),
    ...(labels && { labels }),
    ...(nameLabel && { nameLabel }),
    services: environment.services.flatMap((service) =>
      service.sources.flatMap((source) =>
        source.type === 'cloudrun' ? [{ logicalName: service.name, serviceName: source.serviceName, ...(source.resourceKind && source.resourceKind !== 'service' && { resourceType: RESOURCE_TYPES[source.resourceKind] }) }] : [],
      ),
    ),
  };
}

/** envdrift.yaml's `kind:` as the Cloud Run Admin API names the collection. */
const RESOURCE_TYPES = { service: 'services', job: 'jobs', 'worker-pool': 'workerPools' } as const;

/** The service of the environment, added when a source found one the config does not name (label discovery). */
function serviceOf(environment: EnvironmentInventory, name: string): ServiceInventory {
  let service = environment.services.find((candidate) => candidate.name === name);
  if (!service) {
    service = { name, urls: [], variants: [], problems: [] };
    environment.services.push(service);
  }
  return service;
}

function addReading(environment: EnvironmentInventory, reading: ServiceReading): void {
  const service = serviceOf(environment, reading.service);
  service.variants.push(...reading.variants);
  service.problems.push(...reading.problems);
  if (reading.unreadable !== undefined) service.unreadable = reading.unreadable;
}

function replaceService(environment: EnvironmentInventory, reading: ServiceReading): void {
  const service = serviceOf(environment, reading.service);
  // What the sources said (revision drift, "not deployed", an unreadable region) is about what the declaration replaces.
  service.variants = [...reading.variants];
  service.problems = [...reading.problems];
  if (reading.unreadable !== undefined) service.unreadable = reading.unreadable;
  else delete service.unreadable;
}

/** Resolves the environment's secret references in Secret Manager, and puts the resolved entries in place. */
async function resolveSecretReferences(environment: EnvironmentInventory, context: SourceContext, notice: (text: string) => void): Promise<void> {
  const sightings = secretSightings(environment);
  if (sightings.length === 0) return;
  const resolutions = await resolveSightings(sightings, context, notice);
  const resolvedEntry = new Map<Entry, Entry>(resolutions.map((resolution) => [resolution.sighting.entry, resolution.entry]));
  for (const service of environment.services) {
    service.variants = service.variants.map((variant): ConfigVariant => ({ ...variant, entries: variant.entries.map((entry) => resolvedEntry.get(entry) ?? entry) }));
  }
  for (const { sighting, problem } of resolutions) if (problem) serviceOf(environment, sighting.service).problems.push(problem);
}

async function resolveSightings(sightings: SecretSighting[], context: SourceContext, notice: (text: string) => void): Promise<SecretResolution[]> {
  const unavailable = googleUnavailable(context.gcp, SECRET_MANAGER_EMULATOR_HOST);
  if (unavailable) {
    if (unavailable.notice) notice(unavailable.notice);
    return sightings.map((sighting) => ({ sighting, entry: { ...sighting.entry, unreadable: `Secret Manager not read: ${unavailable.reason}` } }));
  }
  // Loaded only when a run reads Secret Manager: every local check pays the CLI's cold start.
  const { createSecretManagerClient } = await import('./google/gcp-clients.js');
  const { resolveSecrets } = await import('./secret-manager/resolve-secrets.js');
  const gcp = context.gcp!;
  context.shared.secretClients ??= createSecretManagerClient(gcp.env, clientOptionsFor(gcp, SECRET_MANAGER_EMULATOR_HOST));
  return resolveSecrets(sightings, {
    needsValue: gcp.needsValue,
    clients: await context.shared.secretClients,
    budget: context.shared.budget(),
    describer: context.describer,
    cache: context.shared.versions,
    ...(gcp.progress && { progress: gcp.progress }),
  });
}

/**
 * envdrift/secret-not-accessible: can each deployed workload's identity read the secrets it references? Runs
 * after resolution, so a secret known not to exist is left to envdrift/secret-version-unusable.
 */
async function checkRuntimeAccess(environment: EnvironmentInventory, context: SourceContext, notice: (text: string) => void): Promise<void> {
  const needed = environment.services.some((service) => service.variants.some((variant) => variant.identity && variant.entries.some((entry) => entry.source.kind === 'secret')));
  if (!needed || !context.gcp) return;
  const secretManagerUnavailable = googleUnavailable(context.gcp, SECRET_MANAGER_EMULATOR_HOST);
  const resourceManagerUnavailable = googleUnavailable(context.gcp, RESOURCE_MANAGER_EMULATOR_HOST);
  for (const unavailable of [secretManagerUnavailable, resourceManagerUnavailable]) if (unavailable?.notice) notice(unavailable.notice);
  // Loaded only when a run reads deployed workloads with secrets: every local check pays the CLI's cold start.
  const { createResourceManagerClient, createSecretManagerClient } = await import('./google/gcp-clients.js');
  const { checkSecretAccess } = await import('./iam/check-secret-access.js');
  const gcp = context.gcp;
  if (!secretManagerUnavailable) context.shared.secretClients ??= createSecretManagerClient(gcp.env, clientOptionsFor(gcp, SECRET_MANAGER_EMULATOR_HOST));
  if (!resourceManagerUnavailable) context.shared.resourceManagerClients ??= createResourceManagerClient(gcp.env, clientOptionsFor(gcp, RESOURCE_MANAGER_EMULATOR_HOST));
  await checkSecretAccess(environment, {
    ...(!secretManagerUnavailable && { secretManager: await context.shared.secretClients! }),
    ...(!resourceManagerUnavailable && { resourceManager: await context.shared.resourceManagerClients! }),
    ...(secretManagerUnavailable && { secretManagerUnavailable: secretManagerUnavailable.reason }),
    ...(resourceManagerUnavailable && { resourceManagerUnavailable: resourceManagerUnavailable.reason }),
    budget: context.shared.budget(),
    cache: context.shared.iam,
  });
}

function secretSightings(environment: EnvironmentInventory): SecretSighting[] {
  return environment.services.flatMap((service) =>
    service.variants.flatMap((variant) =>
      // A reference a deploy names by an expansion (unknown until it runs) is not looked up.
      variant.entries.filter((entry): entry is Entry & { source: SecretRef } => entry.source.kind === 'secret' && entry.unreadable === undefined).map((entry) => ({ entry, environment: environment.name, service: service.name })),
    ),
  );
}
