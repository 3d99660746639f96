/**
 * The shape of a generated organisation: which environments exist, which services each one runs, and the URLs
 * under which each service is reached. Both the generated `envdrift.yaml` and the generated inventory are
 * derived from this one description, so rules, config and inventory always agree on names.
 */

export interface EnvironmentShape {
  name: string;
  production: boolean;
}

export type ServiceRole = 'api' | 'web' | 'worker' | 'cron';

export interface ServiceShape {
  name: string;
  role: ServiceRole;
  team: string;
}

export interface WorkloadShape {
  environments: EnvironmentShape[];
  /** The same services run in every environment (so `distinct` and `match` have something to compare). */
  services: ServiceShape[];
  /** Total service inventories: environments × services. This is what the report counts as "services checked". */
  totalServices: number;
}

const ENVIRONMENTS: EnvironmentShape[] = [
  { name: 'dev', production: false },
  { name: 'staging', production: false },
  { name: 'prod-us', production: true },
  { name: 'prod-eu', production: true },
  { name: 'prod-asia', production: true },
];

const TEAMS = ['payments', 'billing', 'search', 'catalog', 'identity', 'notify', 'orders', 'shipping', 'analytics', 'reports', 'media', 'chat'];
const ROLES: ServiceRole[] = ['api', 'web', 'worker', 'cron'];

/** The services named in the generated rules (`match` members, `reference` targets); always present. */
export const CORE_SERVICES: ServiceShape[] = [
  { name: 'auth', role: 'api', team: 'identity' },
  { name: 'backend', role: 'api', team: 'platform' },
  { name: 'frontend', role: 'web', team: 'platform' },
  { name: 'gateway', role: 'api', team: 'platform' },
];

/**
 * `totalServices` service inventories spread over `environmentCount` environments (2–5). Service names are
 * sorted, as people keep them in a large config, so lookups by name do not get a lucky early hit.
 */
export function workloadShape(totalServices: number, environmentCount: number): WorkloadShape {
  if (environmentCount < 2 || environmentCount > ENVIRONMENTS.length) throw new Error(`environments must be 2..${ENVIRONMENTS.length}`);
  const perEnvironment = Math.max(CORE_SERVICES.length + TEAMS.length * ROLES.length, Math.round(totalServices / environmentCount));
  const services = [...CORE_SERVICES];
  for (let instance = 1; services.length < perEnvironment; instance++) {
    for (const team of TEAMS) {
      for (const role of ROLES) {
        if (services.length < perEnvironment) services.push({ name: `${team}-${role}-${instance}`, role, team });
      }
    }
  }
  services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { environments: environmentsFor(environmentCount), services, totalServices: services.length * environmentCount };
}

/** 2: staging + prod-us; 3: dev, staging, prod-us; 4: + prod-eu; 5: + prod-asia. */
function environmentsFor(count: number): EnvironmentShape[] {
  return count === 2 ? [ENVIRONMENTS[1]!, ENVIRONMENTS[2]!] : ENVIRONMENTS.slice(0, count);
}

export function serviceUrl(service: string, environment: string): string {
  return `https://${service}.${environment}.corp.example`;
}
