import type { EnvdriftConfig } from '../config/config-types.js';

/** Where each service is declared in the config file, keyed `environment/service` (see ReportContext). */
export function serviceLines(config: EnvdriftConfig): Record<string, number> {
  return Object.fromEntries(
    config.environments.flatMap((environment) => environment.services.map((service) => [`${environment.name}/${service.name}`, service.declaredAt.line])),
  );
}
