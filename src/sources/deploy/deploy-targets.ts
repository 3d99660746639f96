import { resolve } from 'node:path';
import type { EnvdriftConfig } from '../../config/config-types.js';
import { UserError } from '../../files/user-error.js';
import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { Entry, EnvironmentInventory, Inventory } from '../../model/inventory.js';
import { applyDeploySteps } from './apply-deploy.js';
import type { DeployStep } from './deploy-step.js';
import { readDeployFile } from './read-deploy-file.js';

/** The deploy steps that target one configured service, in the order they run. */
export interface DeployApplication {
  environment: string;
  service: string;
  /** The service's project in envdrift.yaml. */
  project: string;
  steps: DeployStep[];
}

export interface DeployPlan {
  applications: DeployApplication[];
  /** Steps that target nothing envdrift.yaml reads from Cloud Run (said, never silently dropped). */
  notices: string[];
}

/**
 * Reads every `--deploy FILE` and matches each step to the configured service it deploys: by Cloud Run name
 * and project (and region, when both the step and envdrift.yaml say). Only the environments `config` selects
 * are considered. A step that could be either of two environments is refused (exit 2).
 */
export function planDeploys(paths: readonly string[], cwd: string, config: EnvdriftConfig, shownName: (file: string) => string): DeployPlan {
  const applications: DeployApplication[] = [];
  const notices: string[] = [];
  for (const path of paths) {
    const file = resolve(cwd, path);
    const read = readDeployFile(file, shownName(file), cwd);
    if (read.steps.length === 0) notices.push(`note: ${shownName(file)} (${read.kind}) deploys no Cloud Run service: nothing of it was checked`);
    for (const step of read.steps) {
      const where = `${step.at.file}:${step.at.line}:${step.at.column}`;
      if (step.resource === 'job') {
        notices.push(`note: ${where}: ${step.label} deploys a Cloud Run job; envdrift.yaml describes services, so it was not checked`);
        continue;
      }
      if (!step.name.known) {
        notices.push(`note: ${where}: ${step.label} deploys a service named by ${step.name.writtenAs}, known only when the pipeline runs; not checked`);
        continue;
      }
      const candidates = config.environments.flatMap((environment) =>
        environment.services.flatMap((service) =>
          service.sources.flatMap((source) => {
            if (source.type !== 'cloudrun' || source.serviceName !== (step.name.known && step.name.text)) return [];
            const project = source.project;
            if (step.project?.known && step.project.text !== project) return [];
            const regions = source.regions ?? environment.cloudrun?.regions;
            if (step.region?.known && regions && !step.region.text.split(',').some((region) => regions.includes(region.trim()))) return [];
            return [{ environment: environment.name, service: service.name, project }];
          }),
        ),
      );
      if (candidates.length === 0) {
        notices.push(`note: ${where}: ${step.label} deploys a service envdrift.yaml does not read from Cloud Run${step.project?.known ? ` in project ${step.project.text}` : ''}; not checked`);
        continue;
      }
      if (candidates.length > 1) {
        throw new UserError(`${shownName(file)} cannot be matched to one service`, [
          { ...step.at, message: `${step.label} could deploy ${candidates.map((candidate) => `${candidate.environment}/${candidate.service}`).join(' or ')}: its project is ${step.project ? step.project.known ? step.project.text : step.project.writtenAs : 'not given (gcloud\'s default)'}; write --project (or project_id) out, or check one environment with --env` },
        ]);
      }
      const target = candidates[0]!;
      const existing = applications.find((application) => application.environment === target.environment && application.service === target.service);
      if (existing) existing.steps.push(step);
      else applications.push({ ...target, steps: [step] });
    }
  }
  return { applications, notices };
}

/** Applies the deploys of one environment to its services (before secret references are resolved). */
export function applyDeploys(environment: EnvironmentInventory, applications: readonly DeployApplication[], describer: ValueDescriber): void {
  for (const application of applications.filter((candidate) => candidate.environment === environment.name)) {
    let service = environment.services.find((candidate) => candidate.name === application.service);
    if (!service) {
      service = { name: application.service, urls: [], variants: [], problems: [] };
      environment.services.push(service);
    }
    applyDeploySteps(service, application.steps, { environment: environment.name, service: application.service }, describer, application.project);
  }
}

/**
 * For a snapshot, which cannot be asked for more: a secret reference the deploy adds is resolved from the same
 * secret version elsewhere in the snapshot, or stays unreadable (its rules not evaluated).
 */
export function resolveDeploySecretsFromInventory(inventory: Inventory, applications: readonly DeployApplication[]): void {
  const known = inventory.environments.flatMap((environment) => environment.services.flatMap((service) => service.variants.flatMap((variant) => variant.entries)));
  const sameVersion = (entry: Entry, other: Entry) =>
    other.value !== undefined && entry.source.kind === 'secret' && other.source.kind === 'secret' && other.source.secret === entry.source.secret && other.source.version === entry.source.version && other.source.project === entry.source.project;
  for (const application of applications) {
    const service = inventory.environments.find((environment) => environment.name === application.environment)?.services.find((candidate) => candidate.name === application.service);
    for (const variant of service?.variants ?? []) {
      variant.entries = variant.entries.map((entry) => {
        if (entry.source.kind !== 'secret' || entry.value !== undefined || entry.unreadable !== undefined) return entry;
        const match = known.find((other) => sameVersion(entry, other));
        return match ? { ...entry, value: match.value!, source: match.source } : { ...entry, unreadable: 'a secret version the snapshot does not hold (check against what is deployed now to resolve it)' };
      });
    }
  }
}
