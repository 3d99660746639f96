import { intrinsicRules } from '../../src/model/intrinsic-rules.js';
import type { ValueDescriber, ValueLocation } from '../../src/fingerprints/describe-value.js';
import type {
  ConfigVariant,
  Entry,
  EnvironmentInventory,
  Inventory,
  Origin,
  ServiceInventory,
  SourceProblem,
  ValueSource,
} from '../../src/model/inventory.js';
import { seededRandom, type Random } from './random.js';
import { serviceUrl, type EnvironmentShape, type ServiceRole, type ServiceShape, type WorkloadShape } from './shape.js';

/**
 * Builds the Inventory a real run over a large organisation would produce: 50 keys per service (secrets and
 * plain settings, URLs, numbers, flags), `.env` services with line numbers, Cloud Run services in production
 * with a template and a serving revision, secret references (a few of them unreadable), and a realistic
 * amount of drift (missing keys, wrong URLs, reused secrets, duplicates, test switches, stray whitespace).
 *
 * Every value goes through the real `ValueDescriber` with the rules' probes, as a source does, so what the
 * engine reads is exactly what it would read in production.
 */

export const KEYS_PER_SERVICE = 50;

const COMMON_KEYS = [
  'ENVIRONMENT', 'SERVICE_ID', 'SERVICE_SECRET', 'JWT_SECRET_KEY', 'JWT_ISSUER', 'AUTH_SERVICE_URL', 'LOG_LEVEL',
  'PORT', 'DATABASE_URL', 'REDIS_URL', 'SENTRY_DSN', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'NODE_ENV', 'HTTP_TIMEOUT_MS',
];

const ROLE_KEYS: Record<ServiceRole, string[]> = {
  api: ['API_BASE_PATH', 'RATE_LIMIT_PER_MINUTE', 'CORS_ALLOWED_ORIGINS', 'UPSTREAM_TIMEOUT_MS'],
  web: ['API_URL', 'FRONTEND_URL', 'SESSION_SECRET', 'CDN_URL'],
  worker: ['QUEUE_URL', 'WORKER_CONCURRENCY', 'RETRY_LIMIT', 'DEAD_LETTER_TOPIC'],
  cron: ['SCHEDULE', 'JOB_TIMEOUT_MS', 'LOCK_TTL_SECONDS', 'REPORT_BUCKET'],
};

/** Keys only some core services have, under the names the `match` rules use. */
const EXTRA_KEYS: Record<string, string[]> = {
  auth: ['JWT_SECRET'],
  gateway: ['SESSION_SECRET'],
};

const FILLER_KEYS = [
  ...['NEW_CHECKOUT', 'DARK_MODE', 'SEARCH_V2', 'FAST_PATH', 'BETA_API', 'RECOMMENDATIONS', 'AUDIT_LOG', 'MULTI_REGION', 'SSO', 'WEBHOOKS'].map((name) => `FEATURE_${name}_ENABLED`),
  ...['USER', 'CATALOG', 'PRICE', 'SESSION'].map((name) => `${name}_CACHE_TTL_SECONDS`),
  ...['PAYMENTS', 'BILLING', 'SEARCH', 'CATALOG', 'ORDERS', 'SHIPPING', 'NOTIFY', 'MEDIA'].map((name) => `${name}_SERVICE_URL`),
  'STRIPE_API_KEY', 'SENDGRID_API_KEY', 'MAPS_API_KEY', 'ALGOLIA_API_KEY', 'SLACK_WEBHOOK_TOKEN', 'GCS_BUCKET',
  'PUBSUB_TOPIC', 'MAX_UPLOAD_MB', 'DEFAULT_LOCALE', 'TZ', 'METRICS_PREFIX', 'CONNECTION_POOL_SIZE',
  'DB_STATEMENT_TIMEOUT_MS', 'GRPC_KEEPALIVE_MS', 'TRACE_SAMPLE_RATE', 'RELEASE_CHANNEL', 'SUPPORT_EMAIL',
  'CORS_MAX_AGE', 'GRACEFUL_SHUTDOWN_MS', 'HEALTHCHECK_PATH', 'CONFIG_VERSION', 'REGION', 'PROJECT_ID',
  'OAUTH_CLIENT_ID', 'OAUTH_CLIENT_SECRET', 'ENCRYPTION_KEY', 'WEBHOOK_SIGNING_SECRET', 'SMTP_PASSWORD',
  'ADMIN_EMAILS', 'ALLOWED_HOSTS',
];

