import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { ConfigVariant, EnvironmentInventory, Inventory, ServiceInventory, SourceProblem } from '../../model/inventory.js';
import { applyDeploySteps } from './apply-deploy.js';
import type { DeployApplication } from './deploy-targets.js';

/** What the deploy steps leave of one service, kept until the inventory is split. */
interface DeployedService {
  environment: string;
  service: string;
  /** The deploy's variant, added to the service beside what runs now. */
  variant: string;
  /** How many problems the service had before the deploy: later ones come from resolving secrets. */
  problemsBefore: number;
  problems: SourceProblem[];
  unreadable?: string;
}

/** The inventory as it runs now, and with the deploy steps applied to the services they target. */
export interface DeploySides {
  now: Inventory;
  deployed: Inventory;
}

export interface DeployBeside {
  /** For `collectInventory`'s `deploys.apply`: adds what each deploy leaves running as one more variant of its service. */
  apply: (environment: EnvironmentInventory, applications: DeployApplication[], describer: ValueDescriber) => void;
  split: (inventory: Inventory) => DeploySides;
}

/**
 * `diff --deploy` needs both what runs now and what the deploy leaves running, from one reading: the result of
 * each deploy is kept beside the service's own configurations while the sources resolve secrets (so a version
 * both sides reference is read once, and a value is described under the service's real name, as the `equals`
 * and `reference` probes expect), then the two are split apart.
 */
export function deployBeside(): DeployBeside {
  const kept: DeployedService[] = [];
  const apply: DeployBeside['apply'] = (environment, applications, describer) => {
    for (const application of applications.filter((candidate) => candidate.environment === environment.name)) {
      let service = environment.services.find((candidate) => candidate.name === application.service);
      if (!service) {
        service = { name: application.service, urls: [], variants: [], problems: [] };
        environment.services.push(service);
      }
      const result: ServiceInventory = { ...service, variants: [...service.variants], problems: [] };
      applyDeploySteps(result, application.steps, { environment: environment.name, service: application.service }, describer, application.project);
      const variant = result.variants[0]!;
      service.variants.push(variant);
      kept.push({ environment: environment.name, service: service.name, variant: variant.name, problemsBefore: service.problems.length, problems: result.problems, ...(result.unreadable !== undefined && { unreadable: result.unreadable }) });
    }
  };
  const split: DeployBeside['split'] = (inventory) => {
    const side = (pick: (service: ServiceInventory, deployed: DeployedService) => ServiceInventory): Inventory => ({
      ...inventory,
      environments: inventory.environments.map((environment) => ({
        ...environment,
        services: environment.services.map((service) => {
          const deployed = kept.find((candidate) => candidate.environment === environment.name && candidate.service === service.name);
          return deployed ? pick(service, deployed) : service;
        }),
      })),
    });
    return { now: side(nowOf), deployed: side(deployedOf) };
  };
  return { apply, split };
}

function nowOf(service: ServiceInventory, deployed: DeployedService): ServiceInventory {
  const variants = service.variants.filter((variant) => variant.name !== deployed.variant);
  const problems = [...service.problems.slice(0, deployed.problemsBefore), ...resolutionProblems(service, deployed, variants)];
  const unchecked = service.unchecked?.filter((item) => item.variant !== deployed.variant);
  return { ...service, variants, problems, ...(unchecked && { unchecked }) };
}

function deployedOf(service: ServiceInventory, deployed: DeployedService): ServiceInventory {
  const variants = service.variants.filter((variant) => variant.name === deployed.variant);
  const problems = [...deployed.problems, ...resolutionProblems(service, deployed, variants)];
  const unchecked = service.unchecked?.filter((item) => item.variant === undefined || item.variant === deployed.variant);
  const { unreadable: _now, ...rest } = service;
  return { ...rest, variants, problems, ...(unchecked && { unchecked }), ...(deployed.unreadable !== undefined && { unreadable: deployed.unreadable }) };
}

/**
 * Problems found while resolving secret references (a disabled version, say) belong to the side whose entry
 * they are about; an entry the deploy keeps is on both sides, and so is its problem (once each).
 */
function resolutionProblems(service: ServiceInventory, deployed: DeployedService, variants: readonly ConfigVariant[]): SourceProblem[] {
  const ofEntry = (problem: SourceProblem) => variants.some((variant) => variant.entries.some((entry) => entry.key === problem.key && JSON.stringify(entry.origin) === JSON.stringify(problem.origin)));
  const seen = new Set<string>();
  return service.problems.slice(deployed.problemsBefore).filter((problem) => {
    const identity = JSON.stringify(problem);
    if (!ofEntry(problem) || seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
