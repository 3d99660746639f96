import { crc32c } from '../../util/crc32c.js';
import { failedPrecondition, notFound, unimplemented } from './api-error.js';
import type { StoredSecret, StoredSecretVersion } from './fixture-store.js';
import { requireProject, type MethodContext, type MethodHandler } from './method-context.js';
import { parseProjectName, parseSecretName, parseSecretVersionName } from './resource-names.js';

/**
 * Secret Manager v1, read-only. Every name it answers with uses the project *number*, whatever the request
 * used, because that is what the real API does (and what envdrift must cope with when comparing references).
 */

const listSecrets: MethodHandler = (request, context) => {
  const ref = parseProjectName(request.parent, 'parent');
  rejectFilter(request.filter);
  const project = requireProject(ref, String(request.parent), context);
  const page = context.pages.page(project.secrets, request, `ListSecrets ${project.id}`, context.faults.spoilsPageTokens('ListSecrets'), context.faults.loopsPages('ListSecrets'));
  return { secrets: page.items.map((secret) => secret.json), nextPageToken: page.nextPageToken, totalSize: project.secrets.length };
};

const getSecret: MethodHandler = (request, context) => findSecret(parseSecretName(request.name), String(request.name), context).json;

const listSecretVersions: MethodHandler = (request, context) => {
  const secret = findSecret(parseSecretName(request.parent, 'parent'), String(request.parent), context);
  rejectFilter(request.filter);
  const scope = `ListSecretVersions ${String(secret.json.name)}`;
  const page = context.pages.page(secret.versions, request, scope, context.faults.spoilsPageTokens('ListSecretVersions'), context.faults.loopsPages('ListSecretVersions'));
  return { versions: page.items.map((version) => version.json), nextPageToken: page.nextPageToken, totalSize: secret.versions.length };
};

const getSecretVersion: MethodHandler = (request, context) => findVersion(String(request.name), context).version.json;

const accessSecretVersion: MethodHandler = (request, context) => {
  const { version } = findVersion(String(request.name), context);
  const name = String(version.json.name);
  // Disabled and destroyed versions keep their metadata but refuse access; "latest" does not skip them.
  if (version.state !== 'ENABLED') throw failedPrecondition(`Secret Version [${name}] is in ${version.state} state.`);
  if (!version.payload) throw failedPrecondition(`Secret Version [${name}] has no payload in the fake's fixture.`);
  const checksum = crc32c(version.payload);
  const sent = context.faults.corruptsChecksum(name) ? (checksum ^ 0x1) >>> 0 : checksum;
  return { name, payload: { data: Buffer.from(version.payload).toString('base64'), dataCrc32c: String(sent) } };
};

export const SECRET_MANAGER_METHODS = {
  ListSecrets: listSecrets,
  GetSecret: getSecret,
  ListSecretVersions: listSecretVersions,
  GetSecretVersion: getSecretVersion,
  AccessSecretVersion: accessSecretVersion,
} satisfies Record<string, MethodHandler>;

function findSecret(name: { project: string; secret: string }, resource: string, context: MethodContext): StoredSecret {
  const project = requireProject(name.project, resource, context);
  const secret = project.secrets.find((candidate) => candidate.id === name.secret);
  if (!secret) throw notFound(`Secret [projects/${project.number}/secrets/${name.secret}] not found.`);
  return secret;
}

/**
 * Resolves a version id as the API does: a number, `latest` (the newest *created* version, whatever its
 * state) or an alias from `Secret.versionAliases`.
 */
function findVersion(resource: string, context: MethodContext): { secret: StoredSecret; version: StoredSecretVersion } {
  const name = parseSecretVersionName(resource);
  const secret = findSecret(name, resource, context);
  const secretName = String(secret.json.name);
  if (name.version === 'latest') {
    const newest = secret.versions[0];
    if (!newest) throw notFound(`Secret [${secretName}] not found or has no versions.`);
    return { secret, version: newest };
  }
  const number = /^\d+$/.test(name.version) ? Number(name.version) : secret.aliases.get(name.version);
  const version = secret.versions.find((candidate) => candidate.number === number);
  if (!version) throw notFound(`Secret Version [${secretName}/versions/${name.version}] not found.`);
  return { secret, version };
}

/** The fake does not implement list filters; refusing beats silently returning unfiltered results. */
function rejectFilter(filter: unknown): void {
  if (typeof filter === 'string' && filter !== '') throw unimplemented(`The fake Secret Manager does not implement list filters (got ${JSON.stringify(filter)}).`);
}
