import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGcp } from '../../src/demo/fake-gcp/grpc-server.js';
import type { FakeGcpFixture } from '../../src/demo/fake-gcp/fixture-types.js';

test('a fixture that does not match the real message types is refused with every problem listed', async () => {
  const fixture: FakeGcpFixture = {
    projects: [
      {
        projectId: 'acme-staging',
        projectNumber: '123456789012',
        services: [
          {
            name: 'projects/acme-staging/locations/us-central1/services/backend',
            ingress: 'PUBLIC',
            createTime: 'yesterday',
            template: { containers: [{ env: [{ name: 'X', value_source: { secretKeyRef: { secret: 's' } } }] }] },
          },
          { name: 'projects/other-project/locations/us-central1/services/auth' },
          { name: 'backend' },
        ],
        secrets: [
          {
            secret: { name: 'projects/acme-staging/secrets/jwt', versionAliases: { current: '7' }, replicaton: {} },
            versions: [
              { version: { name: 'projects/acme-staging/secrets/jwt/versions/1' }, payload: { data: 'not base64!' } },
              { version: { name: 'projects/acme-staging/secrets/other/versions/2', state: 'ENABLED' } },
            ],
          },
          { secret: { name: 'projects/123456789012/secrets/jwt' } },
        ],
      },
    ],
  };
  await assert.rejects(startFakeGcp({ fixture }), (error: Error) => {
    const expected = [
      /services\[0\]\.createTime: expected an RFC 3339 timestamp/,
      /services\[0\]\.ingress: "PUBLIC" is not a value of google\.cloud\.run\.v2\.IngressTraffic/,
      /services\[0\]\.template\.containers\[0\]\.env\[0\]\.value_source: unknown field .*lowerCamelCase: valueSource/,
      /services\[1\]\.name: name is in project other-project/,
      /services\[2\]\.name: Invalid name "backend"/,
      /secrets\[0\]\.secret\.replicaton: unknown field of google\.cloud\.secretmanager\.v1\.Secret/,
      /secrets\[0\]\.versions\[0\]\.version\.state: required/,
      /secrets\[0\]\.versions\[0\]\.payload: "data" must be a base64 string/,
      /secrets\[0\]\.versions\[1\]\.version\.name: does not belong to projects\/123456789012\/secrets\/jwt/,
      /secrets\[0\]\.secret\.versionAliases\.current: version 7 does not exist/,
      /secrets: jwt appears twice/,
    ];
    for (const pattern of expected) assert.match(error.message, pattern);
    return true;
  });
});

test('a malformed timestamp is reported with its path', async () => {
  const fixture: FakeGcpFixture = {
    projects: [{ projectId: 'acme', projectNumber: '1', services: [{ name: 'projects/acme/locations/us-central1/services/a', createTime: 'yesterday' }] }],
  };
  await assert.rejects(startFakeGcp({ fixture }), /services\[0\]\.createTime: expected an RFC 3339 timestamp/);
});
