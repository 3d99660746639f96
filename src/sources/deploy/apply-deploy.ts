import type { ValueDescriber, ValueLocation } from '../../fingerprints/describe-value.js';
import type { ConfigVariant, Entry, Origin, ServiceInventory, SourceProblem } from '../../model/inventory.js';
import type { DeployStep, EnvAssignment, Place, SecretAssignment } from './deploy-step.js';

const originAt = (place: Place): Origin => ({ kind: 'manifest', file: place.file, line: place.line, column: place.column });
const shownPlace = (place: Place) => `${place.file}:${place.line}:${place.column}`;

/**
 * Puts what the deploy steps will leave running in place of a service's configuration: each step applied, as
 * gcloud applies it, over the deployed template (or over the previous step). The result is the service's
 * only variant, so every rule judges it; what the deploy itself does wrong — drop deployed keys, turn a plain
 * key into a secret reference, write a secret in plain text — becomes a problem of its own.
 * `project` is the service's project in envdrift.yaml (short secret names resolve there).
 */
export function applyDeploySteps(service: ServiceInventory, steps: readonly DeployStep[], where: ValueLocation, describer: ValueDescriber, project: string | undefined): void {
  const template = service.variants.find((variant) => variant.name.startsWith('template'));
  const unreadable = service.unreadable;
  let entries: Entry[] = template ? [...template.entries] : [];
  let unknown: string | undefined;
  const problems: SourceProblem[] = [];
  for (const step of steps) {
    if (unreadable !== undefined && !step.complete) {
      unknown = `the deploy at ${shownPlace(step.at)} changes what runs now, which could not be read: ${unreadable}`;
      continue;
    }
    const keysUnknown = step.changes.find((change) => change.unknownKeys !== undefined)?.unknownKeys;
    if (keysUnknown !== undefined) {
      unknown = `${shownPlace(step.at)}: ${keysUnknown}`;
      continue;
    }
    const applied = applyStep(entries, step, where, describer, project ?? (step.project?.known ? step.project.text : undefined), problems);
    if (unreadable === undefined && unknown === undefined) reportDropped(entries, applied, step, service.name, problems);
    entries = applied;
  }
  const last = steps[steps.length - 1]!;
  const variant: ConfigVariant = { name: `deploy ${shownPlace(last.at)}`, origin: originAt(last.at), entries };
  service.variants = [variant];
  service.problems = problems;
  if (unknown !== undefined) service.unreadable = unknown;
  else delete service.unreadable;
}

/** One step over the entries before it: literal env vars first, then secrets, each clear → remove → update. */
function applyStep(before: Entry[], step: DeployStep, where: ValueLocation, describer: ValueDescriber, project: string | undefined, problems: SourceProblem[]): Entry[] {
  const containerOf = (entry: Entry) => (entry.origin.kind === 'cloudrun' ? entry.origin.container : undefined);
  const target = step.container ?? before.map(containerOf).find((name) => name !== undefined);
  const inTarget = (entry: Entry) => entry.origin.kind !== 'cloudrun' || target === undefined || containerOf(entry) === undefined || containerOf(entry) === target;
  let entries = [...before];
  for (const change of step.changes) {
    const isKind = (entry: Entry) => inTarget(entry) && (change.kind === 'env' ? entry.source.kind === 'literal' : entry.source.kind === 'secret');
    const removed = new Set(change.removes.map((removal) => removal.key));
    entries = entries.filter((entry) => !(isKind(entry) && (change.clear || removed.has(entry.key))));
    for (const update of change.updates) {
      const other = entries.find((entry) => inTarget(entry) && entry.key === update.key && !isKind(entry));
      if (other && !step.complete) {
        const from = other.source.kind === 'secret' ? 'a secret reference' : 'a plain value';
        const to = change.kind === 'secrets' ? 'a secret reference' : 'a plain value';
        problems.push({
          ruleId: 'envdrift/deploy-changes-key-type',
          severity: 'error',
          key: update.key,
          origin: originAt(update.at),
          message: `${step.label} turns ${update.key} from ${from} into ${to}; Cloud Run refuses this in one deploy ("Cannot update environment variable to different type")`,
          remediation: `Remove ${update.key} in one deploy (--remove-${other.source.kind === 'secret' ? 'secrets' : 'env-vars'}=${update.key}), then set it as ${to} in the next, or rename the key.`,
        });
      }
      entries = entries.filter((entry) => !(inTarget(entry) && entry.key === update.key));
      entries.push(change.kind === 'env' ? literalEntry(update as EnvAssignment, step, where, describer, problems) : secretEntry(update as SecretAssignment, project));
    }
  }
  return entries;
}

function literalEntry(assignment: EnvAssignment, step: DeployStep, where: ValueLocation, describer: ValueDescriber, problems: SourceProblem[]): Entry {
  const origin = originAt(assignment.at);
  if (!assignment.value.known) {
    return { key: assignment.key, origin, source: { kind: 'literal' }, unreadable: `set from ${assignment.value.writtenAs} at ${shownPlace(assignment.at)}: known only when the pipeline runs` };
  }
  const value = describer.describe(assignment.key, assignment.value.text, where);
  if (value.text === undefined && assignment.value.text !== '') {
    problems.push({
      ruleId: 'envdrift/plaintext-secret-in-deploy',
      severity: 'error',
      key: assignment.key,
      origin,
      message: `${assignment.key} is written in plain text in ${assignment.at.file} (${step.label}); everyone who can read the file has it`,
      remediation: `Store the value in Secret Manager and deploy it as a secret reference (--update-secrets=${assignment.key}=SECRET:latest), or pass it from the CI system's secrets; then rotate it, since it has been exposed.`,
    });
  }
  return { key: assignment.key, origin, source: { kind: 'literal' }, value };
}

function secretEntry(assignment: SecretAssignment, project: string | undefined): Entry {
  const origin = originAt(assignment.at);
  if (!assignment.secret.known) {
    return { key: assignment.key, origin, source: { kind: 'secret', secret: assignment.secret.writtenAs, version: assignment.version }, unreadable: `the secret is named by ${assignment.secret.writtenAs} at ${shownPlace(assignment.at)}: known only when the pipeline runs` };
  }
  return { key: assignment.key, origin, source: { kind: 'secret', secret: assignment.secret.text, version: assignment.version, ...(project !== undefined && { project }) } };
}

/** Keys deployed now that the step drops without naming them (by replacing the whole set): the ZERO-env-vars outage. */
function reportDropped(before: Entry[], after: Entry[], step: DeployStep, service: string, problems: SourceProblem[]): void {
  const named = new Set(step.changes.flatMap((change) => change.removes.map((removal) => removal.key)));
  const kept = new Set(after.map((entry) => entry.key));
  const dropped = [...new Set(before.map((entry) => entry.key))].filter((key) => !kept.has(key) && !named.has(key));
  if (dropped.length === 0) return;
  const place = step.changes.find((change) => change.clear && change.clearAt)?.clearAt ?? step.at;
  const shown = dropped.length > 8 ? `${dropped.slice(0, 8).join(', ')}, … (${dropped.length} keys)` : dropped.join(', ');
  problems.push({
    ruleId: 'envdrift/deploy-drops-keys',
    severity: 'error',
    origin: originAt(place),
    message: `this deploy removes ${shown} from ${service}: ${step.label} replaces the whole set instead of updating it`,
    remediation: 'Use --update-env-vars / --update-secrets (or the merge strategy of deploy-cloudrun), or list every key the service needs; remove a key on purpose with --remove-env-vars / --remove-secrets.',
  });
}