/** Keys that should not be there at all; a few services carry one (replacing a filler key, so 50 stays 50). */
const STRAY_KEYS: Array<[key: string, values: string[]]> = [
  ['AUTH_FAST_TEST_MODE', ['true', 'false']],
  ['BYPASS_STARTUP_VALIDATION', ['1']],
  ['E2E_OAUTH_SIMULATION_KEY', []],
  ['SKIP_OAUTH_VALIDATION', ['true']],
  ['DEBUG', ['true', 'false', '1']],
  ['LOCAL_DB_OVERRIDE', ['postgres://localhost:5432/dev']],
  ['SEARCH_PROFILING', ['on', 'off']],
];

/** How often each kind of drift happens, per service inventory (or per key where noted). */
export const DRIFT = {
  missingCommonKey: 0.01, // per key
  strayKey: 0.03,
  wrongEnvironment: 0.01,
  wrongServiceId: 0.01,
  serviceIdNewline: 0.003,
  wrongIssuer: 0.01,
  wrongServiceUrl: 0.03, // AUTH_SERVICE_URL, API_URL
  ownSharedSecret: 0.01, // SERVICE_SECRET / JWT_SECRET_KEY / SESSION_SECRET not the environment's shared one
  reusedAcrossEnvironments: 0.005, // a secret copied from another environment
  trailingWhitespace: 0.005, // per value
  invalidFlag: 0.01, // per feature flag
  duplicateKey: 0.02,
  unreadableService: 0.005,
  cloudRunInProduction: 0.2,
  servingOlderRevision: 0.5, // of Cloud Run services
  unreadableSecret: 0.02, // per secret reference
};

export interface GeneratedInventory {
  inventory: Inventory;
  entries: number;
  variants: number;
  describeCalls: number;
}

export function generateInventory(shape: WorkloadShape, describer: ValueDescriber, seed = 20240917): GeneratedInventory {
  const random = seededRandom(seed);
  const stats = { entries: 0, variants: 0, describeCalls: 0 };
  const counting: ValueDescriber = {
    ...describer, // whatever else the describer offers, unchanged
    describe: (key, raw, where) => {
      stats.describeCalls++;
      return describer.describe(key, raw, where);
    },
  };
  // Secrets shared by all services of an environment (what `match` compares), and per-service secrets that
  // `distinct` compares across environments.
  const shared = new Map(shape.environments.map((environment) => [environment.name, sharedSecrets(random)]));
  const perService = new Map<string, string>();
  const serviceSecret = (service: string, environment: string, key: string) => {
    const id = `${service}/${environment}/${key}`;
    let value = perService.get(id);
    if (value === undefined) {
      const other = shape.environments.find((candidate) => candidate.name !== environment)!.name;
      const reused = perService.get(`${service}/${other}/${key}`);
      value = reused !== undefined && random.chance(DRIFT.reusedAcrossEnvironments) ? reused : random.token(40);
      perService.set(id, value);
    }
    return value;
  };

  const environments: EnvironmentInventory[] = shape.environments.map((environment) => ({
    name: environment.name,
    production: environment.production,
    services: shape.services.map((service): ServiceInventory => {
      const inventory: ServiceInventory = { name: service.name, urls: [serviceUrl(service.name, environment.name)], variants: [], problems: [] };
      const where: ValueLocation = { environment: environment.name, service: service.name };
      const file = `env/${service.name}/.env.${environment.name}`;
      if (random.chance(DRIFT.unreadableService)) {
        inventory.unreadable = `${file} cannot be read (EACCES)`;
        return inventory;
      }
      const assignments = serviceAssignments(service, environment, shape, random, shared.get(environment.name)!, serviceSecret);
      if (environment.production && random.chance(DRIFT.cloudRunInProduction)) {
        inventory.variants.push(cloudRunVariant('template', service, environment, assignments, random, counting, where));
        if (random.chance(DRIFT.servingOlderRevision)) {
          const older = assignments.filter((assignment) => assignment.key !== 'OTEL_EXPORTER_OTLP_ENDPOINT' || random.chance(0.5));
          inventory.variants.push(cloudRunVariant(`revision ${service.name}-00041-${random.token(3).toLowerCase()}`, service, environment, older, random, counting, where));
        }
      } else {
        inventory.variants.push(dotenvVariant(file, assignments, random, counting, where, inventory.problems));
      }
      for (const variant of inventory.variants) {
        stats.variants++;
        stats.entries += variant.entries.length;
      }
      return inventory;
    }),
  }));
  return { inventory: { environments }, ...stats };
}

