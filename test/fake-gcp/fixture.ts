import type { FakeGcpFixture } from '../../src/demo/fake-gcp/fixture-types.js';

/**
 * A small staging + production estate in the shape the real APIs return, used by the fake-gcp tests.
 * us-central1 holds three services so that the default page size (2) forces paging.
 */

const STAGING = 'acme-staging';
export const STAGING_NUMBER = '123456789012';
const region = (location: string) => `projects/${STAGING}/locations/${location}`;

function service(location: string, id: string, env: unknown[], extra: Record<string, unknown> = {}) {
  const revision = `${id}-00002-def`;
  return {
    name: `${region(location)}/services/${id}`,
    uid: `0b9d1f7e-${id.padEnd(4, 'x')}-4c1e-9d2a-6f0c5b8e1a23`,
    generation: '2',
    labels: { team: 'core' },
    createTime: '2025-09-01T10:00:00Z',
    updateTime: '2025-09-07T16:32:56.123456Z',
    creator: 'deployer@acme-staging.iam.gserviceaccount.com',
    lastModifier: 'deployer@acme-staging.iam.gserviceaccount.com',
    ingress: 'INGRESS_TRAFFIC_ALL',
    launchStage: 'GA',
    template: {
      serviceAccount: `${id}@acme-staging.iam.gserviceaccount.com`,
      timeout: '300s',
      maxInstanceRequestConcurrency: 80,
      scaling: { maxInstanceCount: 10 },
      containers: [
        {
          name: id,
          image: `us-docker.pkg.dev/acme-staging/app/${id}:2025-09-07`,
          ports: [{ name: 'http1', containerPort: 8080 }],
          env,
          resources: { limits: { cpu: '1000m', memory: '512Mi' }, cpuIdle: true },
        },
      ],
    },
    traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
    observedGeneration: '2',
    terminalCondition: { type: 'Ready', state: 'CONDITION_SUCCEEDED', lastTransitionTime: '2025-09-07T16:33:40Z' },
    latestReadyRevision: `${region(location)}/services/${id}/revisions/${revision}`,
    latestCreatedRevision: `${region(location)}/services/${id}/revisions/${revision}`,
    trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', revision, percent: 100 }],
    uri: `https://${id}-7dq2ghsiqa-uc.a.run.app`,
    etag: `"CJi3-sYGEJD1tAE/${id}"`,
    ...extra,
  };
}

const backendEnv = [
  { name: 'ENVIRONMENT', value: 'staging' },
  { name: 'AUTH_SERVICE_URL', value: 'https://auth.staging.acme.dev' },
  { name: 'JWT_SECRET_KEY', valueSource: { secretKeyRef: { secret: 'jwt-secret-key-staging', version: 'latest' } } },
  { name: 'SERVICE_SECRET', valueSource: { secretKeyRef: { secret: `projects/${STAGING_NUMBER}/secrets/service-secret`, version: '1' } } },
];

function revision(location: string, serviceId: string, id: string, createTime: string, env: unknown[]) {
  return {
    name: `${region(location)}/services/${serviceId}/revisions/${id}`,
    uid: `5e0c2a9b-${id.slice(-3)}-4f7e-8a1d-2c3b4d5e6f70`,
    generation: '1',
    labels: { 'serving.knative.dev/service': serviceId },
    createTime,
    updateTime: createTime,
    launchStage: 'GA',
    service: serviceId,
    scaling: { maxInstanceCount: 10 },
    maxInstanceRequestConcurrency: 80,
    timeout: '300s',
    serviceAccount: `${serviceId}@acme-staging.iam.gserviceaccount.com`,
    containers: [{ name: serviceId, image: `us-docker.pkg.dev/acme-staging/app/${serviceId}:${createTime.slice(0, 10)}`, env }],
    conditions: [{ type: 'Ready', state: 'CONDITION_SUCCEEDED', lastTransitionTime: createTime }],
    observedGeneration: '1',
    logUri: `https://console.cloud.google.com/logs/viewer?project=${STAGING}`,
    etag: `"${id}"`,
  };
}

