import { resolve } from 'node:path';
import type { EnvdriftConfig } from '../config/config-types.js';
import type { ValueDescriber } from '../fingerprints/describe-value.js';
import type { Inventory } from '../model/inventory.js';
import type { CollectOptions } from '../sources/collect-inventory.js';

/** `init --deploy FILE`: the deploy declarations applied over what init reads, as `check --deploy` applies them. */
export interface InitDeploys {
  /** For `collectInventory`: applied after the sources are read, before secret references are resolved. */
  collect: NonNullable<CollectOptions['deploys']>;
  /** For a snapshot, which cannot be asked for more. */
  applyToSnapshot: (inventory: Inventory, describer: ValueDescriber) => void;
  /** For the written files' headers. */
  source: string;
  notices: string[];
}

/**
 * Reads the `--deploy` files and matches their steps to the services of `config`; a malformed file is exit 2
 * before anything else is read. With no config yet (flags mode), call it with the flags' config once the
 * services are known, and first with no environments to reject a bad file before any Google call.
 */
export async function planInitDeploys(files: readonly string[], cwd: string, config: EnvdriftConfig, shownName: (file: string) => string): Promise<InitDeploys | undefined> {
  if (files.length === 0) return undefined;
  // Loaded only when given: every init pays the CLI's cold start.
  const { applyDeploys, planDeploys, resolveDeploySecretsFromInventory } = await import('../sources/deploy/deploy-targets.js');
  const plan = planDeploys(files, cwd, config, shownName);
  const targets = plan.applications.map((application) => `${application.environment}/${application.service}`);
  return {
    collect: { applications: plan.applications, apply: applyDeploys },
    applyToSnapshot: (inventory, describer) => {
      for (const environment of inventory.environments) applyDeploys(environment, plan.applications, describer);
      resolveDeploySecretsFromInventory(inventory, plan.applications);
    },
    source: `deploy declarations ${files.map((file) => shownName(resolve(cwd, file))).join(', ')}, applied over ${targets.length > 0 ? targets.join(', ') : 'nothing (no step matched a service)'}`,
    notices: plan.notices,
  };
}
