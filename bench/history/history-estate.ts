import type { FakeGcpFixture } from '../../src/demo/fake-gcp/fixture-types.js';

/**
 * The history benchmark's estate: 3 Cloud Run services with 200 revisions each, referencing 40 secrets (4
 * versions each), and the fewest calls and sequential round trips any client needs to read its history.
 */
export const HISTORY_SHAPE = { services: 3, revisions: 200, secrets: 40, versions: 4, latencyMs: 30, maxPageSize: 100 } as const;

export const HISTORY_PROJECT = 'acme-history';
const LOCATION = `projects/${HISTORY_PROJECT}/locations/us-central1`;
const DAY = 86_400_000;
const START = Date.UTC(2025, 7, 1);

/** The CLI arguments (after `main.js`) that read the whole estate: a window around every revision. */
export const HISTORY_ARGS = ['history', '--since', '2025-07-31', '--until', '2025-09-30', '--format', 'json'];

export function historyEstate(): FakeGcpFixture {
  const { services: serviceCount, revisions: revisionCount, secrets: secretCount, versions: versionCount } = HISTORY_SHAPE;
  const secretName = (index: number) => `app-secret-${String(index).padStart(2, '0')}`;
  const services = Array.from({ length: serviceCount }, (_, index) => `svc-${index + 1}`);
  const revisions = services.flatMap((service) =>
    Array.from({ length: revisionCount }, (_, index) => {
      // Every fifth revision changes something: a plain value, or which version a secret is pinned to.
      const step = Math.floor(index / 5);
      const env = [
        { name: 'ENVIRONMENT', value: 'production' },
        { name: 'RELEASE', value: `r${step}` },
        ...Array.from({ length: secretCount }, (_, secret) => ({ name: `SECRET_${secret}`, valueSource: { secretKeyRef: { secret: secretName(secret), version: secret % 4 === 0 ? String(1 + (step % versionCount)) : 'latest' } } })),
      ];
      const id = `${service}-${String(index + 1).padStart(5, '0')}-abc`;
      return { name: `${LOCATION}/services/${service}/revisions/${id}`, service, createTime: new Date(START + index * 3_600_000 * 3).toISOString(), creator: 'deploy@acme.iam.gserviceaccount.com', containers: [{ name: 'app', env }] };
    }),
  );
  return {
    projects: [{
      projectId: HISTORY_PROJECT,
      projectNumber: '555512340000',
      locations: ['us-central1'],
      services: services.map((service) => {
        const latest = `${LOCATION}/services/${service}/revisions/${service}-${String(revisionCount).padStart(5, '0')}-abc`;
        return { name: `${LOCATION}/services/${service}`, generation: '1', observedGeneration: '1', latestCreatedRevision: latest, latestReadyRevision: latest, trafficStatuses: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }] };
      }),
      revisions,
      secrets: Array.from({ length: secretCount }, (_, index) => ({
        secret: { name: `projects/${HISTORY_PROJECT}/secrets/${secretName(index)}`, replication: { automatic: {} } },
        versions: Array.from({ length: versionCount }, (_, version) => ({
          version: { name: `projects/${HISTORY_PROJECT}/secrets/${secretName(index)}/versions/${version + 1}`, createTime: new Date(START + version * 7 * DAY).toISOString(), state: 'ENABLED' },
          payload: { text: `bench-${index}-${version}` },
        })),
      })),
    }],
  };
}

/** envdrift.yaml for the estate: one production environment, every service with its Cloud Run source. */
export function historyConfig(): string {
  const services = Array.from({ length: HISTORY_SHAPE.services }, (_, index) => `      svc-${index + 1}: {}\n`).join('');
  return `version: 1\npacks: []\nenvironments:\n  production:\n    production: true\n    cloudrun: { project: ${HISTORY_PROJECT}, regions: [us-central1] }\n    services:\n${services}`;
}

/** The fewest calls, and the fewest round trips in sequence, any client needs for this estate. */
export function historyMinimum(): { calls: Record<string, number>; roundTrips: number } {
  const { services, revisions, secrets, versions, maxPageSize } = HISTORY_SHAPE;
  const revisionPages = Math.ceil(revisions / maxPageSize);
  const calls = { ListServices: 1, ListRevisions: services * revisionPages, ListSecretVersions: secrets * Math.ceil(versions / maxPageSize) };
  // ListServices, then each service's pages one after another (tokens chain), then every secret at once.
  const roundTrips = 1 + revisionPages + Math.ceil(versions / maxPageSize);
  return { calls, roundTrips };
}
