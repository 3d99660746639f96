import { resolve } from 'node:path';
import { prepareRun, restrictEnvironments, type RunRequest } from '../pipeline/prepare-run.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError } from '../files/user-error.js';
import { parseOperand, type DiffOperand } from './diff-operand.js';

/** Side A of `diff --deploy`: a deployed service the declarations change; side B is it with them applied. */
export interface DeployOperand {
  operand: DiffOperand;
  /** How side B is named: the declaration files. */
  label: string;
  /** Steps that were not compared (a job, a service named by an expansion), said rather than dropped. */
  notices: string[];
}

/**
 * Finds the service `diff --deploy` compares: the one A names (which a step must deploy), or else the only one
 * the files deploy. A file that deploys several services needs A to choose; the message lists them.
 */
export async function deployOperand(request: RunRequest, a: DiffOperand | undefined, files: readonly string[]): Promise<DeployOperand> {
  if (a && (!a.service || a.snapshot || a.variant)) {
    throw new UserError(`--deploy compares a deployed service with what the deploy leaves running: give ENV/SERVICE as A, got '${a.text}'`);
  }
  const run = prepareRun(request);
  const environments = run.config.environments.map((environment) => environment.name);
  if (a && !environments.includes(a.environment)) {
    throw new UserError(`${a.text}: no environment '${a.environment}'${suggestionSuffix(a.environment, environments)}; declared: ${environments.join(', ')}`);
  }
  const { planDeploys } = await import('../sources/deploy/deploy-targets.js');
  // With A given, only its environment is matched: a step without a project is then not ambiguous.
  const config = a ? restrictEnvironments(run.config, [a.environment]) : run.config;
  const plan = planDeploys(files, request.cwd, config, run.shownName);
  const shown = files.map((file) => run.shownName(resolve(request.cwd, file))).join(', ');
  const targets = [...new Set(plan.applications.map((application) => `${application.environment}/${application.service}`))];
  const label = `${shown} (deploy)`;
  const unmatched = plan.notices.length > 0 ? `\n${plan.notices.map((notice) => `  ${notice}`).join('\n')}` : '';
  if (a) {
    if (!targets.includes(`${a.environment}/${a.service}`)) {
      // Notes about steps of other environments would be wrong here (they were not matched against those).
      throw new UserError(`${shown} deploys nothing to ${a.text}; ${targets.length > 0 ? `in ${a.environment} it deploys ${targets.join(', ')}` : `it deploys no service of ${a.environment} that envdrift.yaml reads from Cloud Run`}`);
    }
    return { operand: a, label, notices: [] };
  }
  if (targets.length === 0) throw new UserError(`${shown} deploys no service envdrift.yaml reads from Cloud Run: nothing to compare${unmatched}`);
  if (targets.length > 1) {
    throw new UserError(`${shown} deploys ${targets.length} services (${targets.join(', ')}); name the one to compare as A, e.g. envdrift diff ${targets[0]} --deploy ${files[0]}`);
  }
  return { operand: parseOperand(targets[0]!), label, notices: plan.notices };
}
