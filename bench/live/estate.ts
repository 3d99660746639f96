import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeGcpFixture, FakeGcpSecret } from '../../src/demo/fake-gcp/fixture-types.js';

/**
 * The estate of the live-scan benchmark: one production project on Cloud Run with Secret Manager, shaped like
 * src/demo/demo-estate.ts builds it (canonical proto3 JSON, as the REST API returns it), only larger:
 *
 * - 200 Cloud Run services in 3 regions (110 in us-central1, 60 in europe-west1, 30 in asia-northeast1);
 *   `gateway` and `frontend` run in all three, so there are 196 service names;
 * - `ListLocations` answers every Cloud Run region (42), as the real API does, so a scan that is not told the
 *   regions lists services in 39 empty ones too;
 * - 100 secrets, referenced as env vars (`latest` mostly, some pinned to a version number as Terraform
 *   pins them) and as mounted files; several are shared by many services (JWT key, service secret, one
 *   database password per team, Sentry, Datadog);
 * - 10 services in a gradual rollout (an older revision still serves 10 %, reading the previous database
 *   password version) and 1 whose newest revision failed to start (traffic stays on the previous one): 11
 *   serving revisions that are not the template, i.e. 11 `GetRevision` calls in the minimum;
 * - real drift: one API service still on the legacy JWT key (a `match` finding), and a Stripe key whose
 *   rotation was rolled back by disabling the new version, which `latest` still resolves to;
 * - IAM policies, as envdrift/secret-not-accessible reads them: the platform team's runtime identity (auth,
 *   backend, gateway, frontend) holds `roles/secretmanager.secretAccessor` on the whole project; every other team's
 *   identity is granted on each secret it reads, in that secret's own policy. So every reference is readable and
 *   the check passes, after one policy read per distinct secret and one for the project.
 *
 * Everything is derived from indices, so every run (and machine) scans exactly the same estate.
 */

export const PROJECT_ID = 'acme-prod';
export const PROJECT_NUMBER = '413207745519';
export const ENVIRONMENT = 'production';

/** Where the services run, and how many service resources each region has. */
export const REGIONS = [
  { region: 'us-central1', services: 110 },
  { region: 'europe-west1', services: 60 },
  { region: 'asia-northeast1', services: 30 },
] as const;

/** What Cloud Run's ListLocations answers for any project (every region Cloud Run is offered in). */
export const CLOUD_RUN_LOCATIONS = [
  'africa-south1', 'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1',
  'asia-south2', 'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2', 'europe-central2',
  'europe-north1', 'europe-north2', 'europe-southwest1', 'europe-west1', 'europe-west10', 'europe-west12', 'europe-west2',
  'europe-west3', 'europe-west4', 'europe-west6', 'europe-west8', 'europe-west9', 'me-central1', 'me-central2', 'me-west1',
  'northamerica-northeast1', 'northamerica-northeast2', 'northamerica-south1', 'southamerica-east1', 'southamerica-west1',
  'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
];

const TEAMS = [
  'accounts', 'analytics', 'billing', 'catalog', 'checkout', 'fraud', 'identity', 'inventory', 'ledger', 'media',
  'notifications', 'orders', 'payments', 'pricing', 'recommendations', 'reporting', 'reviews', 'search', 'shipping', 'support',
] as const;
const ROLES = ['api', 'worker', 'consumer', 'scheduler', 'admin', 'sync', 'export', 'webhook', 'importer', 'cron'] as const;
type Role = (typeof ROLES)[number] | 'core';

/** Services that run in every region. */
const GLOBAL_SERVICES = ['gateway', 'frontend'];
/** Services whose older revision still serves 10 % of traffic (a gradual rollout in progress). */
const ROLLOUTS = ['accounts-api', 'billing-worker', 'catalog-api', 'checkout-api', 'identity-consumer', 'ledger-sync', 'media-api', 'orders-api', 'search-api', 'shipping-worker'];
/** A service whose newest revision failed to become ready: traffic stays on the previous revision. */
const FAILED_ROLLOUT = 'pricing-api';
/** Still signs tokens with the legacy key (drift the `match` rule finds). */
const LEGACY_JWT = 'reporting-api';
/** The secret whose newest version was disabled to roll back a rotation; `latest` still resolves to it. */
const ROLLED_BACK_SECRET = 'stripe-secret-key';
export const SECRET_COUNT = 100;
const SECRET_ACCESSOR = 'roles/secretmanager.secretAccessor';

