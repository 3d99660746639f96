import { StepProblem, type Declared, type DeployStep, type EnvAssignment, type Place, type SecretAssignment } from './deploy-step.js';

const TYPES = ['google_cloud_run_v2_service', 'google_cloud_run_v2_job', 'google_cloud_run_service'] as const;
type Json = Record<string, unknown>;

/** Whether a JSON document is a plan as `terraform show -json PLAN` writes it. */
export function isTerraformPlan(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('resource_changes' in value || ('format_version' in value && 'planned_values' in value));
}

/**
 * The Cloud Run services and jobs a plan creates or updates, each with the whole env of its containers
 * (`change.after`): Terraform states the complete configuration, so a key it does not list is removed.
 * What `after_unknown` marks is known only when applying: unknown, never guessed.
 */
export function terraformSteps(plan: Json, file: string, text: string): DeployStep[] {
  const changes = plan.resource_changes;
  if (changes === undefined) return [];
  if (!Array.isArray(changes)) throw new StepProblem('resource_changes must be a list (is this the output of terraform show -json PLAN?)', { file, line: 1, column: 1 });
  const steps: DeployStep[] = [];
  for (const change of changes as Json[]) {
    const type = change.type as string;
    if (!(TYPES as readonly string[]).includes(type)) continue;
    const address = String(change.address ?? `${type}.${String(change.name)}`);
    const at = placeOfAddress(text, address, file);
    const body = (change.change ?? {}) as Json;
    const actions = Array.isArray(body.actions) ? (body.actions as string[]) : [];
    if (actions.length === 1 && actions[0] === 'delete') continue;
    const after = body.after as Json | null | undefined;
    if (!after || typeof after !== 'object') throw new StepProblem(`${address}: change.after is missing (is this the output of terraform show -json PLAN?)`, at);
    const unknown = (body.after_unknown ?? {}) as Json;
    steps.push(resourceStep(type, address, after, unknown, at));
  }
  return steps;
}

function resourceStep(type: string, address: string, after: Json, unknown: Json, at: Place): DeployStep {
  const v1 = type === 'google_cloud_run_service';
  const metadata = v1 ? (first(after.metadata) ?? {}) : {};
  const containersAt: string[] = type === 'google_cloud_run_v2_job' ? ['template', 'template', 'containers'] : v1 ? ['template', 'spec', 'containers'] : ['template', 'containers'];
  const containers = dig(after, containersAt);
  const unknownContainers = dig(unknown, containersAt);
  const env: EnvAssignment[] = [];
  const secrets: SecretAssignment[] = [];
  let unknownKeys: string | undefined;
  if (unknownContainers === true) unknownKeys = `${address}: the containers are known only after apply`;
  const container = Array.isArray(containers) ? (containers[0] as Json | undefined) : undefined;
  const unknownContainer = Array.isArray(unknownContainers) ? (unknownContainers[0] as Json | boolean | undefined) : undefined;
  const unknownEnv = typeof unknownContainer === 'object' ? unknownContainer.env : unknownContainer;
  if (unknownEnv === true) unknownKeys = `${address}: its env is known only after apply`;
  const variables = Array.isArray(container?.env) ? (container.env as Json[]) : [];
  variables.forEach((variable, index) => {
    const unknownVariable = Array.isArray(unknownEnv) ? (unknownEnv[index] as Json | boolean | undefined) : undefined;
    const key = variable.name;
    if (typeof key !== 'string') {
      unknownKeys = `${address}: the name of env[${index}] is known only after apply`;
      return;
    }
    const reference = v1 ? first(first(variable.value_from)?.secret_key_ref) : first(first(variable.value_source)?.secret_key_ref);
    if (reference) {
      const secret = v1 ? reference.name : reference.secret;
      const version = v1 ? reference.key : reference.version;
      secrets.push({ key, secret: typeof secret === 'string' ? { known: true, text: secret } : { known: false, writtenAs: '(known after apply)' }, version: typeof version === 'string' && version !== '' ? version : 'latest', at });
      return;
    }
    const valueUnknown = unknownVariable === true || (typeof unknownVariable === 'object' && unknownVariable?.value === true);
    const value: Declared = valueUnknown || (variable.value !== undefined && typeof variable.value !== 'string' && variable.value !== null) ? { known: false, writtenAs: '(known after apply)' } : { known: true, text: (variable.value as string | null) ?? '' };
    env.push({ key, value, at });
  });
  const name = after.name;
  const project = v1 ? (metadata.namespace ?? after.project) : after.project;
  const region = after.location;
  return {
    at,
    label: address,
    resource: type === 'google_cloud_run_v2_job' ? 'job' : 'service',
    name: typeof name === 'string' ? { known: true, text: name } : { known: false, writtenAs: `${address}.name (known after apply)` },
    ...(typeof project === 'string' && { project: { known: true, text: project } }),
    ...(typeof region === 'string' && { region: { known: true, text: region } }),
    changes: [
      { kind: 'env', clear: true, clearAt: at, removes: [], updates: env, ...(unknownKeys !== undefined && { unknownKeys }) },
      { kind: 'secrets', clear: true, clearAt: at, removes: [], updates: secrets, ...(unknownKeys !== undefined && { unknownKeys }) },
    ],
    complete: true,
  };
}

/** Terraform writes nested blocks as lists of one object. */
function first(value: unknown): Json | undefined {
  return Array.isArray(value) ? (value[0] as Json | undefined) : undefined;
}

function dig(value: unknown, path: readonly string[]): unknown {
  let node: unknown = value;
  for (const step of path) {
    if (node === true) return true;
    const list = Array.isArray(node) ? node[0] : node;
    if (typeof list !== 'object' || list === null) return undefined;
    node = (list as Json)[step];
  }
  return node;
}

/** The resource's `"address"` in the plan's text, so the finding points at the resource change. */
function placeOfAddress(text: string, address: string, file: string): Place {
  const match = new RegExp(`"address"\\s*:\\s*${JSON.stringify(address).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(text);
  const offset = match?.index ?? 0;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { file, line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
