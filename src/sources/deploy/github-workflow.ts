import type { YamlPath } from '../../files/yaml-file.js';
import { expressionWord, parseActionPairs } from './action-inputs.js';
import { EnvFlagCollector, secretAssignment, type EnvVarsFileReader } from './env-flags.js';
import { gcloudRunSteps, readExtraFlags } from './gcloud-run-command.js';
import { isUnknown, shownText, tokenizeShell, ShellSyntaxError } from './shell-words.js';
import { StepProblem, type Declared, type DeployStep, type EnvAssignment, type SecretAssignment } from './deploy-step.js';
import type { YamlPlaces } from './yaml-places.js';

const DEPLOY_ACTION = /^google-github-actions\/deploy-cloudrun@/;
const KNOWN_INPUTS = [
  'service', 'job', 'project_id', 'region', 'image', 'source', 'env_vars', 'env_vars_update_strategy', 'env_vars_file', 'secrets',
  'secrets_update_strategy', 'labels', 'skip_default_labels', 'tag', 'timeout', 'flags', 'metadata', 'suffix', 'no_traffic',
  'revision_traffic', 'tag_traffic', 'update_traffic_flags', 'wait', 'gcloud_version', 'gcloud_component', 'credentials', 'skip_env_vars_file_check',
];

/** Whether a YAML document looks like a GitHub Actions workflow: `jobs` whose entries have steps or run elsewhere. */
export function isWorkflow(value: unknown): boolean {
  const jobs = (value as { jobs?: unknown } | null)?.jobs;
  return typeof jobs === 'object' && jobs !== null && !Array.isArray(jobs);
}

/**
 * Every Cloud Run deploy in a workflow: each step using google-github-actions/deploy-cloudrun, and each
 * `gcloud run deploy|services update|jobs deploy|jobs update` in a `run:` block, in file order.
 */
export function workflowSteps(places: YamlPlaces, readEnvVarsFile: EnvVarsFileReader): DeployStep[] {
  const root = places.yaml.value as Record<string, unknown>;
  const steps: DeployStep[] = [];
  for (const [jobName, job] of Object.entries(root.jobs as Record<string, unknown>)) {
    const jobSteps = (job as { steps?: unknown } | null)?.steps;
    if (jobSteps === undefined) continue;
    if (!Array.isArray(jobSteps)) throw new StepProblem(`jobs.${jobName}.steps must be a list`, places.place(['jobs', jobName, 'steps']));
    const envs = [envOf(root), envOf(job)];
    jobSteps.forEach((step, index) => {
      const path: YamlPath = ['jobs', jobName, 'steps', index];
      if (typeof step !== 'object' || step === null) return;
      const fields = step as Record<string, unknown>;
      if (typeof fields.uses === 'string' && DEPLOY_ACTION.test(fields.uses)) {
        steps.push(actionStep(places, path, fields, [...envs, envOf(step)], readEnvVarsFile));
      } else if (typeof fields.run === 'string') {
        steps.push(...gcloudRunSteps(fields.run, { place: places.textPlaces([...path, 'run']), readEnvVarsFile, githubExpressions: true }));
      }
    });
  }
  return steps;
}

