import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { EnvdriftConfig, EnvironmentConfig, ServiceConfig, SourceSpec } from '../config/config-types.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError } from '../files/user-error.js';
import { CONFIG_FILE_NAMES, displayPath, findConfigFile, loadConfig } from '../config/load-config.js';
import { readUserFile } from '../files/read-user-file.js';
import type { ValueDescriber } from '../fingerprints/describe-value.js';
import type { Inventory, Origin } from '../model/inventory.js';
import { availablePacks, loadRules, ruleFilesOf } from '../rules/load-rules.js';
import { ruleKinds } from '../rules/kinds/index.js';
import { declaredServiceNames, discoversServices } from '../rules/rule-kind.js';
import { collectInventory, type GcpAccess } from '../sources/collect-inventory.js';
import { inventoryFromSnapshot } from '../sources/snapshot/snapshot-file.js';
import type { PlannedEnvironment, PlannedService } from './render.js';
import { restrictEnvironments } from '../pipeline/prepare-run.js';
import { planInitDeploys } from './init-deploys.js';

/** What `envdrift init` is asked to read, and where to write. */
export interface InitRequest {
  cwd: string;
  gcp?: Omit<GcpAccess, 'needsValue'>;
  /** `--config`: read the sources of this config (default: ./envdrift.yaml when no source flags are given). */
  configPath?: string;
  /** `--env`: with `--project`, the environment each project is; otherwise only these environments. */
  environments: string[];
  /** `--project`: Cloud Run projects, paired in order with `--env`. */
  projects: string[];
  /** `--region`: regions to read in every `--project` (default: all). */
  regions: string[];
  /** `--dotenv ENV/SERVICE=FILE` or `ENV=FILE` (files every service of ENV reads first). */
  dotenv: string[];
  /** `--snapshot`: read this snapshot instead of the sources. */
  snapshotPath?: string;
  /** `--deploy`: deploy declarations applied over what is read, so the rules describe what the pipeline leaves running. */
  deploys?: string[];
  fingerprintKey?: string;
  /** `--out-dir`, relative to `cwd`; default: the folder of the config init reads, else `cwd`. */
  outDir?: string;
  force: boolean;
  /** YYYY-MM-DD, for the header of the written files (the CLI's clock). */
  today: string;
}

/** Where init reads from: an existing config, flags that describe the sources, or a snapshot alone. */
export type InitMode = 'config' | 'flags' | 'snapshot';

export interface InitInputs {
  mode: InitMode;
  inventory: Inventory;
  /** Every environment the config declares (in config mode), or that the flags or snapshot name. */
  declaredEnvironments: string[];
  /** The user's config (config mode): init reads it and never rewrites it. */
  config?: EnvdriftConfig;
  /** The config to write (flags and snapshot modes), paths relative to the output folder. */
  plan?: PlannedEnvironment[];
  /** What was read, for the written files' headers and the summary. */
  sources: string[];
  /** What could not be read before any service was (a project whose services could not be listed). */
  unread: string[];
  notices: string[];
}

/** Builds the describer for a run, given the keys the user's rules mark sensitive (beyond the name heuristics). */
export type DescriberFactory = (markedSensitive: readonly string[]) => { describer: ValueDescriber; isSensitiveKey: (key: string) => boolean };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const PROJECT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;