interface Assignment {
  key: string;
  raw: string;
}

function sharedSecrets(random: Random): Record<string, string> {
  return { SERVICE_SECRET: random.token(48), JWT_SECRET_KEY: random.token(48), SESSION_SECRET: random.token(48) };
}

/** The 50 `KEY=value` pairs of one service in one environment, drift included. */
function serviceAssignments(
  service: ServiceShape,
  environment: EnvironmentShape,
  shape: WorkloadShape,
  random: Random,
  shared: Record<string, string>,
  serviceSecret: (service: string, environment: string, key: string) => string,
): Assignment[] {
  const keys = [...COMMON_KEYS, ...ROLE_KEYS[service.role], ...(EXTRA_KEYS[service.name] ?? [])];
  const filler = [...FILLER_KEYS];
  while (keys.length < KEYS_PER_SERVICE) keys.push(filler.splice(random.int(filler.length), 1)[0]!);
  if (random.chance(DRIFT.strayKey)) {
    const [stray, values] = random.pick(STRAY_KEYS);
    keys[keys.length - 1] = stray;
    if (values.length > 0) return build(keys, new Map([[stray, random.pick(values)]]));
  }
  return build(keys, new Map());

  function build(names: string[], fixed: Map<string, string>): Assignment[] {
    const assignments: Assignment[] = [];
    for (const key of names) {
      if (COMMON_KEYS.includes(key) && random.chance(DRIFT.missingCommonKey)) continue;
      let raw = fixed.get(key) ?? valueFor(key);
      if (random.chance(DRIFT.trailingWhitespace)) raw += ' ';
      assignments.push({ key, raw });
    }
    return assignments;
  }

  function valueFor(key: string): string {
    const env = environment.name;
    const otherEnvironment = shape.environments.find((candidate) => candidate.name !== env)!.name;
    const wrongUrl = (target: string) =>
      random.pick([
        `https://${target}-${random.token(6).toLowerCase()}-uc.a.run.app`,
        serviceUrl('frontend', env),
        'http://localhost:8081',
        serviceUrl(target, otherEnvironment),
      ]);
    switch (key) {
      case 'ENVIRONMENT':
        return random.chance(DRIFT.wrongEnvironment) ? otherEnvironment : env;
      case 'SERVICE_ID':
        if (random.chance(DRIFT.serviceIdNewline)) return `${service.name}\n`;
        return random.chance(DRIFT.wrongServiceId) ? `${service.name}-${1757260376 + random.int(1e6)}` : service.name;
      case 'SERVICE_SECRET':
      case 'JWT_SECRET_KEY':
      case 'JWT_SECRET':
      case 'SESSION_SECRET': {
        const name = key === 'JWT_SECRET' ? 'JWT_SECRET_KEY' : key;
        return random.chance(DRIFT.ownSharedSecret) ? serviceSecret(service.name, env, name) : shared[name]!;
      }
      case 'JWT_ISSUER':
        return random.chance(DRIFT.wrongIssuer) ? 'corp-auth-service' : 'corp-auth';
      case 'AUTH_SERVICE_URL':
        return random.chance(DRIFT.wrongServiceUrl) ? wrongUrl('auth') : serviceUrl('auth', env);
      case 'API_URL':
        return random.chance(DRIFT.wrongServiceUrl) ? wrongUrl('backend') : serviceUrl('backend', env);
      case 'FRONTEND_URL':
        return serviceUrl('frontend', env);
      case 'CDN_URL':
        return `https://cdn.${env}.corp.example/${service.team}`;
      case 'LOG_LEVEL':
        return environment.production ? (random.chance(0.02) ? 'debug' : 'info') : 'debug';
      case 'PORT':
        return '8080';
      case 'NODE_ENV':
        return environment.production || env === 'staging' ? 'production' : 'development';
      case 'DATABASE_URL':
        return `postgres://${service.name}:${serviceSecret(service.name, env, key)}@db.${env}.internal:5432/${service.name.replaceAll('-', '_')}`;
      case 'REDIS_URL':
        return `redis://redis.${env}.internal:6379/${random.int(16)}`;
      case 'QUEUE_URL':
        return `https://pubsub.googleapis.com/v1/projects/corp-${env}/topics/${service.name}`;
      case 'SENTRY_DSN':
        return `https://${random.token(32).toLowerCase()}@o1234.ingest.sentry.io/${random.int(1e6)}`;
      case 'OTEL_EXPORTER_OTLP_ENDPOINT':
        return `https://otel-collector.${env}.corp.example:4318`;
      case 'REGION':
        return random.pick(['europe-west1', 'us-central1', 'asia-east1', 'EU']);
      case 'E2E_OAUTH_SIMULATION_KEY':
        return random.token(24);
    }
    if (key.startsWith('FEATURE_')) return random.chance(DRIFT.invalidFlag) ? 'yes' : random.pick(['true', 'false']);
    if (key.endsWith('_SERVICE_URL')) return serviceUrl(`${key.slice(0, -'_SERVICE_URL'.length).toLowerCase()}-api-1`, env);
    if (/_(MS|SECONDS|MB|SIZE|LIMIT|CONCURRENCY|AGE|MINUTE)$/.test(key)) return String(1 + random.int(30000));
    if (/SECRET|KEY|TOKEN|PASSWORD/.test(key)) return random.token(40);
    return `${key.toLowerCase().replaceAll('_', '-')}-${random.int(100)}`;
  }
}

