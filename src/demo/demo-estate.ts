import type { FakeGcpFixture, FakeGcpProject } from './fake-gcp/fixture-types.js';

/**
 * The bundled demo: a staging and a production project, each running backend, auth and frontend on Cloud
 * Run with secrets in Secret Manager, carrying the drift from a real history of outages (DESIGN.md §1):
 * JWT secrets under different secret names, a SERVICE_ID baked with a timestamp, a missing ENVIRONMENT, an
 * AUTH_SERVICE_URL pointing at the frontend, a test switch in production, a production secret reused in
 * staging, a `latest` that resolves to a disabled version, and an older revision still serving a slice of
 * traffic without SERVICE_SECRET. Staging also runs a migration job whose service account was never granted the
 * database secret it references. Every workload runs as its own service account, granted each secret it uses on the
 * secret itself. All values are made up.
 */

type Env = Array<{ name: string; value?: string; valueSource?: { secretKeyRef: { secret: string; version: string } } }>;

const literal = (name: string, value: string) => ({ name, value });
const secret = (name: string, secretName: string, version = 'latest') => ({ name, valueSource: { secretKeyRef: { secret: secretName, version } } });

interface ServiceSpec {
  id: string;
  env: Env;
  /** An older revision that still serves this share of traffic, with its own env. */
  olderRevision?: { percent: number; env: Env };
}

/** A Cloud Run job: what every execution's task runs; `ungranted` are secrets its service account was never granted. */
interface JobSpec {
  id: string;
  env: Env;
  ungranted?: string[];
}

function project(
  projectId: string,
  projectNumber: string,
  services: ServiceSpec[],
  secrets: Record<string, Array<{ state: string; text: string }>>,
  jobs: JobSpec[] = [],
): FakeGcpProject {
  const location = `projects/${projectId}/locations/us-central1`;
  const revisionName = (id: string, number: number) => `${id}-${String(number).padStart(5, '0')}-${id.slice(0, 3)}`;
  const serviceAccount = (id: string) => `${id}@${projectId}.iam.gserviceaccount.com`;
  // Each secret is granted, on the secret, to the service accounts of the workloads that reference it.
  const readers = (secretName: string) =>
    [...services, ...jobs]
      .filter((workload) => [workload.env, ('olderRevision' in workload && workload.olderRevision?.env) || []].flat().some((variable) => variable.valueSource?.secretKeyRef.secret === secretName))
      .filter((workload) => !('ungranted' in workload && workload.ungranted?.includes(secretName)))
      .map((workload) => `serviceAccount:${serviceAccount(workload.id)}`);
  return {
    projectId,
    projectNumber,
    locations: ['us-central1', 'europe-west1'],
    iamPolicy: { bindings: [{ role: 'roles/owner', members: [`user:ops-lead@netra.example`] }, { role: 'roles/run.invoker', members: ['allUsers'] }] },
    services: services.map(({ id, env, olderRevision }) => {
      const latest = revisionName(id, 42);
      return {
        name: `${location}/services/${id}`,
        generation: '42',
        observedGeneration: '42',
        labels: { app: id },
        ingress: 'INGRESS_TRAFFIC_ALL',
        template: { serviceAccount: serviceAccount(id), containers: [{ name: id, image: `us-docker.pkg.dev/${projectId}/app/${id}:v42`, env }] },
        traffic: olderRevision
          ? [
              { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 - olderRevision.percent },
              { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: revisionName(id, 41), percent: olderRevision.percent },
            ]
          : [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
        trafficStatuses: olderRevision
          ? [
              { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: latest, percent: 100 - olderRevision.percent },
              { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: revisionName(id, 41), percent: olderRevision.percent },
            ]
          : [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision: latest, percent: 100 }],
        latestReadyRevision: `${location}/services/${id}/revisions/${latest}`,
        latestCreatedRevision: `${location}/services/${id}/revisions/${latest}`,
        uri: `https://${id}-7dq2ghsiqa-uc.a.run.app`,
      };
    }),
    revisions: services.flatMap(({ id, env, olderRevision }) => [
      { name: `${location}/services/${id}/revisions/${revisionName(id, 42)}`, service: id, serviceAccount: serviceAccount(id), containers: [{ name: id, image: `us-docker.pkg.dev/${projectId}/app/${id}:v42`, env }] },
      ...(olderRevision
        ? [{ name: `${location}/services/${id}/revisions/${revisionName(id, 41)}`, service: id, serviceAccount: serviceAccount(id), containers: [{ name: id, image: `us-docker.pkg.dev/${projectId}/app/${id}:v41`, env: olderRevision.env }] }]
        : []),
    ]),
    jobs: jobs.map(({ id, env }) => ({
      name: `${location}/jobs/${id}`,
      labels: { app: id },
      template: { taskCount: 1, template: { serviceAccount: serviceAccount(id), maxRetries: 0, containers: [{ name: id, image: `us-docker.pkg.dev/${projectId}/app/${id}:v42`, env }] } },
    })),
    secrets: Object.entries(secrets).map(([name, versions]) => ({
      secret: { name: `projects/${projectId}/secrets/${name}`, replication: { automatic: {} } },
      ...(readers(name).length > 0 && { iamPolicy: { bindings: [{ role: 'roles/secretmanager.secretAccessor', members: readers(name) }] } }),
      versions: versions.map((version, index) => ({
        version: { name: `projects/${projectId}/secrets/${name}/versions/${index + 1}`, createTime: `2025-09-0${index + 1}T00:00:00Z`, state: version.state },
        payload: { text: version.text },
      })),
    })),
  };
}