/** Decides what to read from the flags (every usage error before any reading), without reading yet. */
export function initMode(request: InitRequest): InitMode {
  const describesSources = request.projects.length > 0 || request.dotenv.length > 0;
  if (describesSources && request.configPath !== undefined) throw new UserError('--config reads the sources of a config; --project and --dotenv describe sources without one: give one or the other');
  if (describesSources && request.snapshotPath !== undefined) throw new UserError('--snapshot reads a snapshot instead of sources; do not combine it with --project or --dotenv');
  if (request.regions.length > 0 && request.projects.length === 0) throw new UserError('--region says where to read a --project; give --project P --env NAME as well');
  const deploys = (request.deploys ?? []).length > 0;
  if (describesSources) {
    checkSourceFlags(request);
    return 'flags';
  }
  if (request.configPath !== undefined || CONFIG_FILE_NAMES.some((name) => existsSync(resolve(request.cwd, name)))) return 'config';
  if (deploys) {
    // A deploy step states only what it changes; the rest of the service is what runs, which a config or --project says where to read.
    throw new UserError(`--deploy applies a deploy declaration over what runs now: say where that is read with --project P --env NAME (or an envdrift.yaml, or --config FILE${request.snapshotPath !== undefined ? ' with --snapshot' : ''}); see docs/init.md`);
  }
  if (request.snapshotPath !== undefined) return 'snapshot';
  throw new UserError(`nothing to read: no envdrift.yaml in ${request.cwd}. Say where to look: --project P --env NAME (Cloud Run), --dotenv ENV/SERVICE=FILE (.env files), --snapshot FILE, or --config FILE (see docs/init.md)`);
}

/** Reads what the request names into an inventory, with everything the rules and config writers need. */
export async function readInitInputs(mode: InitMode, request: InitRequest, describerFor: DescriberFactory, excludeRuleFile: string): Promise<InitInputs & { isSensitiveKey: (key: string) => boolean }> {
  const shownName = (file: string) => displayPath(file, request.cwd);
  // Init compares values across services by fingerprint, so it reads every secret payload it can.
  const gcp = request.gcp && { ...request.gcp, needsValue: () => true };

  if (mode === 'config') {
    const declared = loadConfig(findConfigFile(request.cwd, request.configPath), availablePacks(), request.cwd);
    const config = restrictEnvironments(declared, request.environments);
    // The user's rules only matter for which keys they mark sensitive; a previous init's file is being replaced.
    const rules = loadRules(ruleFilesOf(declared).filter((source) => resolve(source.file) !== excludeRuleFile), declared, request.cwd);
    const marked = rules.filter((rule) => rule.sensitive).flatMap((rule) => ruleKinds[rule.kind]!.keysNamed(rule));
    const { describer, isSensitiveKey } = describerFor(marked);
    // Before any source is read: a malformed declaration is exit 2 at once.
    const deploys = await planInitDeploys(request.deploys ?? [], request.cwd, config, shownName);
    let inventory: Inventory;
    if (request.snapshotPath !== undefined) {
      const file = resolve(request.cwd, request.snapshotPath);
      inventory = inventoryFromSnapshot(readUserFile(file, 'snapshot'), shownName(file), describer, config).inventory;
      deploys?.applyToSnapshot(inventory, describer);
    } else {
      inventory = await collectInventory(config, { describer, shownName, ...(gcp && { gcp }), ...(deploys && { deploys: deploys.collect }) });
    }
    const ignored: string[] = [];
    if (!discoversServices(declared)) {
      // Rules may only name declared services; a snapshot can hold others.
      const known = new Set(declaredServiceNames(declared));
      for (const environment of inventory.environments) {
        ignored.push(...environment.services.filter((service) => !known.has(service.name)).map((service) => `${environment.name}/${service.name}`));
        environment.services = environment.services.filter((service) => known.has(service.name));
      }
    }
    const sources = [request.snapshotPath !== undefined ? `snapshot ${request.snapshotPath}, for the environments of ${shownName(declared.file)}` : `the sources of ${shownName(declared.file)}`, ...(deploys ? [deploys.source] : [])];
    const notices = [...(deploys?.notices ?? []), ...(inventory.notices ?? []), ...(ignored.length > 0 ? [`ignored services the config does not declare: ${ignored.join(', ')}`] : [])];
    return { mode, inventory, declaredEnvironments: declared.environments.map((environment) => environment.name), config: declared, sources, unread: [], notices, isSensitiveKey };
  }

  const { describer, isSensitiveKey } = describerFor([]);
  const outDir = resolve(request.cwd, request.outDir ?? '.');
  if (mode === 'snapshot') {
    const file = resolve(request.cwd, request.snapshotPath!);
    const noConfig: EnvdriftConfig = { file, baseDir: request.cwd, ruleFiles: [], packs: [], environments: [] };
    const { document } = inventoryFromSnapshot(readUserFile(file, 'snapshot'), shownName(file), describer, noConfig);
    const names = document.environments.map((environment) => environment.name);
    for (const name of request.environments) {
      if (!names.includes(name)) throw new UserError(`--env ${name}: the snapshot has no such environment${suggestionSuffix(name, names)}; it has: ${names.join(', ')}`);
    }
    const environments = document.environments.filter((environment) => request.environments.length === 0 || request.environments.includes(environment.name));
    // A hand-edited snapshot may hold names envdrift.yaml cannot: say so rather than write a config that fails to load.
    for (const name of environments.flatMap((environment) => [environment.name, ...environment.services.map((service) => service.name)])) {
      if (!NAME.test(name)) throw new UserError(`${shownName(file)}: '${name}' cannot name an environment or service in envdrift.yaml (letters, digits, _ . -)`);
    }
    const inventory: Inventory = { environments };
    return {
      mode,
      inventory,
      declaredEnvironments: environments.map((environment) => environment.name),
      plan: planFromSnapshot(inventory, request.cwd, outDir),
      sources: [`snapshot ${request.snapshotPath} (taken ${document.createdAt ?? 'at an unknown time'})`],
      unread: [],
      notices: [],
      isSensitiveKey,
    };
  }

  // A malformed declaration is exit 2 before any Google call; its steps are matched once the services are known.
  const noServices: EnvdriftConfig = { file: resolve(outDir, 'envdrift.yaml'), baseDir: outDir, ruleFiles: [], packs: [], environments: [] };
  await planInitDeploys(request.deploys ?? [], request.cwd, noServices, shownName);
  const { config, plan, sources, unread, notices } = await configFromFlags(request, outDir);
  const deploys = await planInitDeploys(request.deploys ?? [], request.cwd, config, shownName);
  const inventory = await collectInventory(config, { describer, shownName, ...(gcp && { gcp }), ...(deploys && { deploys: deploys.collect }) });
  return {
    mode,
    inventory,
    declaredEnvironments: config.environments.map((environment) => environment.name),
    plan,
    sources: [...sources, ...(deploys ? [deploys.source] : [])],
    unread,
    notices: [...notices, ...(deploys?.notices ?? []), ...(inventory.notices ?? [])],
    isSensitiveKey,
  };
}

