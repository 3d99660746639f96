import type { FakeGcpFixture } from '../../src/demo/fake-gcp/fixture-types.js';

/**
 * A staging project whose backend and auth were redeployed over a week, carrying the changes an incident
 * timeline must show: a literal turned into a secret reference, a JWT secret moved to another secret, a key
 * dropped and re-added, a new secret version that is disabled now, a traffic split, a sidecar added, and
 * redeploys that changed nothing. Values of sensitive keys are the caller's canaries.
 *
 * The window the tests look at is 2025-09-05T00:00:00Z to 2025-09-12T00:00:00Z.
 */
export interface HistoryCanaries {
  jwtOld: string;
  jwtNew: string;
  jwtOther: string;
  serviceSecret: string;
  serviceId: string;
  dbPasswordOld: string;
  dbPasswordNew: string;
}

export const HISTORY_PROJECT = 'acme-staging';
const NUMBER = '318404521777';
const LOCATION = `projects/${HISTORY_PROJECT}/locations/us-central1`;

type Env = Array<{ name: string; value?: string; valueSource?: { secretKeyRef: { secret: string; version: string } } }>;
const literal = (name: string, value: string) => ({ name, value });
const secret = (name: string, secretName: string, version = 'latest') => ({ name, valueSource: { secretKeyRef: { secret: secretName, version } } });

export function historyEstate(canaries: HistoryCanaries): FakeGcpFixture {
  const backendV1: Env = [
    literal('ENVIRONMENT', 'staging'),
    literal('SERVICE_ID', 'acme-backend'),
    secret('JWT_SECRET_KEY', 'jwt-key'),
    secret('SERVICE_SECRET', 'service-secret'),
    literal('AUTH_SERVICE_URL', 'https://auth.staging.acme.example'),
    literal('DB_PASSWORD', canaries.dbPasswordOld),
  ];
  const flipped = backendV1.map((variable) => (variable.name === 'SERVICE_ID' ? secret('SERVICE_ID', 'service-id') : variable));
  const moved = flipped.map((variable) => (variable.name === 'JWT_SECRET_KEY' ? secret('JWT_SECRET_KEY', 'jwt-other') : variable));
  const dropped = moved.filter((variable) => variable.name !== 'SERVICE_SECRET');
  const readded = [
    ...moved.filter((variable) => variable.name !== 'AUTH_SERVICE_URL' && variable.name !== 'DB_PASSWORD'),
    literal('AUTH_SERVICE_URL', 'https://acme-auth-7dq2ghsiqa-uc.a.run.app'),
    literal('DB_PASSWORD', canaries.dbPasswordNew),
  ];
  const backend: Array<[string, string, string, Env]> = [
    ['acme-backend-00001-aaa', '2025-09-01T10:00:00Z', 'alice@acme.example', backendV1],
    ['acme-backend-00002-bbb', '2025-09-05T09:12:00Z', 'alice@acme.example', flipped],
    ['acme-backend-00003-ccc', '2025-09-06T08:00:00Z', 'deploy@acme-staging.iam.gserviceaccount.com', flipped],
    ['acme-backend-00004-ddd', '2025-09-06T12:30:00Z', 'deploy@acme-staging.iam.gserviceaccount.com', flipped],
    ['acme-backend-00005-eee', '2025-09-07T15:45:00Z', 'bob@acme.example', moved],
    ['acme-backend-00006-fff', '2025-09-08T18:02:00Z', 'deploy@acme-staging.iam.gserviceaccount.com', dropped],
    ['acme-backend-00007-ggg', '2025-09-10T07:30:00Z', 'bob@acme.example', readded],
  ];
  const authEnv: Env = [literal('ENVIRONMENT', 'staging'), secret('JWT_SECRET', 'jwt-key', '1'), secret('SERVICE_SECRET', 'service-secret')];
  const auth: Array<[string, string, string, Env, boolean]> = [
    ['acme-auth-00001-aaa', '2025-09-02T10:00:00Z', 'alice@acme.example', authEnv, false],
    ['acme-auth-00002-bbb', '2025-09-10T11:00:00Z', 'carol@acme.example', authEnv, true],
  ];
  const revisionName = (service: string, id: string) => `${LOCATION}/services/${service}/revisions/${id}`;
  const latest = (service: string, id: string) => revisionName(service, id);
  return {
    projects: [{
      projectId: HISTORY_PROJECT,
      projectNumber: NUMBER,
      locations: ['us-central1'],
      services: [
        {
          name: `${LOCATION}/services/acme-backend`,
          generation: '7',
          observedGeneration: '7',
          template: { containers: [{ name: 'app', image: 'us-docker.pkg.dev/acme/app/backend:7', env: readded }] },
          traffic: [
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 90 },
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'acme-backend-00006-fff', percent: 10 },
          ],
          trafficStatuses: [
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: 'acme-backend-00007-ggg', percent: 90 },
            { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'acme-backend-00006-fff', percent: 10 },
          ],
          latestCreatedRevision: latest('acme-backend', 'acme-backend-00007-ggg'),
          latestReadyRevision: latest('acme-backend', 'acme-backend-00007-ggg'),
        },
        {
          name: `${LOCATION}/services/acme-auth`,
          generation: '2',
          observedGeneration: '2',
          template: { containers: [{ name: 'auth', env: authEnv }, { name: 'otel', env: [literal('OTEL_SERVICE_NAME', 'auth')] }] },
          trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: 'acme-auth-00002-bbb', percent: 100 }],
          latestCreatedRevision: latest('acme-auth', 'acme-auth-00002-bbb'),
          latestReadyRevision: latest('acme-auth', 'acme-auth-00002-bbb'),
        },
      ],
      // Newest first, as the real API lists them.
      revisions: [
        ...backend.map(([id, createTime, creator, env]) => ({ name: revisionName('acme-backend', id), service: 'acme-backend', createTime, creator, containers: [{ name: 'app', image: 'us-docker.pkg.dev/acme/app/backend:7', env }] })),
        ...auth.map(([id, createTime, creator, env, sidecar]) => ({
          name: revisionName('acme-auth', id),
          service: 'acme-auth',
          createTime,
          creator,
          containers: [{ name: 'auth', env }, ...(sidecar ? [{ name: 'otel', env: [literal('OTEL_SERVICE_NAME', 'auth')] }] : [])],
        })),
      ].reverse(),
      secrets: [
        secretOf('jwt-key', [['2025-09-01T09:00:00Z', 'ENABLED', canaries.jwtOld], ['2025-09-05T08:00:00Z', 'DISABLED', canaries.jwtNew]]),
        secretOf('jwt-other', [['2025-09-07T15:00:00Z', 'ENABLED', canaries.jwtOther]]),
        secretOf('service-secret', [['2025-09-01T09:00:00Z', 'ENABLED', canaries.serviceSecret]]),
        secretOf('service-id', [['2025-09-04T09:00:00Z', 'ENABLED', canaries.serviceId]]),
      ],
    }],
  };
}

