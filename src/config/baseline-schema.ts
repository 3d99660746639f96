/** JSON Schema of a baseline file (written by `--write-baseline`). Also written to `schemas/baseline.schema.json`. */

const NULLABLE_NAME = { type: ['string', 'null'] } as const;

export const baselineSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://envdrift.dev/schemas/baseline.schema.json',
  title: 'envdrift baseline (written by envdrift check --write-baseline)',
  type: 'object',
  additionalProperties: false,
  required: ['envdriftBaseline', 'createdAt', 'expires', 'findings'],
  properties: {
    envdriftBaseline: { const: 1, description: 'the baseline format version, 1' },
    createdAt: { type: 'string', description: 'the day the baseline was written' },
    createdBy: { type: 'string', description: 'the envdrift version that wrote it' },
    expires: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a date YYYY-MM-DD, the last day the baseline applies, at most 365 days ahead' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['identity', 'ruleId', 'count'],
        properties: {
          identity: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'the stable identity of the accepted findings (32 hex digits)' },
          ruleId: { type: 'string', minLength: 1 },
          environment: NULLABLE_NAME,
          service: NULLABLE_NAME,
          variant: NULLABLE_NAME,
          key: NULLABLE_NAME,
          location: { type: 'string', description: 'the file or Cloud Run resource, for the reader' },
          count: { type: 'integer', minimum: 1, description: 'how many findings had this identity' },
        },
      },
      description: 'the accepted findings, by identity',
    },
  },
} as const;