// ------------------------------------------------------------------------------------------- flags mode

interface DotenvSpec {
  environment: string;
  service?: string;
  file: string;
}

function parseDotenvSpec(spec: string): DotenvSpec {
  const match = /^([^/=]+)(?:\/([^/=]+))?=(.+)$/.exec(spec);
  if (!match) throw new UserError(`--dotenv ${spec}: expected ENV/SERVICE=FILE (a service's .env file) or ENV=FILE (a file every service of ENV reads first)`);
  const [, environment, service, file] = match as unknown as [string, string, string | undefined, string];
  for (const name of [environment, ...(service === undefined ? [] : [service])]) {
    if (!NAME.test(name)) throw new UserError(`--dotenv ${spec}: '${name}' is not a valid name (letters, digits, _ . -)`);
  }
  return { environment, ...(service !== undefined && { service }), file };
}

/** Checks the flags that describe sources (every usage error before anything is read); returns the `--dotenv` specs. */
export function checkSourceFlags(request: InitRequest): DotenvSpec[] {
  if (request.projects.length === 0 && request.environments.length > 0) {
    throw new UserError('--env names the environment of a --project (or, with --config or --snapshot, selects environments); with --dotenv the environment is part of ENV/SERVICE=FILE');
  }
  if (request.projects.length !== request.environments.length) {
    throw new UserError(`each --project needs an --env naming its environment (the first --env names the first --project, and so on): got ${request.projects.length} --project and ${request.environments.length} --env`);
  }
  for (const project of request.projects) if (!PROJECT.test(project)) throw new UserError(`--project ${project}: expected a Google Cloud project id such as netra-staging`);
  for (const region of request.regions) if (!REGION.test(region)) throw new UserError(`--region ${region}: expected a region such as us-central1`);
  for (const name of request.environments) if (!NAME.test(name)) throw new UserError(`--env ${name}: expected a name of letters, digits, _ . -`);
  const duplicate = request.environments.find((name, index) => request.environments.indexOf(name) !== index);
  if (duplicate) throw new UserError(`--env ${duplicate} is given twice; one project per environment`);
  const dotenv = request.dotenv.map(parseDotenvSpec);
  for (const { environment } of dotenv) {
    if (!request.environments.includes(environment) && !dotenv.some((spec) => spec.environment === environment && spec.service !== undefined)) {
      throw new UserError(`--dotenv ${environment}=FILE names files every service of ${environment} reads, but no service of ${environment} is given; add --dotenv ${environment}/SERVICE=FILE or --project P --env ${environment}`);
    }
  }
  return dotenv;
}

