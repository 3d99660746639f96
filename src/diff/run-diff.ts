import { resolve } from 'node:path';
import { prepareRun, readInventory, type RunRequest, type PreparedRun } from '../pipeline/prepare-run.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError } from '../files/user-error.js';
import { readUserFile } from '../files/read-user-file.js';
import { applySuppressions } from '../engine/apply-suppressions.js';
import { evaluate } from '../engine/evaluate.js';
import type { SuppressionEntry } from '../model/suppression.js';
import { loadRunSuppressions } from '../pipeline/run-suppressions.js';
import type { ConfigVariant, Inventory, ServiceInventory } from '../model/inventory.js';
import { inventoryFromSnapshot } from '../sources/snapshot/snapshot-file.js';
import { compareVariants } from './compare-variants.js';
import type { DiffOperand } from './diff-operand.js';
import type { DiffReport, ServiceDiff } from '../model/diff-report.js';

/** Where a side's data comes from: the configured sources (read once) or a snapshot file. */
interface Side {
  operand: DiffOperand;
  inventory: Inventory;
  /** Identifies the fingerprint key the side's values were made with. */
  keyId: string;
  /** Rules with findings on a key of one configuration of a service, apart by whether a suppression accepts them. */
  rulesOn: (environment: string, service: string, variant: string, key: string) => RulesOnKey;
}

/** Rule ids with findings on one key: standing, and accepted by the suppression file. */
interface RulesOnKey {
  broken: string[];
  suppressed: string[];
}

/** One service's chosen configuration on one side. */
interface Picked {
  service: string;
  label: string;
  variant?: ConfigVariant;
  unreadable?: string;
}

export interface DiffRequest extends RunRequest {
  a: DiffOperand;
  b: DiffOperand;
  mapping: Map<string, string>;
  /** A configuration to stand in for side B: a manifest about to be deployed, compared with A as deployed now. */
  replaceB?: { variant: ConfigVariant; label: string };
  /** Deploy declarations (`diff --deploy`): side B is side A with them applied, read in the same pass as A. */
  deploy?: { files: string[]; label: string };
}

/**
 * Compares two configuration sets — two services, two environments, a service now and in a snapshot, two
 * snapshots, two revisions, a `.env` file and the deployed service it feeds — and notes which differences
 * break a rule. Values are compared by fingerprint; a value of a sensitive key is never shown.
 */
export async function runDiff(input: DiffRequest): Promise<DiffReport> {
  // Only the environments the live operands name are read: a diff of two staging services does not wait for
  // production (or need access to it).
  const liveEnvironments = [input.a, input.b].filter((operand) => !operand.snapshot).map((operand) => operand.environment);
  const request = input.environments?.length ? input : { ...input, environments: [...new Set(liveEnvironments)] };
  const prepared = prepareRun(request);
  // A diff compares values, so secrets behind any key are read (once per version, as for a check).
  const run: PreparedRun = { ...prepared, needsValue: () => true };
  // What a check accepts, a diff marks as accepted too: a suppressed rule break is not a new problem.
  const suppressions = loadRunSuppressions(request, run);
  const deploySides = request.deploy && lazy(async () => (await import('../pipeline/read-deploy-sides.js')).readDeploySides(request, run, request.deploy!.files));
  const live = lazy(async () => sideFromInventory(deploySides ? (await deploySides()).now : await readInventory(request, run), run, suppressions));
  const sideOf = async (operand: DiffOperand): Promise<Side> => {
    if (!operand.snapshot) return { ...(await live()), operand };
    const file = resolve(request.cwd, operand.snapshot);
    const { inventory, document } = inventoryFromSnapshot(readUserFile(file, 'snapshot'), run.shownName(file), run.describer, run.config);
    return { ...sideFromInventory(inventory, run, suppressions), keyId: document.fingerprintKeyId, operand };
  };
  const a = await sideOf(request.a);
  // With a manifest, side B is the live inventory with the manifest in the service's place, so the rules
  // say what the deploy would break (a dropped AUTH_SERVICE_URL fails `require` on B).
  const b = request.replaceB
    ? { ...sideFromInventory(withVariant(a.inventory, request.a, request.replaceB.variant), run, suppressions), operand: request.b }
    : deploySides
      ? { ...sideFromInventory((await deploySides()).deployed, run, suppressions), operand: request.b }
      : await sideOf(request.b);
  if ((a.operand.service === undefined) !== (b.operand.service === undefined)) {
    throw new UserError(`compare a service with a service or an environment with an environment; got '${a.operand.text}' and '${b.operand.text}'`);
  }

  const pickedA = pick(a);
  const pickedB = request.replaceB ? [{ service: request.a.service!, label: request.replaceB.label, variant: request.replaceB.variant }] : pick(b);
  const pairs = a.operand.service ? [[pickedA[0], pickedB[0]] as const] : pairByService(pickedA, pickedB);
  const fingerprintsComparable = a.keyId === b.keyId;
  return {
    a: a.operand.text,
    b: request.replaceB?.label ?? request.deploy?.label ?? b.operand.text,
    services: pairs.map(([left, right]) => compareServices(left, right, a, b, request.mapping, fingerprintsComparable)),
  };
}

