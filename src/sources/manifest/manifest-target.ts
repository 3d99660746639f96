import type { EnvdriftConfig } from '../../config/config-types.js';
import { UserError } from '../../files/user-error.js';
import { suggestionSuffix } from '../../files/did-you-mean.js';

/** The environment and service a manifest stands for (`--as staging/backend`), checked against the config. */
export interface ManifestTarget {
  environment: string;
  service: string;
  /** The service's project in envdrift.yaml, for manifests without `metadata.namespace`. */
  project?: string;
  /** The Cloud Run service name envdrift.yaml gives the service, when it reads it from Cloud Run. */
  cloudRunName?: string;
}

/**
 * Resolves `--as ENV/SERVICE`. Names are checked against every declared environment (with a did-you-mean),
 * then against the ones `--env` selected. A service the config does not declare is accepted only where
 * services are also discovered through Cloud Run labels.
 */
export function manifestTarget(as: string, declared: EnvdriftConfig, selected: EnvdriftConfig): ManifestTarget {
  const parts = /^([^/\s]+)\/([^/\s]+)$/.exec(as.trim());
  if (!parts) throw new UserError(`--as ${as}: expected ENVIRONMENT/SERVICE, for example --as staging/backend`);
  const [, environmentName, serviceName] = parts as unknown as [string, string, string];
  const environmentNames = declared.environments.map((environment) => environment.name);
  const environment = declared.environments.find((candidate) => candidate.name === environmentName);
  if (!environment) {
    throw new UserError(`--as ${as}: no environment ${environmentName}${suggestionSuffix(environmentName, environmentNames)}; declared: ${environmentNames.join(', ')}`);
  }
  if (!selected.environments.some((candidate) => candidate.name === environmentName)) {
    throw new UserError(`--as ${as}: environment ${environmentName} is not among those selected with --env (${selected.environments.map((candidate) => candidate.name).join(', ')})`);
  }
  const serviceNames = environment.services.map((service) => service.name);
  const service = environment.services.find((candidate) => candidate.name === serviceName);
  if (!service && environment.cloudrun?.labels === undefined) {
    throw new UserError(`--as ${as}: environment ${environmentName} declares no service ${serviceName}${suggestionSuffix(serviceName, serviceNames)}; declared: ${serviceNames.join(', ') || 'none'}`);
  }
  const cloudRun = service?.sources.find((source) => source.type === 'cloudrun');
  const project = cloudRun?.project ?? environment.cloudrun?.project;
  return {
    environment: environmentName,
    service: serviceName,
    ...(project !== undefined && { project }),
    ...(cloudRun !== undefined && { cloudRunName: cloudRun.serviceName }),
  };
}