/** The service account a team's services run as. */
function runtimeIdentity(team: string): string {
  return `${team}-runtime@${PROJECT_ID}.iam.gserviceaccount.com`;
}
/** Granted secret access on the whole project (the others per secret). */
const PLATFORM_IDENTITY = runtimeIdentity('platform');

type EnvVar = { name: string; value: string } | { name: string; valueSource: { secretKeyRef: { secret: string; version: string } } };
interface SecretMount {
  volume: string;
  mountPath: string;
  secret: string;
  path: string;
  version: string;
}

interface ServiceSpec {
  name: string;
  team: string;
  role: Role;
  region: string;
  env: EnvVar[];
  mounts: SecretMount[];
  /** Env of the older revision that still serves traffic, if any. */
  older?: { env: EnvVar[]; percent: number; failedLatest: boolean };
}

export interface LiveEstate {
  fixture: FakeGcpFixture;
  /** The 200 service resources, in fixture order. */
  services: Array<{ name: string; region: string }>;
  /** Distinct service names (what envdrift.yaml declares). */
  serviceNames: string[];
  /** Serving revisions that are not the service's template (each needs one GetRevision). */
  olderServingRevisions: string[];
  /** Every distinct secret version referenced by a template or a serving revision, as a full resource name. */
  secretVersions: string[];
  secrets: number;
  /** Projects whose services reference secrets: one project IAM policy read each. */
  projects: number;
  /** Locations ListLocations answers, and service resources per location. */
  locations: Array<{ location: string; services: number }>;
}

const literal = (name: string, value: string): EnvVar => ({ name, value });
const secretRef = (name: string, secret: string, version = 'latest'): EnvVar => ({ name, valueSource: { secretKeyRef: { secret, version } } });

