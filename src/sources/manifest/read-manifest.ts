import { UserError } from '../../files/user-error.js';
import { readUserFile } from '../../files/read-user-file.js';
import { parseYamlFile, type YamlPath } from '../../files/yaml-file.js';
import type { ValueDescriber, ValueLocation } from '../../fingerprints/describe-value.js';
import type { ConfigVariant, Origin } from '../../model/inventory.js';
import { checkKnativeService } from './check-knative-service.js';
import type { KnativeService } from './knative-service.js';
import { entriesOfManifest } from './manifest-entries.js';
import { ShapeCheck } from './shape-check.js';

/** What a manifest says about the service it deploys, besides its configuration. */
export interface ManifestReading {
  variant: ConfigVariant;
  /** `metadata.name`: the Cloud Run service the manifest deploys. */
  serviceName?: string;
  /** The project secrets without a project resolve in: `metadata.namespace`, else the one passed in. */
  project?: string;
  /** From the `cloud.googleapis.com/location` label, when the manifest has it. */
  region?: string;
}

/** The name of the variant a manifest becomes (as "template" names a deployed service's template). */
export const MANIFEST_VARIANT = 'manifest';

/**
 * Reads a Cloud Run service manifest — the Knative `Service` YAML that `gcloud run services describe
 * --format export` writes and `gcloud run services replace` deploys — into one configuration variant.
 *
 * `file` is read from disk; `shownName` is how findings and errors name it. Every value goes through
 * `describer` here, so no plain value leaves this function. `where` says which environment and service the
 * manifest stands for (for value probes). `project` is the service's project when `metadata.namespace`
 * does not say (from envdrift.yaml). A malformed manifest throws a `UserError` listing every problem with
 * its line and column (exit 2).
 */
export function readManifest(file: string, shownName: string, describer: ValueDescriber, where: ValueLocation, project?: string): ManifestReading {
  let text: string;
  try {
    text = readUserFile(file, 'manifest');
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.message.replace(file, shownName));
    throw error;
  }
  const check = new ShapeCheck(parseYamlFile(shownName, text));
  const service = checkKnativeService(check);
  const serviceProject = service.namespace ?? project;
  const entries = entriesOfManifest(service, check, where, describer, serviceProject);
  if (check.problems.length > 0) {
    const problems = [...check.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    throw new UserError(`${shownName} is not a valid Cloud Run service manifest`, problems);
  }
  const origin: Origin = { kind: 'manifest', file: shownName, ...check.yaml.locate(missingKeyPlace(service), 'key') };
  return {
    variant: { name: MANIFEST_VARIANT, origin, entries },
    ...(service.name !== undefined && { serviceName: service.name }),
    ...(serviceProject !== undefined && { project: serviceProject }),
    ...(service.region !== undefined && { region: service.region }),
  };
}

/** `readManifest` for callers that need only the configuration, e.g. `envdrift diff --manifest`. */
export function readManifestVariant(file: string, shownName: string, describer: ValueDescriber, where: ValueLocation, project?: string): ConfigVariant {
  return readManifest(file, shownName, describer, where, project).variant;
}

/**
 * Where a missing key would have to be added: the env list of the container that serves traffic (the one
 * with ports; the first container otherwise), or that container itself when it has no env yet.
 */
function missingKeyPlace(service: KnativeService): YamlPath {
  const container = service.containers.find((candidate) => candidate.servesTraffic) ?? service.containers[0];
  if (!container) return ['spec', 'template', 'spec', 'containers'];
  return container.hasEnv ? [...container.at, 'env'] : container.at;
}