function actionStep(places: YamlPlaces, path: YamlPath, fields: Record<string, unknown>, envs: Array<Record<string, string>>, readEnvVarsFile: EnvVarsFileReader): DeployStep {
  const at = places.place(path);
  const inputs = (fields.with ?? {}) as Record<string, unknown>;
  const withPath: YamlPath = [...path, 'with'];
  if (typeof inputs !== 'object' || Array.isArray(inputs)) throw new StepProblem('with: must be a mapping of the deploy-cloudrun inputs', places.place(withPath));
  for (const name of Object.keys(inputs)) {
    if (!KNOWN_INPUTS.includes(name)) throw new StepProblem(`deploy-cloudrun has no input '${name}' (inputs: ${KNOWN_INPUTS.join(', ')})`, places.place([...withPath, name], 'key'));
  }
  const input = (name: string): string | undefined => {
    const value = inputs[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object') throw new StepProblem(`with.${name} must be text`, places.place([...withPath, name]));
    return String(value);
  };
  const label = `deploy-cloudrun step${typeof fields.name === 'string' ? ` "${fields.name}"` : ''}`;
  if (input('metadata') !== undefined) {
    throw new StepProblem(`${label}: the metadata input (a service YAML) is not read by --deploy; check that file with --manifest FILE --as ENV/SERVICE`, places.place([...withPath, 'metadata'], 'key'));
  }
  const service = input('service');
  const job = input('job');
  if (service === undefined && job === undefined) throw new StepProblem(`${label} names no service (with.service) nor job (with.job): envdrift cannot tell what it deploys`, at);
  const collector = new EnvFlagCollector(places.textPlaces([...withPath, 'flags']), readEnvVarsFile);

  const strategy = (name: string): 'merge' | 'overwrite' => {
    const value = input(name) ?? 'merge';
    if (value !== 'merge' && value !== 'overwrite') throw new StepProblem(`with.${name} is '${value.slice(0, 20)}'; expected merge or overwrite`, places.place([...withPath, name]));
    return value;
  };
  const envFile = input('env_vars_file');
  const envVars = input('env_vars');
  if (envFile !== undefined || envVars !== undefined) {
    const fromFile: EnvAssignment[] = [];
    if (envFile !== undefined) {
      const read = readEnvVarsFile(declaredInput(envFile), places.place([...withPath, 'env_vars_file']));
      if ('unknown' in read) throw new StepProblem(`${label}: ${read.unknown}`, places.place([...withPath, 'env_vars_file']));
      fromFile.push(...read.assignments);
    }
    // Keys of env_vars take precedence over the file's.
    const pairs = envVars === undefined ? [] : envPairs(places, [...withPath, 'env_vars'], envVars);
    const overwrite = strategy('env_vars_update_strategy') === 'overwrite';
    const flagAt = places.place([...withPath, envVars !== undefined ? 'env_vars' : 'env_vars_file'], 'key');
    collector.addDeclared(overwrite ? 'set-env-vars' : 'update-env-vars', [...fromFile, ...pairs], flagAt, overwrite ? 'env_vars (overwrite)' : 'env_vars');
  }
  const secrets = input('secrets');
  if (secrets !== undefined) {
    const overwrite = strategy('secrets_update_strategy') === 'overwrite';
    collector.addDeclared(overwrite ? 'set-secrets' : 'update-secrets', secretPairs(places, [...withPath, 'secrets'], secrets), places.place([...withPath, 'secrets'], 'key'), overwrite ? 'secrets (overwrite)' : 'secrets');
  }
  const step: { project?: Declared; region?: Declared; container?: string } = {};
  const flags = input('flags');
  if (flags !== undefined) {
    const flagPlaces = places.textPlaces([...withPath, 'flags']);
    try {
      const words = tokenizeShell(flags, { githubExpressions: true }).flatMap((command) => command.words);
      readExtraFlags(words, job !== undefined ? 'run jobs deploy' : 'run deploy', collector, { place: flagPlaces, readEnvVarsFile, githubExpressions: true }, step);
    } catch (error) {
      if (error instanceof ShellSyntaxError) throw new StepProblem(`with.flags cannot be tokenized: ${error.message}`, flagPlaces(error.offset));
      throw error;
    }
  }
  const project = input('project_id');
  const region = input('region');
  const name = resolveEnv(job ?? service!, envs);
  return {
    at,
    label: `${label} (${job !== undefined ? 'job' : 'service'} ${job ?? service})`,
    resource: job !== undefined ? 'job' : 'service',
    name,
    ...(project !== undefined ? { project: resolveEnv(project, envs) } : step.project && { project: step.project }),
    // The Action deploys to us-central1 unless told otherwise.
    region: region !== undefined ? resolveEnv(region, envs) : (step.region ?? { known: true, text: 'us-central1' }),
    ...(step.container !== undefined && { container: step.container }),
    changes: collector.changes(),
  };
}

function envPairs(places: YamlPlaces, path: YamlPath, text: string): EnvAssignment[] {
  const word = expressionWord(text);
  const placeOf = places.textPlaces(path);
  return pairsOf(places, path, word).map((pair) => ({
    key: pair.key,
    value: isUnknown(pair.value) ? { known: false, writtenAs: shownText(pair.value, word) } : { known: true, text: pair.value },
    at: placeOf(word.offsets[pair.keyAt] ?? 0),
  }));
}

function secretPairs(places: YamlPlaces, path: YamlPath, text: string): SecretAssignment[] {
  const word = expressionWord(text);
  const placeOf = places.textPlaces(path);
  return pairsOf(places, path, word).map((pair) => secretAssignment(pair.key, pair.value, placeOf(word.offsets[pair.keyAt] ?? 0), word, 'secrets'));
}

function pairsOf(places: YamlPlaces, path: YamlPath, word: ReturnType<typeof expressionWord>) {
  try {
    const pairs = parseActionPairs(word);
    const unknownKey = pairs.find((pair) => isUnknown(pair.key));
    if (unknownKey) throw new Error(`the key ${shownText(unknownKey.key, word)} is only known when the workflow runs; envdrift needs key names written out`);
    return pairs;
  } catch (error) {
    if (error instanceof StepProblem) throw error;
    throw new StepProblem(`with.${String(path[path.length - 1])}: ${(error as Error).message}`, places.place(path));
  }
}

/** `${{ env.NAME }}` resolved from the workflow's, job's and step's literal `env:`; any other expression is unknown. */
function resolveEnv(text: string, envs: Array<Record<string, string>>): Declared {
  const resolved = text.replace(/\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => {
    const value = [...envs].reverse().find((env) => env[name] !== undefined)?.[name];
    return value !== undefined && !value.includes('${{') ? value : whole;
  });
  return declaredInput(resolved);
}

function declaredInput(text: string): Declared {
  return text.includes('${{') ? { known: false, writtenAs: text } : { known: true, text };
}

function envOf(node: unknown): Record<string, string> {
  const env = (node as { env?: unknown } | null)?.env;
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return {};
  return Object.fromEntries(Object.entries(env).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)).map(([key, value]) => [key, String(value)]));
}
