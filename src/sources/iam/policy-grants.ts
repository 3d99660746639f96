import { roleGrantsSecretAccess } from './secret-access-roles.js';

/** The parts of a `google.iam.v1.Policy` that decide access, as the clients decode it. */
export interface IamPolicy {
  bindings?: Array<{ role?: string | null; members?: string[] | null; condition?: { expression?: string | null; title?: string | null } | null }> | null;
}

/** One policy that applies to the secret, and where it is attached (for messages). */
export interface ApplicablePolicy {
  /** e.g. "secret projects/p/secrets/s" or "project p". */
  attachedTo: string;
  policy: IamPolicy;
}

export type AccessVerdict =
  | { kind: 'granted' }
  /** Something might grant it but cannot be proven here (a condition, a custom role, a group). */
  | { kind: 'unproven'; because: string[] }
  | { kind: 'not-granted' };

/**
 * Whether `serviceAccount` holds `secretmanager.versions.access` through `policies`. Only an unconditional binding
 * of a known granting role, to the service account itself or to everyone, counts as a grant; bindings that might
 * grant (conditional, custom or unknown roles, groups and other principal sets) make the verdict unproven.
 */
export function judgeSecretAccess(serviceAccount: string, policies: readonly ApplicablePolicy[]): AccessVerdict {
  const member = `serviceAccount:${serviceAccount}`.toLowerCase();
  const because: string[] = [];
  for (const { attachedTo, policy } of policies) {
    for (const binding of policy.bindings ?? []) {
      const role = binding.role ?? '';
      const roleVerdict = roleGrantsSecretAccess(role);
      if (roleVerdict === 'does-not-grant') continue;
      for (const candidate of binding.members ?? []) {
        const membership = memberIncludes(candidate, member);
        if (membership === 'no') continue;
        const conditional = Boolean(binding.condition?.expression);
        if (membership === 'yes' && roleVerdict === 'grants' && !conditional) return { kind: 'granted' };
        const reasons = [
          ...(conditional ? [`under the condition "${binding.condition?.title || binding.condition?.expression}"`] : []),
          ...(roleVerdict === 'unknown' ? ['whose permissions envdrift does not read'] : []),
          ...(membership === 'maybe' ? ['whose members envdrift does not read'] : []),
        ];
        because.push(`${role} is bound to ${candidate} on the ${attachedTo} ${reasons.join(', ')}`);
      }
    }
  }
  return because.length > 0 ? { kind: 'unproven', because } : { kind: 'not-granted' };
}

/** Whether a policy member names the service account: exactly, as everyone, or possibly (a group, a principal set). */
function memberIncludes(candidate: string, member: string): 'yes' | 'no' | 'maybe' {
  const normalised = candidate.toLowerCase();
  if (normalised === member || normalised === 'allusers' || normalised === 'allauthenticatedusers') return 'yes';
  if (normalised.startsWith('group:') || normalised.startsWith('principalset:')) return 'maybe';
  return 'no';
}