/** A deterministic stand-in for a generated secret value. */
function token(seed: string, length = 32): string {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let index = 0; index < length; index++) {
    state = Math.imul(state ^ (state >>> 13), 1540483477) >>> 0;
    state = (state + 0x6d2b79f5) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const PER_SERVICE_SECRET: Partial<Record<Role, { key: string; suffix: string }>> = {
  webhook: { key: 'WEBHOOK_SIGNING_KEY', suffix: 'signing-key' },
  admin: { key: 'OAUTH_CLIENT_SECRET', suffix: 'oauth-client-secret' },
  sync: { key: 'PARTNER_API_KEY', suffix: 'partner-api-key' },
  export: { key: 'EXPORT_HMAC_SECRET', suffix: 'hmac-secret' },
};

function serviceSpecs(): ServiceSpec[] {
  // 4 core services + 192 team services = 196 names; gateway and frontend run in all 3 regions = 200 resources.
  const teamServices: Array<{ name: string; team: string; role: Role }> = [];
  for (const [teamIndex, team] of TEAMS.entries()) {
    for (const role of ROLES) {
      if (role === 'cron' && teamIndex >= TEAMS.length - 8) continue; // 8 teams have no cron job
      teamServices.push({ name: `${team}-${role}`, team, role });
    }
  }
  const placed: Array<{ name: string; team: string; role: Role; region: string }> = [];
  for (const { region } of REGIONS) for (const name of GLOBAL_SERVICES) placed.push({ name, team: 'platform', role: 'core', region });
  placed.push({ name: 'auth', team: 'platform', role: 'core', region: 'us-central1' }, { name: 'backend', team: 'platform', role: 'core', region: 'us-central1' });
  // Teams deploy in their home region: the first teams in us-central1, then europe-west1, then asia-northeast1.
  let next = 0;
  for (const { region, services } of REGIONS) {
    const free = services - placed.filter((service) => service.region === region).length;
    for (const service of teamServices.slice(next, next + free)) placed.push({ ...service, region });
    next += free;
  }
  if (next !== teamServices.length || placed.length !== 200) throw new Error(`live estate: placed ${placed.length} services, ${next}/${teamServices.length} team services`);

  // Per-service secrets (beyond the shared ones) fill the estate up to exactly SECRET_COUNT secrets.
  let perServiceLeft = SECRET_COUNT - sharedSecrets().size;
  const perService = new Set<string>();
  for (const role of Object.keys(PER_SERVICE_SECRET) as Role[]) {
    for (const service of teamServices) if (service.role === role && perServiceLeft > 0) perService.add(service.name), perServiceLeft--;
  }

  return placed.map(({ name, team, role, region }) => {
    const env: EnvVar[] = [
      literal('ENVIRONMENT', ENVIRONMENT),
      literal('SERVICE_ID', name),
      literal('GOOGLE_CLOUD_PROJECT', PROJECT_ID),
      literal('LOG_LEVEL', 'info'),
      literal('AUTH_SERVICE_URL', 'https://auth.acme.example'),
    ];
    const mounts: SecretMount[] = [];
    const isCore = role === 'core';
    if (name === 'frontend') env.push(literal('API_URL', 'https://api.acme.example'), secretRef('SESSION_SECRET', 'frontend-session-secret'));
    if (isCore || role === 'api' || role === 'admin' || role === 'webhook') env.push(secretRef('JWT_SECRET_KEY', name === LEGACY_JWT ? 'jwt-signing-key-legacy' : 'jwt-signing-key'));
    if ((isCore && name !== 'frontend') || role === 'worker' || role === 'consumer' || role === 'scheduler') env.push(secretRef('SERVICE_SECRET', 'service-secret'));
    if (!isCore) {
      env.push(literal('DB_HOST', `10.${20 + TEAMS.indexOf(team as (typeof TEAMS)[number])}.0.3`), literal('DB_NAME', team.replace(/-/g, '_')));
      // Terraform-managed workers pin the password version; the rest follow `latest` (today the same version 3).
      env.push(secretRef('DB_PASSWORD', `${team}-db-password`, role === 'worker' || role === 'importer' ? '3' : 'latest'));
      // Deployed by different tools: Terraform writes the full secret name, gcloud the short one (the same secret).
      if (role === 'api' || role === 'worker') env.push(secretRef('DATABASE_DSN', `projects/${PROJECT_ID}/secrets/${team}-database-dsn`));
      if (role === 'sync') env.push(secretRef('DATABASE_DSN', `${team}-database-dsn`));
    }
    env.push(secretRef('SENTRY_DSN', 'sentry-dsn'), secretRef('DD_API_KEY', 'datadog-api-key'));
    if (['payments', 'checkout', 'billing'].includes(team) && ['api', 'webhook', 'worker'].includes(role)) env.push(secretRef('STRIPE_SECRET_KEY', ROLLED_BACK_SECRET));
    if (team === 'notifications') env.push(secretRef('SENDGRID_API_KEY', 'sendgrid-api-key'), secretRef('TWILIO_AUTH_TOKEN', 'twilio-auth-token'));
    if (['search', 'catalog'].includes(team)) env.push(secretRef('ALGOLIA_ADMIN_KEY', 'algolia-admin-key'));
    if (team === 'shipping' || team === 'orders') env.push(secretRef('MAPS_API_KEY', 'maps-api-key'));
    const own = PER_SERVICE_SECRET[role];
    if (own && perService.has(name)) env.push(secretRef(own.key, `${name}-${own.suffix}`));
    if (name === 'auth') {
      env.push(secretRef('OIDC_CLIENT_SECRET', 'auth-oidc-client-secret'));
      mounts.push({ volume: 'signing-key', mountPath: '/secrets/signing', secret: 'auth-signing-private-key', path: 'private.pem', version: '2' });
    }
    if (name === 'gateway') mounts.push({ volume: 'tls', mountPath: '/secrets/tls', secret: 'gateway-tls-key', path: 'tls.key', version: 'latest' });
    if (name === 'backend') env.push(secretRef('ENCRYPTION_KEY', 'backend-encryption-key'));
    env.push(literal('FEATURE_NEW_CHECKOUT', team === 'checkout' ? 'true' : 'false'));

    const spec: ServiceSpec = { name, team, role, region, env, mounts };
    if (ROLLOUTS.includes(name)) {
      // The previous revision still reads the previous database password version, and has no feature flag.
      spec.older = {
        percent: 10,
        failedLatest: false,
        env: env.filter((variable) => variable.name !== 'FEATURE_NEW_CHECKOUT').map((variable) => (variable.name === 'DB_PASSWORD' ? secretRef('DB_PASSWORD', `${team}-db-password`, '2') : variable)),
      };
    }
    if (name === FAILED_ROLLOUT) spec.older = { percent: 100, failedLatest: true, env: env.map((variable) => (variable.name === 'LOG_LEVEL' ? literal('LOG_LEVEL', 'warn') : variable)) };
    return spec;
  });
}

type SecretVersions = Array<{ state: 'ENABLED' | 'DISABLED' | 'DESTROYED'; text?: string }>;

/** The secrets shared by several services or owned by the core ones, each with its versions (oldest first). */
function sharedSecrets(): Map<string, SecretVersions> {
  const catalogue = new Map<string, SecretVersions>();
  const enabled = (name: string, versions = 1) =>
    catalogue.set(name, Array.from({ length: versions }, (_, index) => ({ state: 'ENABLED' as const, text: token(`${name}/${index + 1}`) })));
  for (const team of TEAMS) {
    // Rotated twice: version 1 destroyed, 2 still enabled (older revisions read it), 3 current.
    catalogue.set(`${team}-db-password`, [{ state: 'DESTROYED' }, { state: 'ENABLED', text: token(`${team}/db/2`) }, { state: 'ENABLED', text: token(`${team}/db/3`) }]);
    catalogue.set(`${team}-database-dsn`, [{ state: 'ENABLED', text: `host=10.0.0.3 dbname=${team} user=${team} password=${token(`${team}/db/3`)}` }]);
  }
  enabled('jwt-signing-key', 2);
  enabled('jwt-signing-key-legacy');
  enabled('service-secret');
  enabled('sentry-dsn');
  enabled('datadog-api-key');
  catalogue.set(ROLLED_BACK_SECRET, [{ state: 'ENABLED', text: `sk_live_${token('stripe/1', 24)}` }, { state: 'DISABLED', text: `sk_live_${token('stripe/2', 24)}` }]);
  enabled('sendgrid-api-key');
  enabled('twilio-auth-token');
  enabled('algolia-admin-key');
  enabled('maps-api-key');
  enabled('frontend-session-secret');
  enabled('auth-oidc-client-secret');
  enabled('auth-signing-private-key', 2);
  enabled('gateway-tls-key');
  enabled('backend-encryption-key');
  return catalogue;
}

const revisionId = (service: string, generation: number) => `${service}-${String(generation).padStart(5, '0')}-${token(`${service}/${generation}`, 3).toLowerCase()}`;

function workload(spec: ServiceSpec, env: EnvVar[], generation: number): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: spec.name,
    image: `us-docker.pkg.dev/${PROJECT_ID}/apps/${spec.name}:v${generation}`,
    env,
    resources: { limits: { cpu: '1', memory: '512Mi' } },
  };
  if (spec.mounts.length > 0) container.volumeMounts = spec.mounts.map(({ volume, mountPath }) => ({ name: volume, mountPath }));
  return {
    containers: [container],
    ...(spec.mounts.length > 0 && {
      volumes: spec.mounts.map(({ volume, secret, path, version }) => ({ name: volume, secret: { secret, items: [{ path, version }] } })),
    }),
    serviceAccount: runtimeIdentity(spec.team),
  };
}