export const FIXTURE: FakeGcpFixture = {
  projects: [
    {
      projectId: STAGING,
      projectNumber: STAGING_NUMBER,
      locations: ['europe-west1', 'us-central1', 'asia-east1'],
      services: [
        service('us-central1', 'backend', backendEnv),
        service('us-central1', 'auth', [
          { name: 'ENVIRONMENT', value: 'staging' },
          { name: 'JWT_SECRET_KEY', valueSource: { secretKeyRef: { secret: 'jwt-secret-staging', version: 'latest' } } },
        ]),
        service('us-central1', 'worker', [{ name: 'QUEUE', value: 'jobs' }]),
        service('europe-west1', 'frontend', [{ name: 'API_URL', value: 'https://api.staging.acme.dev' }]),
        service('asia-east1', 'edge', []),
      ],
      revisions: [
        // Newest first, the order the fake keeps.
        revision('us-central1', 'backend', 'backend-00002-def', '2025-09-07T16:32:56Z', backendEnv),
        revision('us-central1', 'backend', 'backend-00001-abc', '2025-09-01T10:00:00Z', [{ name: 'ENVIRONMENT', value: 'staging' }]),
        revision('us-central1', 'auth', 'auth-00002-def', '2025-09-05T08:00:00Z', []),
      ],
      secrets: [
        {
          secret: {
            name: `projects/${STAGING}/secrets/jwt-secret-key-staging`,
            createTime: '2025-08-01T00:00:00Z',
            replication: { automatic: {} },
            etag: '"1"',
            versionAliases: { current: '3' },
          },
          versions: [
            { version: { name: `projects/${STAGING}/secrets/jwt-secret-key-staging/versions/1`, createTime: '2025-08-01T00:00:00Z', state: 'DESTROYED', destroyTime: '2025-08-15T00:00:00Z' } },
            { version: { name: `projects/${STAGING}/secrets/jwt-secret-key-staging/versions/2`, createTime: '2025-08-10T00:00:00Z', state: 'DISABLED' }, payload: { text: 'old-jwt-value' } },
            { version: { name: `projects/${STAGING}/secrets/jwt-secret-key-staging/versions/3`, createTime: '2025-09-01T00:00:00Z', state: 'ENABLED' }, payload: { text: 'canary-jwt-0123456789' } },
          ],
        },
        {
          secret: { name: `projects/${STAGING_NUMBER}/secrets/service-secret`, createTime: '2025-08-01T00:00:00Z', replication: { automatic: {} } },
          versions: [
            // A value with a trailing newline, one of the incidents envdrift exists for; given as base64 bytes.
            { version: { name: `projects/${STAGING_NUMBER}/secrets/service-secret/versions/1`, createTime: '2025-08-01T00:00:00Z', state: 'ENABLED' }, payload: { data: Buffer.from('netra-backend\n').toString('base64') } },
          ],
        },
        {
          // The newest version is disabled: "latest" resolves to it anyway and access fails.
          secret: { name: `projects/${STAGING}/secrets/rotated`, createTime: '2025-08-01T00:00:00Z', replication: { automatic: {} } },
          versions: [
            { version: { name: `projects/${STAGING}/secrets/rotated/versions/1`, createTime: '2025-08-01T00:00:00Z', state: 'ENABLED' }, payload: { text: 'still-good' } },
            { version: { name: `projects/${STAGING}/secrets/rotated/versions/2`, createTime: '2025-09-01T00:00:00Z', state: 'DISABLED' }, payload: { text: 'rolled-back' } },
          ],
        },
      ],
    },
    {
      projectId: 'acme-prod',
      projectNumber: '210987654321',
      services: [service('us-central1', 'backend', [{ name: 'ENVIRONMENT', value: 'production' }], { name: 'projects/acme-prod/locations/us-central1/services/backend' })],
      secrets: [],
    },
  ],
};
