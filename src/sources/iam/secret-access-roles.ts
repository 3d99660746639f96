/**
 * Which roles let a principal read a secret's payload (`secretmanager.versions.access`), from Google's IAM role
 * reference (cloud.google.com/iam/docs/roles-permissions/secretmanager, and the basic roles):
 * - Secret Manager Admin (`secretmanager.*`), Secret Manager Secret Accessor, and the basic Owner role grant it.
 * - The basic Editor and Viewer roles do not: Google keeps secret payloads out of them on purpose.
 * - Secret Manager Viewer, Secret Version Adder and Secret Version Manager handle metadata and versions, not payloads.
 * Any other `roles/secretmanager.*` role, and every custom role (`projects/P/roles/R`, `organizations/O/roles/R`),
 * is not known here: a binding of one is "not evaluated", never counted as a grant nor as its absence.
 */
export const GRANTING_ROLES: ReadonlySet<string> = new Set(['roles/secretmanager.secretAccessor', 'roles/secretmanager.admin', 'roles/owner']);

const NOT_GRANTING_SECRET_MANAGER_ROLES: ReadonlySet<string> = new Set([
  'roles/secretmanager.viewer',
  'roles/secretmanager.secretVersionAdder',
  'roles/secretmanager.secretVersionManager',
]);

/** The role a finding tells the person to grant: the narrowest that does the job. */
export const ROLE_TO_GRANT = 'roles/secretmanager.secretAccessor';

export type RoleVerdict = 'grants' | 'does-not-grant' | 'unknown';

export function roleGrantsSecretAccess(role: string): RoleVerdict {
  if (GRANTING_ROLES.has(role)) return 'grants';
  if (!role.startsWith('roles/')) return 'unknown'; // a custom role: its permissions are not read
  if (role.startsWith('roles/secretmanager.') && !NOT_GRANTING_SECRET_MANAGER_ROLES.has(role)) return 'unknown';
  return 'does-not-grant';
}