export function buildLiveEstate(): LiveEstate {
  const specs = serviceSpecs();
  const catalogue = sharedSecrets();
  for (const spec of specs) {
    const own = PER_SERVICE_SECRET[spec.role];
    const secret = own && `${spec.name}-${own.suffix}`;
    if (secret && spec.env.some((variable) => 'valueSource' in variable && variable.valueSource.secretKeyRef.secret === secret)) {
      catalogue.set(secret, [{ state: 'ENABLED', text: token(secret) }]);
    }
  }
  const services: Record<string, unknown>[] = [];
  const revisions: Record<string, unknown>[] = [];
  const olderServingRevisions: string[] = [];
  const secretVersions = new Set<string>();
  const referenced = new Set<string>();
  /** Runtime identities that read each secret (secret short name → member), for the secrets' IAM policies. */
  const readers = new Map<string, Set<string>>();
  const noteReferences = (env: EnvVar[], mounts: SecretMount[], identity: string) => {
    const note = (secret: string, version: string) => {
      const short = secret.split('/').pop()!;
      if (!catalogue.has(short)) throw new Error(`live estate: ${secret} is referenced but not in the catalogue`);
      referenced.add(short);
      if (identity !== PLATFORM_IDENTITY) readers.set(short, (readers.get(short) ?? new Set()).add(`serviceAccount:${identity}`));
      secretVersions.add(`projects/${PROJECT_ID}/secrets/${short}/versions/${version}`);
    };
    for (const variable of env) if ('valueSource' in variable) note(variable.valueSource.secretKeyRef.secret, variable.valueSource.secretKeyRef.version);
    for (const mount of mounts) note(mount.secret, mount.version);
  };

  for (const spec of specs) {
    const location = `projects/${PROJECT_ID}/locations/${spec.region}`;
    const serviceName = `${location}/services/${spec.name}`;
    const generation = 40 + (token(spec.name, 1).charCodeAt(0) % 20);
    const latest = revisionId(spec.name, generation);
    const previous = revisionId(spec.name, generation - 1);
    const older = spec.older;
    const servingLatest = older?.failedLatest ? previous : latest;
    const latestPercent = older?.failedLatest ? 100 : 100 - (older?.percent ?? 0);
    const trafficStatuses: Array<Record<string, unknown>> = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: servingLatest, percent: latestPercent }];
    const traffic: Array<Record<string, unknown>> = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: latestPercent }];
    if (older && !older.failedLatest) {
      traffic.push({ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: previous, percent: older.percent });
      trafficStatuses.push({ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: previous, percent: older.percent });
    }
    services.push({
      name: serviceName,
      uid: `${token(`${spec.name}/${spec.region}/uid`, 8).toLowerCase()}-4f1c-9a6e-${token(`${spec.name}/uid2`, 12).toLowerCase()}`,
      generation: String(generation),
      observedGeneration: String(generation),
      labels: { team: spec.team, env: ENVIRONMENT, 'managed-by': spec.role === 'worker' || spec.role === 'importer' ? 'terraform' : 'cloud-deploy' },
      createTime: '2024-03-11T09:12:44.120431Z',
      updateTime: `2025-09-${String(1 + (generation % 28)).padStart(2, '0')}T14:03:27.551920Z`,
      creator: 'deployer@acme-prod.iam.gserviceaccount.com',
      lastModifier: 'deployer@acme-prod.iam.gserviceaccount.com',
      ingress: spec.role === 'core' || spec.role === 'api' || spec.role === 'webhook' ? 'INGRESS_TRAFFIC_ALL' : 'INGRESS_TRAFFIC_INTERNAL_ONLY',
      launchStage: 'GA',
      template: workload(spec, spec.env, generation),
      traffic,
      trafficStatuses,
      latestReadyRevision: `${serviceName}/revisions/${servingLatest}`,
      latestCreatedRevision: `${serviceName}/revisions/${latest}`,
      uri: `https://${spec.name}-7dq2ghsiqa-${spec.region === 'us-central1' ? 'uc' : spec.region === 'europe-west1' ? 'ew' : 'an'}.a.run.app`,
      reconciling: false,
    });
    noteReferences(spec.env, spec.mounts, runtimeIdentity(spec.team));
    revisions.push({ name: `${serviceName}/revisions/${latest}`, service: spec.name, generation: String(generation), ...workload(spec, spec.env, generation) });
    if (older) {
      revisions.push({ name: `${serviceName}/revisions/${previous}`, service: spec.name, generation: String(generation - 1), ...workload(spec, older.env, generation - 1) });
      olderServingRevisions.push(`${serviceName}/revisions/${previous}`);
      noteReferences(older.env, spec.mounts, runtimeIdentity(spec.team));
    }
  }

  if (referenced.size !== catalogue.size || catalogue.size !== SECRET_COUNT) {
    throw new Error(`live estate: ${catalogue.size} secrets, ${referenced.size} referenced (expected ${SECRET_COUNT}, all referenced)`);
  }
  const secrets: FakeGcpSecret[] = [...catalogue].map(([name, versions]) => ({
    secret: { name: `projects/${PROJECT_ID}/secrets/${name}`, replication: { automatic: {} }, createTime: '2024-03-01T00:00:00Z', labels: { env: ENVIRONMENT } },
    versions: versions.map((version, index) => ({
      version: { name: `projects/${PROJECT_ID}/secrets/${name}/versions/${index + 1}`, createTime: `2025-0${index + 1}-15T10:00:00Z`, state: version.state },
      ...(version.text !== undefined && version.state !== 'DESTROYED' && { payload: { text: version.text } }),
    })),
    ...(readers.has(name) && { iamPolicy: { bindings: [{ role: SECRET_ACCESSOR, members: [...readers.get(name)!].sort() }] } }),
  }));
  const projectPolicy = {
    bindings: [
      { role: 'roles/run.admin', members: ['serviceAccount:deployer@acme-prod.iam.gserviceaccount.com'] },
      { role: SECRET_ACCESSOR, members: [`serviceAccount:${PLATFORM_IDENTITY}`] },
    ],
  };

  const perLocation = new Map(CLOUD_RUN_LOCATIONS.map((location) => [location, 0]));
  for (const spec of specs) perLocation.set(spec.region, (perLocation.get(spec.region) ?? 0) + 1);
  return {
    fixture: { projects: [{ projectId: PROJECT_ID, projectNumber: PROJECT_NUMBER, locations: [...CLOUD_RUN_LOCATIONS], services, revisions, secrets, iamPolicy: projectPolicy }] },
    services: specs.map(({ name, region }) => ({ name, region })),
    serviceNames: [...new Set(specs.map((spec) => spec.name))].sort(),
    olderServingRevisions,
    secretVersions: [...secretVersions].sort(),
    secrets: catalogue.size,
    projects: 1,
    locations: [...perLocation].map(([location, count]) => ({ location, services: count })),
  };
}

