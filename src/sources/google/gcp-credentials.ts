import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GcpClientEnv } from './gcp-clients.js';

/**
 * Application Default Credentials exist when one of these holds; checked *before* the first call because
 * the clients, without credentials, reject **and** raise an unhandled rejection, and would otherwise probe
 * the GCE metadata server over the network. Returns the problem to report, or undefined when credentials
 * can be expected to work.
 */
export function missingCredentials(env: GcpClientEnv, homeDir: string): string | undefined {
  const explicit = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (explicit) return existsSync(explicit) ? undefined : `GOOGLE_APPLICATION_CREDENTIALS points at ${explicit}, which does not exist`;
  const gcloudConfig = env.CLOUDSDK_CONFIG ?? (env.APPDATA ? join(env.APPDATA, 'gcloud') : join(homeDir, '.config', 'gcloud'));
  if (existsSync(join(gcloudConfig, 'application_default_credentials.json'))) return undefined;
  // On Google Cloud (Cloud Build, GCE, Cloud Run jobs) credentials come from the metadata server; these are
  // the variables google-auth-library itself honours to know it is there.
  if (env.METADATA_SERVER_DETECTION === 'assume-present' || env.GCE_METADATA_HOST || env.GCE_METADATA_IP) return undefined;
  return 'no Google Cloud credentials found';
}

/** What to tell a person who has no credentials: how to log in, and which roles reading needs. */
export const CREDENTIALS_HELP = [
  'Log in with `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key file',
  '(on Google Cloud itself, set METADATA_SERVER_DETECTION=assume-present). Roles needed on each project:',
  'roles/run.viewer to read Cloud Run; roles/secretmanager.viewer for secret metadata;',
  'roles/secretmanager.secretAccessor where rules compare secret values; and roles/iam.securityReviewer',
  'to check that each workload can read its secrets (IAM policies of secrets and projects).',
].join('\n');
