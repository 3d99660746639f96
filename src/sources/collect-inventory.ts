import type { EnvdriftConfig } from '../config/config-types.js';
import type { ValueDescriber } from '../inventory/describe-value.js';
import type { EnvironmentInventory, Inventory, ServiceInventory } from '../inventory/types.js';
import { readDotenvFiles } from './dotenv-source.js';

export interface CollectOptions {
  describer: ValueDescriber;
  /** How file paths appear in findings (relative to where the user ran envdrift). */
  shownName: (file: string) => string;
}

/**
 * Reads every configured source into the Inventory. Async so that network sources (Cloud Run, Secret
 * Manager) fit the same shape; a source that cannot read something records why instead of failing the run.
 */
export async function collectInventory(config: EnvdriftConfig, options: CollectOptions): Promise<Inventory> {
  const environments: EnvironmentInventory[] = config.environments.map((environment) => ({
    name: environment.name,
    production: environment.production,
    services: environment.services.map((service): ServiceInventory => {
      const inventory: ServiceInventory = { name: service.name, urls: service.urls, variants: [], problems: [] };
      if (service.sources.length === 0) {
        inventory.unreadable = `no configuration source is declared for ${service.name} in ${environment.name}`;
        return inventory;
      }
      for (const source of service.sources) {
        if (source.type !== 'dotenv') {
          inventory.unreadable = `the ${source.type} source is not available yet`;
          continue;
        }
        const reading = readDotenvFiles(source.files, options.shownName, { environment: environment.name, service: service.name }, options.describer);
        inventory.problems.push(...reading.problems);
        if (reading.unreadable !== undefined) inventory.unreadable = reading.unreadable;
        else if (reading.variant) inventory.variants.push(reading.variant);
      }
      return inventory;
    }),
  }));
  return { environments };
}
