/**
 * The manifest source on its own: a realistic `gcloud run services describe --format export` file becomes one
 * configuration variant (every container, secret env vars, secret volumes, cross-project aliases), and every
 * kind of malformed manifest is rejected with all its problems at once, each with line and column.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { formatProblem, UserError } from '../src/files/user-error.js';
import { createValueDescriber } from '../src/fingerprints/describe-value.js';
import { looksSensitiveValue, sensitivityTest } from '../src/fingerprints/sensitivity.js';
import { packageRoot } from '../src/files/package-root.js';
import { readManifest, readManifestVariant } from '../src/sources/manifest/read-manifest.js';
import { createWorkspace } from './support/workspace.js';

const EXPORT = join(packageRoot, 'test', 'fixtures', 'manifest', 'backend.export.yaml');
const WHERE = { environment: 'staging', service: 'backend' };
const describer = createValueDescriber({ fingerprintKey: 'test', isSensitiveKey: sensitivityTest([]), isSensitiveValue: looksSensitiveValue, probes: [] });

const workspace = createWorkspace();
after(() => workspace.dispose());

/** The formatted problems a manifest is rejected with. */
function problemsOf(text: string, project?: string): string[] {
  const file = workspace.write(`m-${Math.random().toString(36).slice(2)}.yaml`, text);
  try {
    readManifest(file, 'service.yaml', describer, WHERE, project);
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error.problems.length > 0 ? error.problems.map(formatProblem) : [error.message];
  }
  assert.fail('expected the manifest to be rejected');
}

/** A valid manifest around the given lines of the first container (indented as its fields). */
function withContainer(lines: string): string {
  return `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: backend
  namespace: '480211934112'
spec:
  template:
    spec:
      containers:
      - image: us-docker.pkg.dev/p/app/backend:1
${lines}`;
}

