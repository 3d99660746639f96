import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, LogicalLocation, PhysicalLocation } from 'sarif';
import { describeOrigin } from '../model/describe-origin.js';
import type { Origin } from '../model/inventory.js';

/** The uriBaseId GitHub code scanning (and CodeQL) resolve to the checkout: paths are relative to where envdrift ran. */
export const SOURCE_ROOT = '%SRCROOT%';

/**
 * A SARIF location for an origin: a file (and line) as a physical location; a Cloud Run resource as a
 * logical location named like the Cloud Run API names it, anchored in `anchorFile` (the config file) when
 * given, because GitHub rejects results that have no file at all — at `anchorLine` (where the service is
 * declared) when known.
 */
export function sarifLocation(origin: Origin, anchorFile: string | undefined, message?: string, anchorLine?: number): Location {
  const location: Location = {};
  switch (origin.kind) {
    case 'file':
    case 'manifest':
      location.physicalLocation = physicalLocation(origin.file, origin.line, origin.column);
      break;
    case 'snapshot':
      location.physicalLocation = physicalLocation(origin.file);
      break;
    case 'cloudrun':
      if (anchorFile !== undefined) location.physicalLocation = physicalLocation(anchorFile, anchorLine);
      location.logicalLocations = [cloudRunLocation(origin)];
      if (origin.container !== undefined) location.properties = { container: origin.container };
      break;
  }
  // A file location says everything in its uri and line; anything else also says in words what it is.
  const text = message ?? (origin.kind === 'file' || origin.kind === 'manifest' ? undefined : describeOrigin(origin));
  if (text !== undefined) location.message = { text };
  return location;
}

function physicalLocation(file: string, line?: number, column?: number): PhysicalLocation {
  const physical: PhysicalLocation = { artifactLocation: artifactLocation(file) };
  if (line !== undefined && line >= 1) {
    physical.region = { startLine: line, ...(column !== undefined && column >= 1 && { startColumn: column }) };
  }
  return physical;
}

/** Relative paths become relative URI references (each segment percent-encoded); absolute ones file: URIs. */
function artifactLocation(file: string): PhysicalLocation['artifactLocation'] {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

type CloudRunOrigin = Extract<Origin, { kind: 'cloudrun' }>;

/**
 * `projects/P/locations/R/services/S[/revisions/REV]` (or `.../jobs/J`, `.../workerPools/W`): the resource names
 * of the Cloud Run Admin API v2.
 */
export function cloudRunResourceName(origin: CloudRunOrigin): string {
  const service = `projects/${origin.project}/locations/${origin.region}/${origin.resourceType ?? 'services'}/${origin.service}`;
  return origin.revision === undefined ? service : `${service}/revisions/${origin.revision}`;
}

function cloudRunLocation(origin: CloudRunOrigin): LogicalLocation {
  return { name: origin.revision ?? origin.service, fullyQualifiedName: cloudRunResourceName(origin), kind: 'resource' };
}