function compareServices(left: Picked | undefined, right: Picked | undefined, a: Side, b: Side, mapping: Map<string, string>, fingerprintsComparable: boolean): ServiceDiff {
  const labelA = left?.label ?? `${a.operand.environment}/${right!.service} (not declared)`;
  const labelB = right?.label ?? `${b.operand.environment}/${left!.service} (not declared)`;
  const unreadable = [left?.unreadable && `A: ${left.unreadable}`, right?.unreadable && `B: ${right.unreadable}`].filter(Boolean).join('; ');
  if (unreadable) return { labelA, labelB, keys: [], unreadable };
  const empty: ConfigVariant = { name: 'none', origin: { kind: 'file', file: '(not declared)' }, entries: [] };
  const keys = compareVariants(left?.variant ?? empty, right?.variant ?? empty, {
    mapping,
    fingerprintsComparable,
    rulesOnA: (key) => (left?.variant ? a.rulesOn(a.operand.environment, left.service, left.variant.name, key) : NO_RULES),
    rulesOnB: (key) => (right?.variant ? b.rulesOn(b.operand.environment, right.service, right.variant.name, key) : NO_RULES),
  });
  return { labelA, labelB, keys };
}

/** The configuration(s) an operand names: one service, or every service of an environment. */
function pick(side: Side): Picked[] {
  const { operand, inventory } = side;
  const environment = inventory.environments.find((candidate) => candidate.name === operand.environment);
  const where = operand.snapshot ? ` in ${operand.snapshot}` : '';
  if (!environment) {
    const names = inventory.environments.map((candidate) => candidate.name);
    throw new UserError(`${operand.text}: no environment '${operand.environment}'${where}${suggestionSuffix(operand.environment, names)}; declared: ${names.join(', ')}`);
  }
  const services = operand.service ? environment.services.filter((service) => service.name === operand.service) : environment.services;
  if (operand.service && services.length === 0) {
    const names = environment.services.map((service) => service.name);
    throw new UserError(`${operand.text}: no service '${operand.service}' in ${environment.name}${where}${suggestionSuffix(operand.service, names)}; declared: ${names.join(', ')}`);
  }
  return services.map((service) => pickVariant(service, operand));
}

/** The variant an operand means: the one it names, else the template (what is deployed next), else the only one. */
function pickVariant(service: ServiceInventory, operand: DiffOperand): Picked {
  const base = `${operand.snapshot ? `${operand.snapshot}:` : ''}${operand.environment}/${service.name}`;
  if (service.unreadable !== undefined) return { service: service.name, label: base, unreadable: service.unreadable };
  const wanted = operand.variant;
  const variant = wanted
    ? service.variants.find((candidate) => candidate.name === wanted || candidate.name === `revision ${wanted}` || candidate.name.startsWith(`${wanted} in `))
    : (service.variants.find((candidate) => candidate.name.startsWith('template')) ?? service.variants[0]);
  if (!variant) {
    const names = service.variants.map((candidate) => candidate.name.replace(/^revision /, ''));
    if (wanted) throw new UserError(`${operand.text}: ${service.name} has no configuration '${wanted}'${suggestionSuffix(wanted, names)}; it has: ${names.join(', ') || '(none)'}`);
    return { service: service.name, label: base, unreadable: `${base} has no configuration (not deployed?)` };
  }
  return { service: service.name, label: `${base} (${variant.name})`, variant };
}

function pairByService(left: Picked[], right: Picked[]): Array<readonly [Picked | undefined, Picked | undefined]> {
  const names = [...new Set([...left.map((item) => item.service), ...right.map((item) => item.service)])];
  return names.map((name) => [left.find((item) => item.service === name), right.find((item) => item.service === name)] as const);
}

const NO_RULES: RulesOnKey = { broken: [], suppressed: [] };

function sideFromInventory(inventory: Inventory, run: PreparedRun, suppressions: readonly SuppressionEntry[]): Omit<Side, 'operand'> {
  const evaluated = evaluate(run.rules, inventory, { isSensitiveKey: run.isSensitiveKey, severities: run.severities });
  const report = applySuppressions(evaluated, suppressions, run.declared.environments.map((environment) => environment.name));
  const byPlace = new Map<string, { broken: Set<string>; suppressed: Set<string> }>();
  // A finding without a variant (a source problem) belongs to every configuration of its service.
  const placeOf = (environment: string, service: string, variant: string, key: string) => [environment, service, variant, key].join('\u0000');
  for (const finding of report.findings) {
    if (!finding.key) continue;
    const place = placeOf(finding.environment ?? '', finding.service ?? '', finding.variant ?? '*', finding.key);
    const rules = byPlace.get(place) ?? { broken: new Set<string>(), suppressed: new Set<string>() };
    (finding.suppressed ? rules.suppressed : rules.broken).add(finding.ruleId);
    byPlace.set(place, rules);
  }
  const rulesOn = (environment: string, service: string, variant: string, key: string): RulesOnKey => {
    const places = [byPlace.get(placeOf(environment, service, variant, key)), byPlace.get(placeOf(environment, service, '*', key))];
    const broken = new Set(places.flatMap((rules) => [...(rules?.broken ?? [])]));
    // A rule that is broken here by one finding and accepted for another still breaks: it is listed once, as broken.
    const suppressed = places.flatMap((rules) => [...(rules?.suppressed ?? [])]).filter((rule) => !broken.has(rule));
    return { broken: [...broken], suppressed: [...new Set(suppressed)] };
  };
  return { inventory, keyId: run.describer.keyId, rulesOn };
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** The inventory with one service's configurations replaced by a single variant. */
function withVariant(inventory: Inventory, operand: DiffOperand, variant: ConfigVariant): Inventory {
  return {
    ...inventory,
    environments: inventory.environments.map((environment) =>
      environment.name !== operand.environment
        ? environment
        : { ...environment, services: environment.services.map((service) => (service.name === operand.service ? { ...service, variants: [variant], problems: [] } : service)) },
    ),
  };
}