describe('a gcloud export becomes one variant', () => {
  const reading = readManifest(EXPORT, 'deploy/backend.yaml', describer, WHERE);
  const entries = reading.variant.entries;
  const entry = (key: string) => entries.find((candidate) => candidate.key === key)!;

  test('what the manifest says about the service', () => {
    assert.equal(reading.serviceName, 'netra-backend');
    assert.equal(reading.project, '480211934112', 'metadata.namespace, as gcloud writes it');
    assert.equal(reading.region, 'us-central1');
    assert.equal(reading.variant.name, 'manifest');
    // A missing key would be added to the env of the container that serves traffic.
    assert.deepEqual(reading.variant.origin, { kind: 'manifest', file: 'deploy/backend.yaml', line: 31, column: 9 });
  });

  test('every container (the sidecar too), and secrets mounted as files under their path', () => {
    assert.deepEqual(entries.map((candidate) => candidate.key), [
      'ENVIRONMENT',
      'SERVICE_ID',
      'SERVICE_SECRET',
      'JWT_SECRET_KEY',
      'JWT_ISSUER',
      'AUTH_SERVICE_URL',
      'FEATURE_FLAGS',
      '/etc/netra/secrets/database-url',
      '/etc/netra/secrets/redis-password',
      '/etc/tls/tls-cert',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'COLLECTOR_API_KEY',
    ]);
  });

  test('secretKeyRef: name is the secret, key the version; aliases resolve to the other project', () => {
    assert.deepEqual(entry('SERVICE_SECRET').source, { kind: 'secret', secret: 'service-secret-staging', version: '2', project: '480211934112' });
    assert.deepEqual(entry('JWT_SECRET_KEY').source, { kind: 'secret', secret: 'projects/733098552201/secrets/jwt-secret-shared', version: 'latest', project: '480211934112' });
    assert.deepEqual(entry('COLLECTOR_API_KEY').source, { kind: 'secret', secret: 'otel-api-key', version: '1', project: '480211934112' });
    assert.deepEqual(entry('/etc/netra/secrets/redis-password').source, { kind: 'secret', secret: 'backend-files', version: '3', project: '480211934112' });
    // No items: the latest version, as a file named after the secret (not after its alias).
    assert.deepEqual(entry('/etc/tls/tls-cert').source, { kind: 'secret', secret: 'projects/733098552201/secrets/tls-cert', version: 'latest', project: '480211934112' });
    for (const secret of entries.filter((candidate) => candidate.source.kind === 'secret')) assert.equal(secret.value, undefined, `${secret.key} was given a value before Secret Manager was read`);
  });

  test('literals are described at once; a variable with only a name is the empty string', () => {
    assert.equal(entry('ENVIRONMENT').value?.text, 'staging');
    assert.equal(entry('OTEL_EXPORTER_OTLP_ENDPOINT').value?.text, 'http://localhost:4317');
    assert.equal(entry('FEATURE_FLAGS').value?.text, '');
  });

  test("each entry points at its name's line and column", () => {
    assert.deepEqual(entry('ENVIRONMENT').origin, { kind: 'manifest', file: 'deploy/backend.yaml', line: 32, column: 17 });
    assert.deepEqual(entry('JWT_SECRET_KEY').origin, { kind: 'manifest', file: 'deploy/backend.yaml', line: 41, column: 17 });
    assert.deepEqual(entry('COLLECTOR_API_KEY').origin, { kind: 'manifest', file: 'deploy/backend.yaml', line: 74, column: 17 });
    // A mounted secret points at the mount path of its volumeMount.
    assert.deepEqual(entry('/etc/tls/tls-cert').origin, { kind: 'manifest', file: 'deploy/backend.yaml', line: 69, column: 22 });
  });

  test('readManifestVariant is the variant alone', () => {
    assert.deepEqual(readManifestVariant(EXPORT, 'deploy/backend.yaml', describer, WHERE), reading.variant);
  });

  test('a sensitive literal is held as a fingerprint only', () => {
    const file = workspace.write('sensitive.yaml', withContainer('        env:\n        - name: API_TOKEN\n          value: tok-4f9a81c2d7\n'));
    const [token] = readManifestVariant(file, 'sensitive.yaml', describer, WHERE).entries;
    assert.equal(token!.value?.text, undefined);
    assert.match(token!.value!.fingerprint, /^[0-9a-f]{64}$/);
  });
});

