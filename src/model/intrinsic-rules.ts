import type { Severity } from './inventory.js';

interface IntrinsicRule {
  severity: Severity;
  description: string;
  remediation: string;
}

/**
 * Problems sources find while reading (a duplicated key, a line dotenv ignores, a file with no variables)
 * are reported under these fixed rule ids, so they can be filtered and suppressed like any rule.
 */
export const intrinsicRules = {
  'envdrift/read': {
    severity: 'error',
    description: 'Not a check that finds anything: the id under which a source that could not be read (and every check it blocked) is listed as not evaluated, exit 3.',
    remediation: 'Make the source readable (the reason says how), then run envdrift again.',
  },
  'envdrift/duplicate-key': {
    severity: 'warning',
    description: 'A key is assigned more than once in one file with different values; only the last assignment counts.',
    remediation: 'Delete all but one assignment of the key, keeping the value you mean.',
  },
  'envdrift/ignored-line': {
    severity: 'warning',
    description: 'A line of a .env file is not a KEY=value assignment, so dotenv silently ignores it.',
    remediation: 'Write the line as KEY=value, or comment it out with #.',
  },
  'envdrift/no-variables': {
    severity: 'error',
    description: 'A .env file is not empty but defines no variables (for example, written with literal \\n sequences).',
    remediation: 'Rewrite the file with one KEY=value per line and real line breaks.',
  },
  'envdrift/escaped-newlines': {
    severity: 'error',
    description: 'A .env value holds literal \\n sequences followed by more KEY= assignments: the file was written with escaped newlines, so dotenv sees one key where there are several.',
    remediation: 'Rewrite the file with one KEY=value per line and real line breaks.',
  },
  'envdrift/service-not-deployed': {
    severity: 'error',
    description: 'A service the config declares for Cloud Run does not exist in the project and regions read.',
    remediation: 'Deploy the service, or fix its name (services.NAME.cloudrun) or the regions in envdrift.yaml.',
  },
  'envdrift/revision-drift': {
    severity: 'warning',
    description: 'A revision serving traffic is configured differently from the service template.',
    remediation: 'Roll traffic to a revision built from the current template, or deploy the template you mean.',
  },
  'envdrift/secret-version-unusable': {
    severity: 'error',
    description: 'A secret reference points at a secret or version that does not exist, or at a version that is DISABLED or DESTROYED (also via latest).',
    remediation: 'Point the reference at an ENABLED version, or enable one (gcloud secrets versions enable).',
  },
  'envdrift/secret-not-accessible': {
    severity: 'error',
    description: "A deployed workload (service, revision, job or worker pool) references a secret that its runtime identity (its service account, or the project's default compute service account) holds no role to access, on the secret or on its project.",
    remediation: 'Grant the identity roles/secretmanager.secretAccessor on the secret (the message has the gcloud command), or reference a secret it can read.',
  },
  'envdrift/deploy-drops-keys': {
    severity: 'error',
    description: 'A deploy declaration (--deploy) replaces the whole set of env vars or secrets (--set-env-vars, --env-vars-file, --clear-*, an overwrite strategy, a Terraform plan) and so removes keys the service has now.',
    remediation: 'Update instead of replacing (--update-env-vars, --update-secrets, the merge strategy), or list every key the service needs; remove a key on purpose with --remove-env-vars or --remove-secrets.',
  },
  'envdrift/deploy-changes-key-type': {
    severity: 'error',
    description: 'A deploy turns a plain env var into a secret reference (or back) in one step, which Cloud Run refuses ("Cannot update environment variable to different type").',
    remediation: 'Remove the key in one deploy and set it with its new type in the next, or rename it.',
  },
  'envdrift/plaintext-secret-in-deploy': {
    severity: 'error',
    description: 'A deploy declaration writes a secret-looking value in plain text (a workflow, a script, a Cloud Build config, a plan): anyone who can read the file has it. The value is never printed.',
    remediation: 'Keep the value in Secret Manager and deploy a secret reference (--update-secrets), or pass it from the CI system\'s secrets; rotate it, since it has been exposed.',
  },
} as const satisfies Record<string, IntrinsicRule>;

export type IntrinsicRuleId = keyof typeof intrinsicRules;