const STAGING_BACKEND_ENV: Env = [
  literal('ENVIRONMENT', 'staging'),
  literal('SERVICE_ID', 'netra-auth-1757260376'),
  secret('SERVICE_SECRET', 'service-secret-staging'),
  secret('JWT_SECRET_KEY', 'jwt-secret-key-staging'),
  literal('JWT_ISSUER', 'netra-auth-service'),
  literal('AUTH_SERVICE_URL', 'https://auth.staging.netra.example'),
];

export const DEMO_ESTATE: FakeGcpFixture = {
  projects: [
    project(
      'netra-staging',
      '480211934112',
      [
        {
          id: 'netra-backend',
          env: STAGING_BACKEND_ENV,
          olderRevision: { percent: 10, env: STAGING_BACKEND_ENV.filter((variable) => variable.name !== 'SERVICE_SECRET') },
        },
        {
          id: 'netra-auth',
          env: [
            literal('ENVIRONMENT', 'staging'),
            secret('SERVICE_SECRET', 'service-secret-staging'),
            secret('JWT_SECRET_KEY', 'jwt-secret-staging'),
            secret('JWT_SECRET', 'jwt-secret-staging'),
            literal('JWT_ISSUER', 'netra-auth-service'),
            literal('FRONTEND_URL', 'https://app.staging.netra.example'),
          ],
        },
        {
          id: 'netra-frontend',
          env: [literal('ENVIRONMENT', 'staging'), literal('AUTH_SERVICE_URL', 'https://netra-auth-7dq2ghsiqa-uc.a.run.app'), literal('API_URL', 'https://api.staging.netra.example')],
        },
      ],
      {
        'jwt-secret-key-staging': [{ state: 'ENABLED', text: 'dmo-Jq7vT2xLp9Rk' }],
        'jwt-secret-staging': [{ state: 'ENABLED', text: 'dmo-Wm4cH8sZe1Qn' }],
        'service-secret-staging': [{ state: 'ENABLED', text: 'dmo-Ly6bV3kNu5Gd' }],
        'database-url-staging': [{ state: 'ENABLED', text: 'postgres://dmo:dmo-Zc5rN0wQa2Tx@10.0.0.5/netra' }],
      },
      [
        {
          id: 'netra-db-migrate',
          env: [literal('ENVIRONMENT', 'staging'), secret('DATABASE_URL', 'database-url-staging')],
          // Deployed with its own service account, which nobody granted the database secret.
          ungranted: ['database-url-staging'],
        },
      ],
    ),
    project(
      'netra-prod',
      '733098552201',
      [
        {
          id: 'netra-backend',
          env: [
            literal('SERVICE_ID', 'netra-backend'),
            secret('SERVICE_SECRET', 'service-secret-prod'),
            secret('JWT_SECRET_KEY', 'jwt-secret-prod', '1'),
            literal('JWT_ISSUER', 'netra-auth-service'),
            literal('AUTH_SERVICE_URL', 'https://app.netra.example'),
          ],
        },
        {
          id: 'netra-auth',
          env: [
            literal('ENVIRONMENT', 'production'),
            secret('SERVICE_SECRET', 'service-secret-prod'),
            secret('JWT_SECRET_KEY', 'jwt-secret-prod', '1'),
            secret('JWT_SECRET', 'jwt-secret-prod', '1'),
            literal('JWT_ISSUER', 'netra-auth-service'),
            literal('FRONTEND_URL', 'https://app.netra.example'),
            literal('AUTH_FAST_TEST_MODE', 'false'),
          ],
        },
        {
          id: 'netra-frontend',
          env: [literal('ENVIRONMENT', 'production'), literal('AUTH_SERVICE_URL', 'https://auth.netra.example'), literal('API_URL', 'https://api.netra.example')],
        },
      ],
      {
        // Reused from staging: the same value as jwt-secret-key-staging.
        'jwt-secret-prod': [{ state: 'ENABLED', text: 'dmo-Jq7vT2xLp9Rk' }],
        // A rotation rolled back by disabling the new version: `latest` still resolves to it.
        'service-secret-prod': [
          { state: 'ENABLED', text: 'dmo-Tr2gX9aFo4Hw' },
          { state: 'DISABLED', text: 'dmo-Pe8jC1mYq7Ks' },
        ],
      },
    ),
  ],
};