describe('the project of secrets named without one', () => {
  const manifest = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: backend
spec:
  template:
    spec:
      containers:
      - env:
        - name: SERVICE_SECRET
          valueFrom:
            secretKeyRef: { name: service-secret, key: '1' }
`;

  test('comes from envdrift.yaml when the manifest has no namespace', () => {
    const file = workspace.write('no-namespace.yaml', manifest);
    const reading = readManifest(file, 'no-namespace.yaml', describer, WHERE, 'netra-staging');
    assert.equal(reading.project, 'netra-staging');
    assert.deepEqual(reading.variant.entries[0]!.source, { kind: 'secret', secret: 'service-secret', version: '1', project: 'netra-staging' });
  });

  test('metadata.namespace wins: it is where gcloud run services replace deploys', () => {
    const file = workspace.write('namespace.yaml', manifest.replace('  name: backend\n', '  name: backend\n  namespace: 480211934112\n'));
    assert.equal(readManifest(file, 'namespace.yaml', describer, WHERE, 'netra-staging').project, '480211934112', 'an unquoted number is accepted, as gcloud accepts it');
  });

  test('without either, a short secret name cannot be resolved: an error at the reference', () => {
    assert.deepEqual(problemsOf(manifest), [
      "service.yaml:12:35: secret 'service-secret' lives in the service's project, but the manifest has no metadata.namespace and envdrift.yaml names no Cloud Run project for it; add metadata.namespace: PROJECT",
    ]);
  });
});

describe('malformed manifests: every problem at once, with line and column', () => {
  test('wrong kind and apiVersion', () => {
    const problems = problemsOf(withContainer('').replace('kind: Service', 'kind: Job').replace('serving.knative.dev/v1', 'run.googleapis.com/v1'));
    assert.deepEqual(problems, [
      "service.yaml:1:13: apiVersion is 'run.googleapis.com/v1'; expected serving.knative.dev/v1 (a Cloud Run service as gcloud run services describe --format export writes it)",
      "service.yaml:2:7: kind is 'Job'; expected Service (a Cloud Run job has no service to check)",
    ]);
  });

  test('a Kubernetes Service is not a Cloud Run service', () => {
    assert.deepEqual(problemsOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\nspec:\n  ports:\n  - port: 80\n'), [
      "service.yaml:1:13: apiVersion is 'v1'; expected serving.knative.dev/v1 (a Cloud Run service as gcloud run services describe --format export writes it)",
      "service.yaml:5:1: spec has no 'template'",
    ]);
  });

  test('missing containers, and empty containers', () => {
    const base = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: backend\nspec:\n  template:\n    spec:\n';
    assert.deepEqual(problemsOf(`${base}      serviceAccountName: sa@p.iam.gserviceaccount.com\n`), ["service.yaml:7:5: spec.template.spec has no 'containers'"]);
    assert.deepEqual(problemsOf(`${base}      containers: []\n`), ['service.yaml:8:19: spec.template.spec.containers is empty; a service needs at least one container']);
  });

  test('missing metadata.name, and fields of the wrong type', () => {
    const problems = problemsOf('apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  namespace: p\nspec:\n  template:\n    spec:\n      containers:\n      - env: {A: b}\n');
    assert.deepEqual(problems, ["service.yaml:3:1: metadata has no 'name'", 'service.yaml:9:14: spec.template.spec.containers[0].env must be a list, found a mapping']);
  });

  test('env entries: no name, a value that is not text, neither value nor secretKeyRef, both, misspelt keys', () => {
    const problems = problemsOf(
      withContainer(`        env:
        - value: no-name
        - name: ENABLED
          value: true
        - name: PORT_NUMBER
          value: 8080
        - name: FROM_CONFIG
          valueFrom:
            configMapKeyRef: { name: app, key: url }
        - name: FROM_FIELD
          valueFrom:
            fieldRef: { fieldPath: metadata.name }
        - name: BOTH
          value: x
          valueFrom:
            secretKeyRef: { name: s, key: latest }
        - name: NOTHING
          valueFrom: {}
        - name: TYPO
          valeu: x
`),
    );
    assert.deepEqual(problems, [
      "service.yaml:12:11: spec.template.spec.containers[0].env[0] has no 'name'",
      'service.yaml:14:18: spec.template.spec.containers[0].env[1].value must be a string, found a boolean; quote it so YAML keeps it as text',
      'service.yaml:16:18: spec.template.spec.containers[0].env[2].value must be a string, found a number; quote it so YAML keeps it as text',
      'service.yaml:19:13: FROM_CONFIG (spec.template.spec.containers[0].env[3]) takes its value from valueFrom.configMapKeyRef, which Cloud Run does not support; expected valueFrom.secretKeyRef',
      'service.yaml:22:13: FROM_FIELD (spec.template.spec.containers[0].env[4]) takes its value from valueFrom.fieldRef, which Cloud Run does not support; expected valueFrom.secretKeyRef',
      'service.yaml:25:11: BOTH (spec.template.spec.containers[0].env[5]) has both value and valueFrom; give one of them',
      'service.yaml:28:22: NOTHING (spec.template.spec.containers[0].env[6]) has an empty valueFrom; expected valueFrom.secretKeyRef with name and key',
      "service.yaml:30:11: unknown key 'valeu' in spec.template.spec.containers[0].env[7] (did you mean 'value'?); expected name with value or valueFrom.secretKeyRef",
    ]);
  });

  test('secretKeyRef: a missing key, a version written as a number, a path instead of an alias', () => {
    const problems = problemsOf(
      withContainer(`        env:
        - name: NO_VERSION
          valueFrom:
            secretKeyRef:
              name: service-secret
        - name: NUMBER_VERSION
          valueFrom:
            secretKeyRef: { name: service-secret, key: 3 }
        - name: OTHER_PROJECT
          valueFrom:
            secretKeyRef: { name: projects/733098552201/secrets/jwt, key: '1' }
        - name: UNKNOWN_ALIAS
          valueFrom:
            secretKeyRef: { name: jwt-s-0e3b5a3e:latest, key: '1' }
`),
    );
    assert.deepEqual(problems, [
      "service.yaml:14:13: spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef has no 'key'",
      'service.yaml:18:56: spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.key must be a string, found a number; quote it so YAML keeps it as text',
      "service.yaml:21:35: 'projects/733098552201/secrets/jwt' is neither a secret name nor an alias declared in the run.googleapis.com/secrets annotation; a secret of another project needs an alias there (ALIAS:projects/PROJECT/secrets/NAME)",
      "service.yaml:24:35: 'jwt-s-0e3b5a3e:latest' is neither a secret name nor an alias declared in the run.googleapis.com/secrets annotation; a secret of another project needs an alias there (ALIAS:projects/PROJECT/secrets/NAME)",
    ]);
  });

  test('the secrets annotation: malformed entries and an alias declared twice', () => {
    const manifest = withContainer('        env:\n        - name: A\n          value: b\n').replace(
      '  template:\n',
      "  template:\n    metadata:\n      annotations:\n        run.googleapis.com/secrets: 'jwt:projects/1/secrets/jwt,broken,jwt:projects/2/secrets/jwt,x:secrets/y'\n",
    );
    assert.deepEqual(problemsOf(manifest), [
      "service.yaml:10:37: run.googleapis.com/secrets: 'broken' is not ALIAS:projects/PROJECT/secrets/NAME",
      'service.yaml:10:37: run.googleapis.com/secrets: alias \'jwt\' is declared twice, for projects/1/secrets/jwt and projects/2/secrets/jwt',
      "service.yaml:10:37: run.googleapis.com/secrets: 'x:secrets/y' is not ALIAS:projects/PROJECT/secrets/NAME",
    ]);
  });

  test('volumes: a mount of an undeclared volume, a secret volume without secretName, an item without path', () => {
    const problems = problemsOf(
      withContainer(`        volumeMounts:
        - name: certs
          mountPath: /etc/certs
        - name: files
          mountPath: /etc/files
      volumes:
      - name: files
        secret:
          items:
          - key: latest
`),
    );
    assert.deepEqual(problems, [
      "service.yaml:12:17: spec.template.spec.containers[0].volumeMounts[0] mounts volume 'certs', which spec.template.spec.volumes does not declare",
      "service.yaml:18:9: spec.template.spec.volumes[0].secret has no 'secretName'",
      "service.yaml:20:13: spec.template.spec.volumes[0].secret.items[0] has no 'path'",
    ]);
  });

  test('not YAML, not a mapping, not there', () => {
    assert.deepEqual(problemsOf('apiVersion: serving.knative.dev/v1\nspec: [unclosed\n'), ['service.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    assert.deepEqual(problemsOf('- just\n- a list\n'), [
      'service.yaml:1:1: expected a Cloud Run service manifest (apiVersion: serving.knative.dev/v1, kind: Service), as written by gcloud run services describe NAME --format export',
    ]);
    assert.throws(() => readManifest(workspace.path('absent.yaml'), 'absent.yaml', describer, WHERE), { name: 'UserError', message: 'manifest absent.yaml does not exist' });
  });

  test('no problem message repeats a value of the manifest', () => {
    const secret = 'Zq8wX3vK9mT2pL7r';
    const problems = problemsOf(
      withContainer(`        env:
        - name: DB_PASSWORD
          value: [${secret}]
        - name: API_TOKEN
          value: { token: ${secret} }
        - name: PIN
          value: 48213377
        - value: ${secret}
`),
    );
    assert.equal(problems.length, 4);
    for (const problem of problems) {
      assert.ok(!problem.includes(secret) && !problem.includes('48213377'), `a problem repeats a value: ${problem}`);
    }
  });
});
