import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientOptions } from 'google-gax';
import { credentialFileProblem } from './credential-file.js';
import type { GcpClientEnv } from './gcp-clients.js';

/** Where Application Default Credentials come from, or why they cannot be used. */
export type CredentialSource = { keyFile: string } | { metadataServer: true } | { problem: string };

/**
 * Finds Application Default Credentials as gcloud does: GOOGLE_APPLICATION_CREDENTIALS, else the ADC file in
 * gcloud's config folder (CLOUDSDK_CONFIG, else %APPDATA%/gcloud or ~/.config/gcloud), else the GCE metadata
 * server when the environment says it is there. Checked *before* the first call because the clients, without
 * usable credentials, reject **and** raise an unhandled rejection (or print parts of a broken file), and would
 * otherwise probe the metadata server over the network. A file found here is handed to the clients
 * (`credentialClientOptions`), so the check and the library always read the same file.
 */
export function locateCredentials(env: GcpClientEnv, homeDir: string): CredentialSource {
  const explicit = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (explicit) {
    const problem = credentialFileProblem(explicit);
    return problem ? { problem: `GOOGLE_APPLICATION_CREDENTIALS points at ${explicit}, which ${problem}` } : { keyFile: explicit };
  }
  const gcloudConfig = env.CLOUDSDK_CONFIG || (env.APPDATA ? join(env.APPDATA, 'gcloud') : join(homeDir, '.config', 'gcloud'));
  const adcFile = join(gcloudConfig, 'application_default_credentials.json');
  if (existsSync(adcFile)) {
    const problem = credentialFileProblem(adcFile);
    return problem ? { problem: `the Application Default Credentials file ${adcFile} ${problem}; run \`gcloud auth application-default login\` again` } : { keyFile: adcFile };
  }
  // On Google Cloud (Cloud Build, GCE, Cloud Run jobs) credentials come from the metadata server; these are
  // the variables google-auth-library itself honours to know it is there.
  if (env.METADATA_SERVER_DETECTION === 'assume-present' || env.GCE_METADATA_HOST || env.GCE_METADATA_IP) return { metadataServer: true };
  return { problem: 'no Google Cloud credentials found' };
}

/** The problem to report, or undefined when credentials can be expected to work. */
export function missingCredentials(env: GcpClientEnv, homeDir: string): string | undefined {
  const source = locateCredentials(env, homeDir);
  return 'problem' in source ? source.problem : undefined;
}

/** Client options that make the library use exactly the file `locateCredentials` checked. */
export function credentialClientOptions(env: GcpClientEnv, homeDir: string): ClientOptions {
  const source = locateCredentials(env, homeDir);
  return 'keyFile' in source ? { keyFilename: source.keyFile } : {};
}

/** What to tell a person who has no credentials: how to log in, and which roles reading needs. */
export const CREDENTIALS_HELP = [
  'Log in with `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key file',
  '(on Google Cloud itself, set METADATA_SERVER_DETECTION=assume-present). Roles needed on each project:',
  'roles/run.viewer to read Cloud Run; roles/secretmanager.viewer for secret metadata;',
  'roles/secretmanager.secretAccessor where rules compare secret values; and roles/iam.securityReviewer',
  'to check that each workload can read its secrets (IAM policies of secrets and projects).',
].join('\n');