/**
 * The config the flags describe, built the way `loadConfig` builds one from the file init will write (every
 * service of an environment with a project gets a Cloud Run source; shared .env files come first), so what is
 * read now is what `envdrift check` will read from the written config.
 */
async function configFromFlags(request: InitRequest, outDir: string): Promise<{ config: EnvdriftConfig; plan: PlannedEnvironment[]; sources: string[]; unread: string[]; notices: string[] }> {
  const dotenv = checkSourceFlags(request);
  const regions = request.regions.length > 0 ? [...new Set(request.regions)] : undefined;

  const unread: string[] = [];
  const notices: string[] = [];
  const sources: string[] = [];
  const order = [...new Set([...request.environments, ...dotenv.map((spec) => spec.environment)])];
  const planned: PlannedEnvironment[] = [];
  const environments: EnvironmentConfig[] = [];
  for (const name of order) {
    const projectIndex = request.environments.indexOf(name);
    const project = projectIndex >= 0 ? request.projects[projectIndex] : undefined;
    const cloudRunNames = new Map<string, string>();
    const environmentNotes: string[] = [];
    if (project !== undefined) {
      const found = await discoverServices(request.gcp, project, regions);
      if (found.notice && !notices.includes(found.notice)) notices.push(found.notice);
      if (found.unreadable !== undefined) {
        unread.push(`${name}: the Cloud Run services of project ${project} could not be listed: ${found.unreadable}`);
        environmentNotes.push(`Some services of project ${project} could not be listed when envdrift init ran (${found.unreadable}); add any that are missing.`);
      } else if (found.names.length === 0) {
        throw new UserError(`--project ${project}: no Cloud Run services found${regions ? ` in ${regions.join(', ')}` : ''}; check the project id${regions ? ' and --region' : ''}`);
      }
      for (const [logical, serviceName] of logicalNames(found.names, name)) cloudRunNames.set(logical, serviceName);
      sources.push(`Cloud Run project ${project}${regions ? ` (${regions.join(', ')})` : ''} as ${name}`);
    }
    const shared = dotenv.filter((spec) => spec.environment === name && spec.service === undefined).map((spec) => resolve(request.cwd, spec.file));
    const own = new Map<string, string[]>();
    for (const spec of dotenv.filter((candidate) => candidate.environment === name && candidate.service !== undefined)) {
      own.set(spec.service!, [...(own.get(spec.service!) ?? []), resolve(request.cwd, spec.file)]);
    }
    const serviceNames = [...new Set([...cloudRunNames.keys(), ...own.keys()])];
    if (serviceNames.length === 0) continue; // a project whose services could not be listed: said above
    const production = /^prod(uction)?$/i.test(name);
    const services: ServiceConfig[] = serviceNames.map((service) => {
      const files = [...shared, ...(own.get(service) ?? [])];
      const serviceSources: SourceSpec[] = [];
      if (files.length > 0) serviceSources.push({ type: 'dotenv', files });
      if (project !== undefined) serviceSources.push({ type: 'cloudrun', project, ...(regions && { regions }), serviceName: cloudRunNames.get(service) ?? service });
      return { name: service, urls: [], sources: serviceSources, declaredAt: { file: '(command line)', line: 1, column: 1 } };
    });
    environments.push({ name, production, services, ...(project !== undefined && { cloudrun: { project, ...(regions && { regions }) } }) });
    planned.push({
      name,
      production,
      ...(project !== undefined && { cloudrun: { project, ...(regions && { regions }) } }),
      ...(environmentNotes.length > 0 && { notes: environmentNotes }),
      services: serviceNames.map((service): PlannedService => {
        const files = own.get(service);
        const cloudrun = cloudRunNames.get(service);
        return { name: service, ...(cloudrun !== undefined && cloudrun !== service && { cloudrun }), ...(files && { dotenv: files.map((file) => relativePath(outDir, file)) }) };
      }),
    });
    if (shared.length > 0) planned.at(-1)!.dotenv = shared.map((file) => relativePath(outDir, file));
  }
  if (dotenv.length > 0) sources.push(`.env files (${dotenv.map((spec) => spec.file).join(', ')})`);
  const config: EnvdriftConfig = { file: resolve(outDir, 'envdrift.yaml'), baseDir: outDir, ruleFiles: [], packs: [], environments };
  return { config, plan: planned, sources, unread, notices };
}

