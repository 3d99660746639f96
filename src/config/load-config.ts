import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { compileSchema } from '../files/compile-schema.js';
import { configSchema } from './config-schema.js';
import type { Severity } from '../model/inventory.js';
import type { CloudRunEnvironment, CloudRunResourceKind, EnvdriftConfig, EnvironmentConfig, PackUse, ServiceConfig, SourceSpec } from './config-types.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError, type FileProblem } from '../files/user-error.js';
import { readUserFile } from '../files/read-user-file.js';
import { checkAgainstSchema } from '../files/schema-check.js';
import { parseYamlFile, type YamlFile } from '../files/yaml-file.js';

export const CONFIG_FILE_NAMES = ['envdrift.yaml', 'envdrift.yml'];

/** Finds the config: the given path, or `envdrift.yaml` in the working directory. */
export function findConfigFile(cwd: string, given?: string): string {
  if (given) return resolve(cwd, given);
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new UserError(`no envdrift.yaml in ${cwd}; pass --config FILE or create one (see README "Configuration")`);
}

interface RawService {
  dotenv?: string[];
  cloudrun?: string;
  kind?: CloudRunResourceKind;
  urls?: string[];
}
interface RawEnvironment {
  production?: boolean;
  cloudrun?: CloudRunEnvironment;
  dotenv?: string[];
  services: Record<string, RawService>;
}
interface RawConfig {
  version: 1;
  rules?: string[];
  packs?: Array<string | Record<string, Record<string, unknown>>>;
  environments: Record<string, RawEnvironment>;
  severity?: Record<string, Severity | 'off'>;
}

/** Loads and validates `envdrift.yaml`; throws a `UserError` listing every problem with its position. */
export function loadConfig(file: string, availablePacks: readonly string[], displayBase: string): EnvdriftConfig {
  const shownName = displayPath(file, displayBase);
  const yaml = parseYamlFile(shownName, readUserFile(file, 'config file'));
  const problems = checkAgainstSchema(yaml, compileSchema(configSchema));
  if (problems.length === 0) problems.push(...checkPacks(yaml, availablePacks), ...checkServiceSources(yaml));
  if (problems.length > 0) throw new UserError(`${shownName} is not a valid envdrift config`, problems);

  const raw = yaml.value as RawConfig;
  const baseDir = dirname(file);
  const inBase = (path: string) => resolve(baseDir, path);
  return {
    file,
    baseDir,
    ruleFiles: (raw.rules ?? []).map(inBase),
    // No `packs` key means the recommended pack; `packs: []` means none.
    packs: raw.packs ? raw.packs.map((entry, index) => locatedPackUse(entry, index, yaml)) : availablePacks.filter((pack) => pack === 'recommended').map(packUse),
    // Rule ids are checked once the rules are loaded (checkSeverityOverrides): only then is it known which exist.
    severities: Object.entries(raw.severity ?? {}).map(([ruleId, severity]) => ({ ruleId, severity, setAt: { file: shownName, ...yaml.locate(['severity', ruleId], 'key') } })),
    environments: Object.entries(raw.environments).map(([name, environment]): EnvironmentConfig => ({
      name,
      // An environment called production is one unless it says otherwise: forgetting the flag must not
      // silently switch off every production-only rule.
      production: environment.production ?? /^prod(uction)?$/i.test(name),
      ...(environment.cloudrun && { cloudrun: environment.cloudrun }),
      services: Object.entries(environment.services).map(([serviceName, service]): ServiceConfig => {
        const sources: SourceSpec[] = [];
        const files = [...(environment.dotenv ?? []), ...(service.dotenv ?? [])].map(inBase);
        if (files.length > 0) sources.push({ type: 'dotenv', files });
        if (environment.cloudrun) {
          const { project, regions } = environment.cloudrun;
          sources.push({ type: 'cloudrun', project, ...(regions && { regions }), serviceName: service.cloudrun ?? serviceName, ...(service.kind && service.kind !== 'service' && { resourceKind: service.kind }) });
        }
        return {
          name: serviceName,
          urls: service.urls ?? [],
          sources,
          declaredAt: { file: shownName, ...yaml.locate(['environments', name, 'services', serviceName], 'key') },
        };
      }),
    })),
  };
}

