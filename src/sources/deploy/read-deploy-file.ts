import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { UserError } from '../../files/user-error.js';
import { readUserFile } from '../../files/read-user-file.js';
import { cloudBuildSteps, isCloudBuild } from './cloud-build.js';
import type { EnvVarsFileReader } from './env-flags.js';
import { gcloudRunSteps } from './gcloud-run-command.js';
import { isWorkflow, workflowSteps } from './github-workflow.js';
import { isTerraformPlan, terraformSteps } from './terraform-plan.js';
import { parseYamlPlaces } from './yaml-places.js';
import { StepProblem, type DeployStep, type EnvAssignment, type Place } from './deploy-step.js';

export type DeployFileKind = 'github-workflow' | 'cloud-build' | 'terraform-plan' | 'shell-script';

export interface DeployFile {
  kind: DeployFileKind;
  steps: DeployStep[];
}

/**
 * Reads a deploy declaration, recognised by its content: a Terraform plan (`terraform show -json`), a GitHub
 * Actions workflow (`jobs:`), a Cloud Build config (`steps:`), or else a shell script. `file` is absolute,
 * `shownName` how messages name it. What cannot be read is a `UserError` with file:line:column (exit 2).
 */
export function readDeployFile(file: string, shownName: string, cwd: string): DeployFile {
  let text: string;
  try {
    text = readUserFile(file, '--deploy');
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.message.replace(file, shownName));
    throw error;
  }
  try {
    return recognise(text, file, shownName, cwd);
  } catch (error) {
    if (error instanceof StepProblem) {
      throw new UserError(`${shownName} cannot be read as a deploy declaration`, [{ ...error.place, message: error.message }]);
    }
    throw error;
  }
}

function recognise(text: string, file: string, shownName: string, cwd: string): DeployFile {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let plan: unknown;
    try {
      plan = JSON.parse(text);
    } catch (error) {
      throw new StepProblem("invalid JSON: expected the output of terraform show -json PLAN", jsonErrorPlace(text, error as Error, shownName));
    }
    if (!isTerraformPlan(plan)) throw new StepProblem('a JSON file, but not a Terraform plan: expected the output of terraform show -json PLAN (with resource_changes)', { file: shownName, line: 1, column: 1 });
    return { kind: 'terraform-plan', steps: terraformSteps(plan as Record<string, unknown>, shownName, text) };
  }
  const baseDir = repositoryRoot(file) ?? cwd;
  const readEnvVarsFile = envVarsFileReader(baseDir, cwd);
  const shell = () => ({ kind: 'shell-script' as const, steps: gcloudRunSteps(text, { place: textPlace(text, shownName), readEnvVarsFile }) });
  if (trimmed.startsWith('#!') || /\.(sh|bash)$/.test(file)) return shell();
  let places;
  try {
    places = parseYamlPlaces(shownName, text);
  } catch (error) {
    // Not YAML at all: a script. YAML that is a mapping but broken is reported as the YAML error it is.
    if (error instanceof UserError && !/^\s*[A-Za-z_-]+\s*:/m.test(text.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? '')) return shell();
    throw error;
  }
  const value = places.yaml.value;
  if (isWorkflow(value)) return { kind: 'github-workflow', steps: workflowSteps(places, readEnvVarsFile) };
  if (isCloudBuild(value)) return { kind: 'cloud-build', steps: cloudBuildSteps(places, readEnvVarsFile) };
  if (value !== null && typeof value === 'object') {
    throw new StepProblem('not a deploy declaration envdrift knows: expected a GitHub Actions workflow (jobs:), a Cloud Build config (steps:), a Terraform plan (terraform show -json) or a shell script', { file: shownName, line: 1, column: 1 });
  }
  return shell();
}

/** A workflow's paths (env_vars_file) are relative to the repository it lives in. */
function repositoryRoot(file: string): string | undefined {
  const marker = `${sep}.github${sep}workflows${sep}`;
  const at = file.lastIndexOf(marker);
  return at >= 0 ? file.slice(0, at) : undefined;
}

/** Reads `--env-vars-file` / `env_vars_file`: a YAML mapping of names to values, as gcloud takes it. */
function envVarsFileReader(baseDir: string, cwd: string): EnvVarsFileReader {
  return (path, at) => {
    if (!path.known) return { unknown: `the env vars file is named by ${path.writtenAs}, known only when the pipeline runs` };
    const file = resolve(baseDir, path.text);
    if (!existsSync(file)) return { unknown: `the env vars file ${path.text} does not exist (looked in ${dirname(file)})` };
    const shown = file.startsWith(cwd + sep) ? file.slice(cwd.length + 1) : file;
    const places = parseYamlPlaces(shown, readUserFile(file, 'env vars file'));
    const value = places.yaml.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new StepProblem(`${path.text} must be a YAML mapping of env var names to values`, at);
    return {
      assignments: Object.entries(value as Record<string, unknown>).map(([key, raw]): EnvAssignment => {
        if (raw !== null && typeof raw === 'object') throw new StepProblem(`${key} must be text`, places.place([key]));
        return { key, value: { known: true, text: raw === null ? '' : String(raw) }, at: places.place([key], 'key') };
      }),
    };
  };
}

function textPlace(text: string, file: string): (offset: number) => Place {
  return (offset) => {
    const before = text.slice(0, offset);
    return { file, line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
}

function jsonErrorPlace(text: string, error: Error, file: string): Place {
  const position = /position (\d+)/.exec(error.message);
  return textPlace(text, file)(position ? Number(position[1]) : text.length);
}