/**
 * Logical names for discovered Cloud Run services: the name without the environment as a suffix or prefix
 * (`backend-staging` → `backend`), so a service is compared with its namesakes in other environments; the
 * Cloud Run name itself when stripping would leave nothing or clash.
 */
function logicalNames(names: readonly string[], environment: string): Map<string, string> {
  const env = environment.toLowerCase();
  const strip = (name: string) => {
    for (const candidate of [name.endsWith(`-${env}`) ? name.slice(0, -env.length - 1) : '', name.startsWith(`${env}-`) ? name.slice(env.length + 1) : '']) {
      if (candidate !== '' && NAME.test(candidate)) return candidate;
    }
    return name;
  };
  const stripped = names.map((name) => ({ name, logical: strip(name) }));
  const clash = (logical: string) => stripped.filter((entry) => entry.logical === logical).length > 1;
  return new Map(stripped.map(({ name, logical }) => [clash(logical) ? name : logical, name]));
}

/** Lists a project's Cloud Run services (every region, or the given ones) before reading them. */
async function discoverServices(gcp: InitRequest['gcp'], project: string, regions: string[] | undefined): Promise<{ names: string[]; unreadable?: string; notice?: string }> {
  if (!gcp) return { names: [], unreadable: 'this run does not read Google Cloud' };
  const { CLOUD_RUN_EMULATOR_HOST, createRunClients } = await import('../sources/google/gcp-clients.js');
  let credentials = {};
  if (!gcp.env[CLOUD_RUN_EMULATOR_HOST]) {
    const { CREDENTIALS_HELP, credentialClientOptions, missingCredentials } = await import('../sources/google/gcp-credentials.js');
    const missing = missingCredentials(gcp.env, gcp.homeDir);
    if (missing) return { names: [], unreadable: `${missing} (see the message on standard error)`, notice: `${missing}.\n${CREDENTIALS_HELP}` };
    credentials = credentialClientOptions(gcp.env, gcp.homeDir);
  }
  const { scanProject } = await import('../sources/cloudrun/scan-project.js');
  const clients = await createRunClients(gcp.env, credentials);
  try {
    const budget = { perCallMs: gcp.timeouts.perCallMs, overallSeconds: gcp.timeouts.overallSeconds, deadline: Date.now() + gcp.timeouts.overallSeconds * 1000 };
    const scans = await scanProject(clients, project, regions, budget);
    const names = [...new Set(scans.flatMap((scan) => (scan.services ?? []).map((service) => (service.name ?? '').split('/').pop() ?? '')).filter((name) => name !== ''))].sort();
    const failed = scans.filter((scan) => scan.unreadable !== undefined);
    return { names, ...(failed.length > 0 && { unreadable: failed.map((scan) => `${scan.region}: ${scan.unreadable}`).join('; ') }) };
  } finally {
    await clients.close();
  }
}

