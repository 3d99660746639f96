import type { EnvdriftConfig } from '../../config/config-types.js';
import type { ValueDescriber } from '../../fingerprints/describe-value.js';
import type { PartialInventory } from '../source.js';
import { manifestTarget } from './manifest-target.js';
import { readManifest } from './read-manifest.js';

export interface ManifestRequest {
  /** The manifest file, absolute (the caller resolves it against its working directory). */
  file: string;
  /** `--as ENV/SERVICE`. */
  as: string;
}

/**
 * `check --manifest FILE --as ENV/SERVICE`: the named service's configuration, as the manifest would deploy
 * it, to stand in for what its sources say. Other services stay as read, so rules across services compare
 * the manifest with its deployed peers.
 */
export function manifestReplacement(
  request: ManifestRequest,
  config: { declared: EnvdriftConfig; selected: EnvdriftConfig },
  describer: ValueDescriber,
  shownName: (file: string) => string,
): PartialInventory {
  const target = manifestTarget(request.as, config.declared, config.selected);
  const shown = shownName(request.file);
  const reading = readManifest(request.file, shown, describer, { environment: target.environment, service: target.service }, target.project);
  const notices: string[] = [];
  if (reading.serviceName !== undefined && target.cloudRunName !== undefined && reading.serviceName !== target.cloudRunName) {
    notices.push(`note: ${shown} deploys Cloud Run service ${reading.serviceName}, but ${target.environment}/${target.service} is ${target.cloudRunName} in envdrift.yaml; checked as ${target.environment}/${target.service} all the same`);
  }
  return { services: [{ environment: target.environment, service: target.service, variants: [reading.variant], problems: [] }], ...(notices.length > 0 && { notices }) };
}
