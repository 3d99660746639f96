/** JSON Schema of the suppression file (`envdrift.ignore.yaml`). Also written to `schemas/ignore.schema.json`. */

const TARGET = { type: 'string', minLength: 1 } as const;

const entrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rule', 'reason', 'expires'],
  properties: {
    rule: { type: 'string', minLength: 1, description: 'the id of the rule whose findings are accepted, e.g. recommended/no-test-switches-in-production or envdrift/duplicate-key' },
    environment: { ...TARGET, description: 'only findings in this environment (a name, or a glob with * and ?)' },
    service: { ...TARGET, description: 'only findings about this service (a name, or a glob)' },
    key: { ...TARGET, description: 'only findings about this key (a name, or a glob)' },
    fingerprint: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: "the finding's valueFingerprint from the JSON report (64 hex digits; needs ENVDRIFT_FINGERPRINT_KEY): once the value changes, the entry no longer applies",
    },
    reason: { type: 'string', pattern: '\\S', description: 'why the finding is accepted for now (not empty), e.g. a ticket' },
    expires: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a date YYYY-MM-DD, the last day the entry applies, at most 365 days ahead' },
  },
  description: 'a suppression: a rule, optionally a target, a reason and an expiry date',
} as const;

export const suppressionFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://envdrift.dev/schemas/ignore.schema.json',
  title: 'envdrift suppressions (envdrift.ignore.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'suppressions'],
  properties: {
    version: { const: 1, description: 'the suppression file format version, 1' },
    suppressions: { type: 'array', items: entrySchema, description: 'accepted findings, each with a reason and an expiry date' },
  },
} as const;
