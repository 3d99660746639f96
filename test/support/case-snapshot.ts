import { createHash } from 'node:crypto';

/**
 * A service as a test case states it: plain values and secret references (`name@version`, or
 * `name@version=payload` when the payload was read). Deployed
 * (Cloud Run) unless `local`, then it stands for a `.env` file.
 */
export interface DeployedService {
  literals?: Record<string, string>;
  secrets?: Record<string, string>;
  local?: boolean;
}

type DeclaredEnvironments = Record<string, { production?: boolean; services: Record<string, { urls?: string[] }> }>;

/**
 * A snapshot (the format `envdrift snapshot` writes) holding the given services, so a test can put secret
 * references and Cloud Run origins in front of the real engine without a fake server. Values get plain
 * SHA-256 fingerprints: consistent within the snapshot, which is all comparisons need.
 */
export function snapshotOf(services: Record<string, DeployedService | null>, environments: DeclaredEnvironments) {
  const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    envdriftSnapshot: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'envdrift tests',
    fingerprintKeyId: 'test',
    environments: Object.entries(environments).map(([name, environment]) => ({
      name,
      production: environment.production ?? false,
      services: Object.entries(environment.services).map(([service, declared]) => {
        const spec = services[`${name}/${service}`];
        const origin = spec?.local ? { kind: 'file', file: `${service}/.env.${name}` } : { kind: 'cloudrun', project: `${name}-project`, region: 'us-central1', service };
        const literal = (key: string, text: string) => ({
          key,
          origin,
          source: { kind: 'literal' },
          value: { fingerprint: fingerprint(text), trimmedFingerprint: fingerprint(text.trim()), text, surroundingWhitespace: text !== text.trim(), containsNewline: /[\r\n]/.test(text), checks: {} },
        });
        // `name@version`, or `name@version=payload` for a secret whose value was read (a fingerprint, no text).
        const secret = (key: string, reference: string) => {
          const [target, payload] = reference.split(/=(.*)/s) as [string, string | undefined];
          const [secretName, version] = target.split('@') as [string, string];
          const { text: _text, ...value } = literal(key, payload ?? '').value;
          return { key, origin, source: { kind: 'secret', secret: secretName, version, project: `${name}-project`, state: 'ENABLED' }, ...(payload !== undefined && { value }) };
        };
        const entries = spec ? [...Object.entries(spec.literals ?? {}).map(([key, text]) => literal(key, text)), ...Object.entries(spec.secrets ?? {}).map(([key, reference]) => secret(key, reference))] : [];
        return { name: service, urls: declared.urls ?? [], problems: [], variants: [{ name: spec?.local ? '.env' : 'template', origin, entries }] };
      }),
    })),
  };
}
