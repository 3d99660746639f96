import type { Inventory } from '../model/inventory.js';
import { collectInventory } from '../sources/collect-inventory.js';
import type { PreparedRun, RunRequest } from './prepare-run.js';

/**
 * `diff --deploy`: what runs now, and what the deploy declarations `files` will leave running, from one reading
 * of the sources (each service, secret version and policy is asked for once, whichever side needs it).
 */
export async function readDeploySides(request: RunRequest, run: PreparedRun, files: readonly string[]): Promise<{ now: Inventory; deployed: Inventory }> {
  // Loaded only for a deploy: every check pays the CLI's cold start.
  const { planDeploys } = await import('../sources/deploy/deploy-targets.js');
  const { deployBeside } = await import('../sources/deploy/deploy-beside.js');
  // Read (and rejected, if malformed) before any source is.
  const plan = planDeploys(files, request.cwd, run.config, run.shownName);
  const beside = deployBeside();
  const inventory = await collectInventory(run.config, {
    describer: run.describer,
    shownName: run.shownName,
    deploys: { applications: plan.applications, apply: beside.apply },
    ...(request.gcp && { gcp: { ...request.gcp, needsValue: run.needsValue } }),
  });
  return beside.split(inventory);
}
