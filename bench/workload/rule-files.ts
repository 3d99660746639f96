import { serviceUrl, type WorkloadShape } from './shape.js';

/**
 * The benchmark's rules: 30 rules covering all seven kinds with the selectors real teams write (globs on
 * service names, `production: true`, environment lists). Written as YAML and loaded through the real
 * `loadConfig`/`loadRules`, so the benchmark evaluates exactly what a user's rule files would produce.
 *
 * The shipped `recommended` pack is deliberately not used: its rules change with the product, and the
 * benchmark's workload must stay fixed for numbers to be comparable over time.
 */
export const BENCH_RULES_YAML = `version: 1
rules:
  # --- require (6) ---
  - id: auth-config-present
    kind: require
    severity: error
    services: [backend, gateway, "*-api-*"]
    keys: [SERVICE_SECRET, JWT_SECRET_KEY, SERVICE_ID, AUTH_SERVICE_URL]
    description: Services that verify tokens need their service-to-service auth config.
    message: "{service} in {environment} has no {key}: every authenticated call will get 403"
    remediation: Set {key} on {service} in {environment}.
  - id: database-configured
    kind: require
    severity: error
    services: ["*-api-*", "*-worker-*", backend, auth]
    keys: [DATABASE_URL]
    description: Stateful services need a database.
    remediation: Set DATABASE_URL on {service} in {environment}.
  - id: core-secrets-from-secret-manager
    kind: require
    severity: warning
    production: true
    services: [auth, backend, gateway]
    keys: [JWT_SECRET_KEY, SERVICE_SECRET]
    from: secret
    description: Production auth secrets come from Secret Manager, never from a literal.
    remediation: Reference a Secret Manager secret for {key} on {service}.
  - id: observability-configured
    kind: require
    severity: warning
    environments: [staging, "prod-*"]
    keys: [SENTRY_DSN, OTEL_EXPORTER_OTLP_ENDPOINT]
    description: Deployed services report errors and traces.
    remediation: Set {key} on {service} in {environment}.
  - id: log-level-set
    kind: require
    severity: info
    keys: [LOG_LEVEL]
    description: Every service states its log level.
    remediation: Set LOG_LEVEL on {service}.

  - id: plain-config-is-literal
    kind: require
    severity: warning
    production: true
    keys: [ENVIRONMENT, LOG_LEVEL]
    from: literal
    description: Plain settings stay plain env vars; Cloud Run refuses to turn one into a secret reference in one step.
    remediation: Set {key} on {service} as a plain value.

  # --- forbid (5) ---
  - id: no-test-mode-when-deployed
    kind: forbid
    severity: error
    environments: [staging, "prod-*"]
    keys: ["*_TEST_MODE", "E2E_*"]
    when: truthy
    description: Test switches must be off on deployed services.
    remediation: Remove {key} from {service} in {environment}.
  - id: no-bypass-in-production
    kind: forbid
    severity: error
    production: true
    keys: ["*BYPASS*", "SKIP_*VALIDATION*"]
    when: present
    description: Bypass switches must not exist in production at all.
    remediation: Remove {key} from {service} in {environment}.
  - id: no-local-overrides
    kind: forbid
    severity: warning
    environments: ["prod-*"]
    keys: ["LOCAL_*", "*_OVERRIDE"]
    when: present
    description: Local override keys never belong in production.
    remediation: Remove {key} from {service}.
  - id: no-profiling-in-production
    kind: forbid
    severity: warning
    production: true
    keys: [DEBUG_SQL, "*_PROFILING"]
    when: truthy
    description: Profiling slows production down and leaks internals.
    remediation: Turn {key} off on {service}.

  - id: no-debug-in-production
    kind: forbid
    severity: warning
    production: true
    keys: [DEBUG, "*_DEBUG"]
    when: truthy
    description: Debug mode in production leaks internals in error pages and logs.
    remediation: Turn {key} off on {service} in {environment}.

  # --- equals (5) ---
  - id: environment-declared
    kind: equals
    severity: error
    key: ENVIRONMENT
    value: "{environment}"
    description: Code gates test-only switches on ENVIRONMENT.
    remediation: Set ENVIRONMENT={environment} on {service}.
  - id: service-id-is-name
    kind: equals
    severity: error
    services: [backend, gateway, "*-api-*", "*-worker-*"]
    key: SERVICE_ID
    value: "{service}"
    description: Auth only accepts service tokens whose id is the service name.
    remediation: Set SERVICE_ID to exactly {service}.
  - id: jwt-issuer
    kind: equals
    severity: error
    services: [auth, backend, gateway, "*-api-*"]
    key: JWT_ISSUER
    value: corp-auth
    description: Token producer and consumers agree on the issuer.
    remediation: Set JWT_ISSUER=corp-auth on {service}.
  - id: production-log-level
    kind: equals
    severity: warning
    production: true
    key: LOG_LEVEL
    value: info
    description: Production logs at info.
    remediation: Set LOG_LEVEL=info on {service}.
  - id: node-env-production
    kind: equals
    severity: warning
    environments: [staging, "prod-*"]
    services: [frontend, "*-web-*"]
    key: NODE_ENV
    value: production
    optional: true
    description: Deployed web apps run with NODE_ENV=production.
    remediation: Set NODE_ENV=production on {service}.

  # --- pattern (6) ---
  - id: service-urls-https
    kind: pattern
    severity: warning
    environments: [staging, "prod-*"]
    keys: ["*_SERVICE_URL", API_URL, FRONTEND_URL, CDN_URL, "*_ENDPOINT"]
    optional: true
    url:
      schemes: [https]
      forbiddenHosts: [localhost, "127.*", 0.0.0.0, "*.run.app"]
    description: Deployed services talk over https through their public domains.
    remediation: Point {key} on {service} at an https domain.
  - id: port-is-number
    kind: pattern
    severity: error
    keys: [PORT]
    regex: "^[0-9]{2,5}$"
    optional: true
    description: PORT is a port number.
    remediation: Set PORT to a number on {service}.
  - id: timeouts-are-numbers
    kind: pattern
    severity: warning
    keys: ["*_TIMEOUT_MS", "*_TTL_SECONDS"]
    regex: "^[1-9][0-9]*$"
    description: Timeouts are positive whole numbers.
    remediation: Set {key} on {service} to a whole number.
  - id: secrets-are-strong
    kind: pattern
    severity: error
    keys: [JWT_SECRET_KEY, SERVICE_SECRET, SESSION_SECRET]
    regex: "^[A-Za-z0-9+/=_-]{32,}$"
    optional: true
    description: Shared secrets are at least 32 characters of key material.
    remediation: Generate a new {key} of at least 32 characters.
  - id: feature-flags-boolean
    kind: pattern
    severity: info
    keys: ["FEATURE_*_ENABLED"]
    regex: "^(true|false)$"
    description: Feature flags are exactly true or false.
    remediation: Set {key} to true or false.

  - id: region-code
    kind: pattern
    severity: info
    keys: [REGION]
    regex: "^[a-z]+-[a-z]+[0-9]$"
    optional: true
    description: REGION is a cloud region code such as europe-west1.
    remediation: Set REGION on {service} to a region code.

  # --- match (4) ---
  - id: jwt-secret-shared
    kind: match
    severity: error
    description: Tokens signed by auth must verify everywhere, under every name the code reads.
    remediation: Point every JWT secret of these services at the same secret in {environment}.
    members:
      - { service: auth, key: [JWT_SECRET_KEY, JWT_SECRET] }
      - { service: backend, key: JWT_SECRET_KEY }
      - { service: gateway, key: JWT_SECRET_KEY }
      - { service: payments-api-1, key: JWT_SECRET_KEY }
  - id: service-secret-shared
    kind: match
    severity: error
    description: Service-to-service calls are signed with one shared secret.
    remediation: Use one SERVICE_SECRET for auth and backend in {environment}.
    members:
      - { service: auth, key: SERVICE_SECRET }
      - { service: backend, key: SERVICE_SECRET }
  - id: session-secret-shared
    kind: match
    severity: error
    description: Sessions created by the frontend must be readable by the gateway.
    remediation: Use one SESSION_SECRET for frontend and gateway in {environment}.
    members:
      - { service: frontend, key: SESSION_SECRET }
      - { service: gateway, key: SESSION_SECRET }
  - id: issuer-shared
    kind: match
    severity: warning
    description: Producer and consumers name the same issuer.
    remediation: Align JWT_ISSUER across these services in {environment}.
    members:
      - { service: auth, key: JWT_ISSUER }
      - { service: backend, key: JWT_ISSUER }
      - { service: orders-api-1, key: JWT_ISSUER }
      - { service: billing-api-1, key: JWT_ISSUER }

  # --- distinct (2) ---
  - id: secrets-not-shared-across-environments
    kind: distinct
    severity: error
    keys: [SERVICE_SECRET, JWT_SECRET_KEY]
    description: A production secret reused elsewhere is readable by everyone with access there.
    remediation: Generate a separate {key} for each environment.
  - id: database-credentials-distinct
    kind: distinct
    severity: error
    services: ["*-api-*", "*-worker-*"]
    keys: [DATABASE_URL]
    description: Each environment has its own database credentials.
    remediation: Use a separate database user for {service} in each environment.

  # --- reference (2) ---
  - id: auth-url-points-at-auth
    kind: reference
    severity: error
    services: [backend, frontend, gateway, "*-api-*", "*-web-*"]
    key: AUTH_SERVICE_URL
    target: auth
    description: AUTH_SERVICE_URL must reach the auth service of the same environment.
    remediation: Set AUTH_SERVICE_URL on {service} to auth's URL in {environment}.
  - id: api-url-points-at-backend
    kind: reference
    severity: error
    services: [frontend, "*-web-*"]
    key: API_URL
    target: backend
    description: Web apps call the backend of their own environment.
    remediation: Set API_URL on {service} to backend's URL in {environment}.
`;

export const BENCH_RULE_COUNT = 30;

/** `envdrift.yaml` for the shape: every service with its URL, and the bench rules (no packs). */
export function benchConfigYaml(shape: WorkloadShape): string {
  const lines = ['version: 1', 'packs: []', 'rules: [rules/]', 'environments:'];
  for (const environment of shape.environments) {
    lines.push(`  ${environment.name}:`, `    production: ${environment.production}`, '    services:');
    for (const service of shape.services) lines.push(`      ${service.name}:`, `        urls: [${serviceUrl(service.name, environment.name)}]`);
  }
  return `${lines.join('\n')}\n`;
}
