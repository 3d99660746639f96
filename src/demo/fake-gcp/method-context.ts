import { permissionDenied } from './api-error.js';
import type { FaultPlan } from './faults.js';
import type { FixtureStore, StoredProject } from './fixture-store.js';
import { METHOD_PERMISSIONS, type FakeGcpMethod } from './methods.js';
import type { PageTokens } from './paging.js';
import type { ProtoJson } from './proto-json.js';

/** What a method implementation may use; none of it changes during a call except the page-token registry. */
export interface MethodContext {
  method: FakeGcpMethod;
  store: FixtureStore;
  pages: PageTokens;
  faults: FaultPlan;
}

/** One API method: a proto3-JSON request in, a proto3-JSON response out, or a thrown ApiError. */
export type MethodHandler = (request: ProtoJson, context: MethodContext) => ProtoJson;

/**
 * The project a request names. An unknown project is PERMISSION_DENIED, not NOT_FOUND: Google does not reveal
 * whether a project you cannot read exists, so a typo in a project id looks exactly like missing access.
 */
export function requireProject(ref: string, resource: string, context: MethodContext): StoredProject {
  const project = context.store.project(ref);
  if (!project) throw permissionDenied(`Permission '${METHOD_PERMISSIONS[context.method]}' denied on resource '${resource}' (or it may not exist).`);
  return project;
}