function checkPacks(yaml: YamlFile, availablePacks: readonly string[]): FileProblem[] {
  const packs = ((yaml.value as RawConfig).packs ?? []).map((pack) => packUse(pack).name);
  return packs.flatMap((pack, index) =>
    availablePacks.includes(pack)
      ? []
      : [
          {
            file: yaml.file,
            ...yaml.locate(['packs', index]),
            message: `unknown rule pack '${pack}'${suggestionSuffix(pack, availablePacks)}; expected one of: ${availablePacks.join(', ') || '(none shipped)'}`,
          },
        ],
  );
}

/** A `cloudrun:` service name only means something in an environment that says which project to read. */
function checkServiceSources(yaml: YamlFile): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const [environmentName, environment] of Object.entries((yaml.value as RawConfig).environments)) {
    if (Object.keys(environment.services).length === 0 && !environment.cloudrun?.labels) {
      problems.push({ file: yaml.file, ...yaml.locate(['environments', environmentName, 'services']), message: `environment '${environmentName}' declares no services; declare some, or select them with cloudrun.labels` });
    }
    for (const [serviceName, service] of Object.entries(environment.services)) {
      for (const field of ['cloudrun', 'kind'] as const) {
        if (service[field] === undefined || environment.cloudrun) continue;
        problems.push({
          file: yaml.file,
          ...yaml.locate(['environments', environmentName, 'services', serviceName, field], 'key'),
          message: `service '${serviceName}' names a Cloud Run ${field === 'kind' ? 'resource kind' : 'service'}, but environment '${environmentName}' has no 'cloudrun' block with a project`,
        });
      }
    }
  }
  return problems;
}

/** `recommended`, or `{ auth: { producer: auth } }`: a pack with the parameters the config gives it. */
function packUse(entry: string | Record<string, Record<string, unknown>>): PackUse {
  if (typeof entry === 'string') return { name: entry, parameters: {} };
  const [name, parameters] = Object.entries(entry)[0]!;
  return { name, parameters };
}

/**
 * The rule files and packs an invalid config names, as far as they can be made out, so their problems are
 * reported together with the config's (README: all problems of all files at once). Empty when the config is
 * not even YAML.
 */
export function rulesOfInvalidConfig(file: string, availablePacks: readonly string[], displayBase: string): Pick<EnvdriftConfig, 'ruleFiles' | 'packs'> {
  let yaml: YamlFile;
  try {
    yaml = parseYamlFile(displayPath(file, displayBase), readUserFile(file, 'config file'));
  } catch {
    return { ruleFiles: [], packs: [] };
  }
  const raw = (yaml.value ?? {}) as Partial<Record<'rules' | 'packs', unknown>>;
  const ruleFiles = Array.isArray(raw.rules) ? raw.rules.filter((path): path is string => typeof path === 'string' && path !== '').map((path) => resolve(dirname(file), path)) : [];
  const packs = Array.isArray(raw.packs)
    ? raw.packs.flatMap((entry, index): PackUse[] => {
        const named = typeof entry === 'string' || (entry && typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 1 && typeof Object.values(entry)[0] === 'object');
        if (!named) return [];
        const use = locatedPackUse(entry as string | Record<string, Record<string, unknown>>, index, yaml);
        return availablePacks.includes(use.name) ? [use] : [];
      })
    : [];
  return { ruleFiles, packs };
}

/** A pack entry of the config with where it and its parameters are written. */
function locatedPackUse(entry: string | Record<string, Record<string, unknown>>, index: number, yaml: YamlFile): PackUse {
  const use = packUse(entry);
  const at = typeof entry === 'string' ? ['packs', index] : ['packs', index, use.name];
  return {
    ...use,
    declaredAt: { file: yaml.file, ...yaml.locate(at, 'key') },
    parameterAt: Object.fromEntries(
      Object.keys(use.parameters).map((name) => [name, { key: yaml.locate([...at, name], 'key'), value: yaml.locate([...at, name]) }]),
    ),
  };
}

/** Paths in messages are shown relative to where the user ran envdrift, like compilers do. */
export function displayPath(file: string, base: string): string {
  const shown = relative(base, file);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}