/**
 * Writes envdrift.yaml and a rule file for the estate into `dir`: one production environment on Cloud Run
 * with no `regions` (so envdrift lists the project's locations), every service by name, the recommended pack,
 * and rules that compare secret values (`match` on the JWT key and the service secret), so payloads are read.
 */
export function writeLiveConfig(dir: string, estate: LiveEstate): string {
  mkdirSync(join(dir, 'rules'), { recursive: true });
  const urls: Record<string, string> = { auth: 'https://auth.acme.example', gateway: 'https://api.acme.example', frontend: 'https://app.acme.example' };
  const services = estate.serviceNames.map((name) => `      ${name}:${urls[name] ? ` { urls: [${urls[name]}] }` : ' {}'}`);
  const config = [
    '# Generated by bench/live/estate.ts: the live-scan benchmark estate (one production project, no regions).',
    'version: 1',
    'packs: [recommended]',
    'rules: [rules/]',
    'environments:',
    `  ${ENVIRONMENT}:`,
    '    production: true',
    '    cloudrun:',
    `      project: ${PROJECT_ID}`,
    '    services:',
    ...services,
    '',
  ].join('\n');
  const jwtMembers = ['auth', 'gateway', ...estate.serviceNames.filter((name) => name.endsWith('-api'))].map((service) => `      - { service: ${service}, key: JWT_SECRET_KEY }`);
  const rules = [
    'version: 1',
    'rules:',
    '  - id: jwt-key-shared',
    '    kind: match',
    '    severity: error',
    '    description: Tokens signed by auth must verify at the gateway and on every API.',
    '    message: JWT signing keys disagree in {environment}; tokens signed by auth will be rejected',
    '    remediation: Point JWT_SECRET_KEY of every API at the secret auth signs with.',
    '    members:',
    ...jwtMembers,
    '  - id: service-secret-shared',
    '    kind: match',
    '    severity: error',
    '    description: Internal calls authenticate with one shared service secret.',
    '    remediation: Point SERVICE_SECRET on {service} at the secret auth uses.',
    '    members:',
    '      - { service: auth, key: SERVICE_SECRET }',
    '      - { service: backend, key: SERVICE_SECRET }',
    '      - { service: gateway, key: SERVICE_SECRET }',
    '      - { service: orders-worker, key: SERVICE_SECRET }',
    '  - id: service-config-present',
    '    kind: require',
    '    severity: error',
    '    keys: [ENVIRONMENT, SERVICE_ID, SENTRY_DSN]',
    '    description: Every service declares where it runs, who it is, and where its errors go.',
    '    remediation: Set {key} on {service} in {environment}.',
    '  - id: environment-declared',
    '    kind: equals',
    '    severity: error',
    '    key: ENVIRONMENT',
    '    value: "{environment}"',
    '    description: Code gates test-only switches on ENVIRONMENT.',
    '    remediation: Set ENVIRONMENT={environment} on {service}.',
    '  - id: auth-url-points-at-auth',
    '    kind: reference',
    '    severity: error',
    '    key: AUTH_SERVICE_URL',
    '    target: auth',
    '    description: AUTH_SERVICE_URL must reach the auth service of the same environment.',
    '    remediation: Set AUTH_SERVICE_URL on {service} to the auth URL of {environment}.',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'envdrift.yaml'), config);
  writeFileSync(join(dir, 'rules', 'live.yaml'), rules);
  return join(dir, 'envdrift.yaml');
}
