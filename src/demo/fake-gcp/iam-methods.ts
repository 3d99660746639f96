import { parseProjectName, parseSecretName } from './resource-names.js';
import { notFound } from './api-error.js';
import { requireProject, type MethodHandler } from './method-context.js';

/**
 * IAM policies (Secret Manager's `GetIamPolicy` on a secret, Resource Manager's on a project) and Resource
 * Manager's `GetProject`, which is where a project's number comes from. Read-only, like the rest of the fake.
 */

const getSecretIamPolicy: MethodHandler = (request, context) => {
  const name = parseSecretName(request.resource, 'resource');
  const project = requireProject(name.project, String(request.resource), context);
  const secret = project.secrets.find((candidate) => candidate.id === name.secret);
  if (!secret) throw notFound(`Secret [projects/${project.number}/secrets/${name.secret}] not found.`);
  return withEtag(secret.iamPolicy);
};

const getProject: MethodHandler = (request, context) => {
  const ref = parseProjectName(request.name);
  const project = requireProject(ref, String(request.name), context);
  // Resource Manager v3 names a project by its number, whichever way it was asked for.
  return { name: `projects/${project.number}`, projectId: project.id, state: 'ACTIVE', displayName: project.id };
};

const getProjectIamPolicy: MethodHandler = (request, context) => {
  const ref = parseProjectName(request.resource, 'resource');
  return withEtag(requireProject(ref, String(request.resource), context).iamPolicy);
};

/** The real API always answers with an etag (and version 1 unless a binding has a condition). */
function withEtag(policy: Record<string, unknown>): Record<string, unknown> {
  return { version: 1, etag: 'BwYAAAAAAAA=', ...policy };
}

export const IAM_METHODS = {
  GetSecretIamPolicy: getSecretIamPolicy,
  GetProject: getProject,
  GetProjectIamPolicy: getProjectIamPolicy,
} satisfies Record<string, MethodHandler>;