// ---------------------------------------------------------------------------------------- snapshot mode

/**
 * The config a snapshot implies, reconstructed from where its entries came from: Cloud Run project and service
 * names, and the `.env` files (relative to where init runs, as the snapshot recorded them).
 */
function planFromSnapshot(inventory: Inventory, cwd: string, outDir: string): PlannedEnvironment[] {
  return inventory.environments.map((environment) => {
    const origins = environment.services.flatMap((service) => service.variants.flatMap((variant) => [variant.origin, ...variant.entries.map((entry) => entry.origin)]));
    const cloudRun = origins.filter((origin): origin is Extract<Origin, { kind: 'cloudrun' }> => origin.kind === 'cloudrun');
    const projects = [...new Set(cloudRun.map((origin) => origin.project))];
    const notes = projects.length > 1 ? [`The snapshot read Cloud Run in several projects for this environment (${projects.join(', ')}); envdrift.yaml takes one per environment.`] : [];
    return {
      name: environment.name,
      production: environment.production,
      // No regions: the snapshot shows where services were, not where the config looked; every region is safe.
      ...(projects.length > 0 && { cloudrun: { project: projects[0]! } }),
      ...(notes.length > 0 && { notes }),
      services: environment.services.map((service): PlannedService => {
        const serviceOrigins = service.variants.flatMap((variant) => [...variant.entries.map((entry) => entry.origin), variant.origin]);
        const cloudrunName = serviceOrigins.find((origin): origin is Extract<Origin, { kind: 'cloudrun' }> => origin.kind === 'cloudrun')?.service;
        // A service's own (most specific) file is its variant's origin: keep it last, where it overrides.
        const lastFiles = service.variants.flatMap((variant) => (variant.origin.kind === 'file' ? [variant.origin.file] : []));
        const files = [...new Set(serviceOrigins.flatMap((origin) => (origin.kind === 'file' ? [origin.file] : [])))];
        const ordered = [...files.filter((file) => !lastFiles.includes(file)), ...lastFiles.filter((file, index) => lastFiles.indexOf(file) === index)];
        const serviceNotes: string[] = [];
        if (service.unreadable !== undefined) serviceNotes.push(`Could not be read when the snapshot was taken: ${service.unreadable}`);
        if (ordered.length === 0 && cloudrunName === undefined) serviceNotes.push('The snapshot does not say where this service\'s configuration came from; add its source.');
        if (ordered.length > 1) serviceNotes.push('.env files reconstructed from the snapshot: check their order (later files override earlier ones).');
        return {
          name: service.name,
          ...(cloudrunName !== undefined && cloudrunName !== service.name && { cloudrun: cloudrunName }),
          ...(ordered.length > 0 && { dotenv: ordered.map((file) => relativePath(outDir, resolve(cwd, file))) }),
          ...(serviceNotes.length > 0 && { notes: serviceNotes }),
        };
      }),
    };
  });
}

// ----------------------------------------------------------------------------------------------- helpers

/** A path as written in envdrift.yaml: relative to the config's folder, with forward slashes. */
export function relativePath(from: string, to: string): string {
  return relative(from, to).split(sep).join('/') || '.';
}