/** A service read from `.env` files: line numbers, duplicates collapsed to the last one plus a problem. */
function dotenvVariant(
  file: string,
  assignments: Assignment[],
  random: Random,
  describer: ValueDescriber,
  where: ValueLocation,
  problems: SourceProblem[],
): ConfigVariant {
  const at = (line: number): Origin => ({ kind: 'file', file, line });
  const winners = new Map<string, Entry>();
  const firstLine = new Map<string, number>();
  let line = 1;
  const assign = (key: string, raw: string) => {
    line += random.chance(0.2) ? 2 : 1; // the odd blank line or comment
    const value = describer.describe(key, raw, where);
    if (!firstLine.has(key)) firstLine.set(key, line);
    winners.delete(key); // keep source order of the winning assignment, as the dotenv source does
    winners.set(key, { key, source: { kind: 'literal' }, origin: at(line), value });
  };
  for (const { key, raw } of assignments) assign(key, raw);
  if (random.chance(DRIFT.duplicateKey) && assignments.length > 0) {
    const { key } = random.pick(assignments);
    assign(key, random.token(12));
    problems.push({
      ruleId: 'envdrift/duplicate-key',
      ...intrinsicRules['envdrift/duplicate-key'],
      message: `${key} is assigned again with a different value (first at line ${firstLine.get(key)}); only this one counts`,
      origin: at(line),
      key,
    });
  }
  return { name: '.env', origin: { kind: 'file', file }, entries: [...winners.values()] };
}

/** A Cloud Run template or revision: secrets as Secret Manager references, no PORT (reserved), no lines. */
function cloudRunVariant(
  name: string,
  service: ServiceShape,
  environment: EnvironmentShape,
  assignments: Assignment[],
  random: Random,
  describer: ValueDescriber,
  where: ValueLocation,
): ConfigVariant {
  const revision = name.startsWith('revision ') ? name.slice('revision '.length) : undefined;
  const origin: Origin = {
    kind: 'cloudrun',
    project: `corp-${environment.name}`,
    region: 'europe-west1',
    service: service.name,
    ...(revision !== undefined && { revision }),
    container: 'app',
  };
  const entries: Entry[] = [];
  for (const { key, raw } of assignments) {
    if (key === 'PORT') continue;
    if (!describer.isSensitiveKey(key)) {
      entries.push({ key, source: { kind: 'literal' }, origin, value: describer.describe(key, raw, where) });
      continue;
    }
    const source: ValueSource = { kind: 'secret', secret: `${key.toLowerCase().replaceAll('_', '-')}-${environment.name}`, version: 'latest', project: '123456789012', state: 'ENABLED' };
    if (random.chance(DRIFT.unreadableSecret)) {
      entries.push({ key, source, origin, unreadable: 'secret version not accessible: PERMISSION_DENIED' });
    } else {
      entries.push({ key, source, origin, value: describer.describe(key, raw, where) });
    }
  }
  // Cloud Run keeps a repeated env var as two entries (the last one wins at runtime).
  if (random.chance(DRIFT.duplicateKey) && entries.length > 0) entries.push({ ...random.pick(entries) });
  return { name, origin, entries };
}
