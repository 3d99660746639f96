/**
 * JSON Schema of a snapshot (docs/snapshot.md), checked when a snapshot is read: a snapshot is a file a
 * person can edit or truncate, so it is validated like the config, every problem with its line and column.
 * Structure and types only; fields a later format may add are allowed.
 */

const NAME = { type: 'string', minLength: 1 } as const;
const LINE = { type: 'integer', minimum: 1 } as const;

const ORIGIN = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: ['file', 'cloudrun', 'snapshot', 'manifest'], description: 'where an entry came from: file, cloudrun, snapshot or manifest' },
    file: { type: 'string' },
    line: LINE,
    column: LINE,
    project: { type: 'string' },
    region: { type: 'string' },
    service: { type: 'string' },
    revision: { type: 'string' },
    container: { type: 'string' },
    describes: { type: 'string' },
  },
} as const;

const VALUE = {
  type: 'object',
  required: ['fingerprint', 'trimmedFingerprint', 'surroundingWhitespace', 'containsNewline', 'checks'],
  properties: {
    fingerprint: { type: 'string' },
    trimmedFingerprint: { type: 'string' },
    text: { type: 'string' },
    surroundingWhitespace: { type: 'boolean' },
    containsNewline: { type: 'boolean' },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
} as const;

const SOURCE = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  oneOf: [
    { required: ['kind'], properties: { kind: { const: 'literal' } } },
    {
      required: ['kind', 'secret', 'version'],
      properties: {
        kind: { const: 'secret' },
        secret: { type: 'string' },
        version: { type: 'string' },
        project: { type: 'string' },
        state: { type: 'string' },
        resolvedVersion: { type: 'string' },
      },
    },
  ],
} as const;

const ENTRY = {
  type: 'object',
  required: ['key', 'source', 'origin'],
  properties: { key: { type: 'string' }, source: SOURCE, origin: ORIGIN, value: VALUE, unreadable: { type: 'string' } },
} as const;

const PROBLEM = {
  type: 'object',
  required: ['ruleId', 'severity', 'message', 'origin'],
  properties: {
    ruleId: NAME,
    severity: { enum: ['error', 'warning', 'info'] },
    message: { type: 'string' },
    description: { type: 'string' },
    remediation: { type: 'string' },
    origin: ORIGIN,
    key: { type: 'string' },
  },
} as const;

const SERVICE = {
  type: 'object',
  required: ['name', 'variants'],
  properties: {
    name: NAME,
    urls: { type: 'array', items: { type: 'string' } },
    variants: {
      type: 'array',
      items: { type: 'object', required: ['name', 'origin', 'entries'], properties: { name: { type: 'string' }, origin: ORIGIN, entries: { type: 'array', items: ENTRY } } },
    },
    unreadable: { type: 'string' },
    problems: { type: 'array', items: PROBLEM },
  },
} as const;

export const snapshotSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://envdrift.dev/schemas/snapshot.schema.json',
  title: 'envdrift snapshot (written by envdrift snapshot)',
  type: 'object',
  required: ['envdriftSnapshot', 'environments'],
  properties: {
    envdriftSnapshot: { const: 1, description: 'the snapshot format version, 1' },
    createdAt: { type: 'string' },
    createdBy: { type: 'string' },
    fingerprintKeyId: { type: 'string' },
    environments: {
      type: 'array',
      items: { type: 'object', required: ['name', 'services'], properties: { name: NAME, production: { type: 'boolean' }, services: { type: 'array', items: SERVICE } } },
    },
  },
} as const;
