import type { ConfigVariant, Entry, EnvironmentInventory, SecretRef, ServiceInventory } from '../../model/inventory.js';
import { intrinsicRules } from '../../model/intrinsic-rules.js';
import { judgeSecretAccess, type ApplicablePolicy } from './policy-grants.js';
import { projectNumber, projectPolicy, secretPolicy, type PolicyReaders } from './read-policies.js';
import { ROLE_TO_GRANT } from './secret-access-roles.js';

const RULE_ID = 'envdrift/secret-not-accessible';

/** Everything one identity's access to one secret decides, within one service. */
interface AccessQuestion {
  service: ServiceInventory;
  variant: ConfigVariant;
  entries: Array<Entry & { source: SecretRef }>;
  identity: NonNullable<ConfigVariant['identity']>;
  secretName: string;
  secretProject: string;
}

/**
 * `envdrift/secret-not-accessible`: every secret a deployed workload references must be readable by the identity
 * it runs as, through the secret's IAM policy or its project's. Folder and organization policies are not read, so a
 * finding says so; what cannot be proven either way (a conditional binding, a custom role, a policy that could not be
 * read) is recorded as not evaluated, never as a pass. Adds findings and unchecked problems to the services.
 */
export async function checkSecretAccess(environment: EnvironmentInventory, readers: PolicyReaders): Promise<void> {
  const questions = accessQuestions(environment);
  await Promise.all(questions.map((question) => answer(question, readers)));
}

function accessQuestions(environment: EnvironmentInventory): AccessQuestion[] {
  const byKey = new Map<string, AccessQuestion>();
  for (const service of environment.services) {
    if (service.unreadable !== undefined) continue;
    for (const variant of service.variants) {
      if (!variant.identity) continue;
      for (const entry of variant.entries) {
        if (entry.source.kind !== 'secret' || entry.source.state === 'MISSING') continue;
        const { secretName, secretProject } = secretOf(entry.source);
        const key = `${service.name} ${variant.identity.project} ${variant.identity.serviceAccount ?? ''} ${secretName}`;
        const question = byKey.get(key);
        if (question) question.entries.push(entry as Entry & { source: SecretRef });
        else byKey.set(key, { service, variant, entries: [entry as Entry & { source: SecretRef }], identity: variant.identity, secretName, secretProject });
      }
    }
  }
  return [...byKey.values()];
}

/** The secret's full name and its project: a short name lives in the workload's project. */
function secretOf(reference: SecretRef): { secretName: string; secretProject: string } {
  const full = /^projects\/([^/]+)\/secrets\/([^/]+)/.exec(reference.secret);
  if (full) return { secretName: `projects/${full[1]}/secrets/${full[2]}`, secretProject: full[1]! };
  return { secretName: `projects/${reference.project}/secrets/${reference.secret}`, secretProject: reference.project ?? '' };
}

async function answer(question: AccessQuestion, readers: PolicyReaders): Promise<void> {
  const { service, variant, entries, identity, secretName, secretProject } = question;
  const first = entries[0]!;
  const keys = [...new Set(entries.map((entry) => entry.key))].join(', ');
  const unchecked = (reason: string): void => {
    (service.unchecked ??= []).push({ ruleId: RULE_ID, variant: variant.name, key: first.key, reason });
  };

  let serviceAccount = identity.serviceAccount;
  if (!serviceAccount) {
    const number = await projectNumber(identity.project, readers);
    if (number.kind === 'unreadable') return unchecked(`whether the default compute service account of project ${identity.project} can access secret ${secretName} was not checked: its project number could not be read: ${number.reason}`);
    serviceAccount = `${number.number}-compute@developer.gserviceaccount.com`;
  }
  const [onSecret, onProject] = await Promise.all([secretPolicy(secretName, readers), projectPolicy(secretProject, readers)]);
  if (onSecret.kind === 'missing') return; // envdrift/secret-version-unusable reports a secret that does not exist
  const policies: ApplicablePolicy[] = [];
  const unread: string[] = [];
  for (const [outcome, attachedTo] of [[onSecret, `secret ${secretName}`], [onProject, `project ${secretProject}`]] as const) {
    if (outcome.kind === 'policy') policies.push({ attachedTo, policy: outcome.policy });
    else if (outcome.kind === 'unreadable') unread.push(outcome.reason);
    else unread.push(`project ${secretProject} was not found`);
  }
  const verdict = judgeSecretAccess(serviceAccount, policies);
  if (verdict.kind === 'granted') return;
  if (unread.length > 0) return unchecked(`whether ${serviceAccount} can access secret ${secretName} (${keys}) was not checked: ${unread.join('; ')}`);
  if (verdict.kind === 'unproven') return unchecked(`whether ${serviceAccount} can access secret ${secretName} (${keys}) is not evaluated: ${verdict.because.join('; ')}`);

  const shortName = secretName.split('/').pop()!;
  const identityWords = identity.serviceAccount ? serviceAccount : `${serviceAccount} (the default compute service account: the workload sets none)`;
  service.problems.push({
    ruleId: RULE_ID,
    ...intrinsicRules[RULE_ID],
    key: first.key,
    origin: first.origin,
    message:
      `${keys} references secret ${secretName}, but ${identityWords}, which the ${variant.name} runs as, holds no role granting ` +
      `secretmanager.versions.access on the secret or on project ${secretProject} (folder and organization policies are not read). ` +
      `Grant ${ROLE_TO_GRANT}: gcloud secrets add-iam-policy-binding ${shortName} --project=${secretProject} --member=serviceAccount:${serviceAccount} --role=${ROLE_TO_GRANT}`,
  });
}