function secretOf(name: string, versions: Array<[string, string, string]>) {
  return {
    secret: { name: `projects/${HISTORY_PROJECT}/secrets/${name}`, replication: { automatic: {} }, createTime: '2025-08-01T00:00:00Z' },
    versions: versions.map(([createTime, state, text], index) => ({
      version: { name: `projects/${HISTORY_PROJECT}/secrets/${name}/versions/${index + 1}`, createTime, state },
      payload: { text },
    })),
  };
}

/** The config the tests use: backend and auth from Cloud Run, and a dev frontend from a .env file (no history). */
export const HISTORY_CONFIG = `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    cloudrun: { project: ${HISTORY_PROJECT}, regions: [us-central1] }
    services:
      backend: { cloudrun: acme-backend }
      auth: { cloudrun: acme-auth }
  dev:
    services:
      frontend: { dotenv: [frontend.env] }
`;

export const HISTORY_RULES = `version: 1
rules:
  - id: backend-service-secret
    kind: require
    severity: error
    services: [backend]
    keys: [SERVICE_SECRET]
    description: The backend signs service tokens with SERVICE_SECRET.
    remediation: Set SERVICE_SECRET on backend.
  - id: jwt-secret-shared
    kind: match
    severity: error
    description: Tokens signed by auth must verify on the backend.
    remediation: Point both at the same secret.
    members:
      - { service: auth, key: JWT_SECRET }
      - { service: backend, key: JWT_SECRET_KEY }
`;
