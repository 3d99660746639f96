import { ruleKinds } from './kinds/index.js';
import { SEVERITIES } from './rule-types.js';

const NAME_LIST = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1 },
  description: 'names or globs such as staging, prod-*',
};

/** Fields every rule kind shares. */
const commonProperties = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._/-]*$', description: 'a stable lower-case id such as jwt-secret-shared' },
  severity: { enum: SEVERITIES, description: 'error, warning or info' },
  description: { type: 'string', minLength: 1, description: 'what the rule protects, in one sentence' },
  message: { type: 'string', minLength: 1, description: 'headline of a finding; may use {environment} {service} {key} {variant}' },
  remediation: { type: 'string', minLength: 1, description: 'how to fix a finding; may use the same placeholders' },
  environments: { ...NAME_LIST, description: 'environment names or globs (default: all)' },
  production: { type: 'boolean', description: 'true: only environments marked production' },
  services: { ...NAME_LIST, description: 'service names or globs (default: all)' },
  deployed: { type: 'boolean', description: 'true: only deployed configuration (Cloud Run); false: only local .env files' },
  sensitive: { type: 'boolean', description: "treat the keys this rule names as secrets" },
};
const commonRequired = ['id', 'kind', 'severity', 'description', 'remediation'];

/** JSON Schema of a rule file, assembled from the kind registry. Also written to `schemas/rules.schema.json`. */
export const rulesFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://envdrift.dev/schemas/rules.schema.json',
  title: 'envdrift rule file',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    version: { const: 1, description: 'the rule file format version, 1' },
    parameters: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'description'],
        properties: {
          type: { enum: ['string', 'list', 'integer'], description: 'string, list (of strings) or integer' },
          description: { type: 'string', minLength: 1, description: 'what the parameter means' },
          default: { description: 'the value when the config gives none; without it the parameter is required' },
        },
      },
      description: 'parameters of a pack, given in envdrift.yaml as packs: [{ NAME: { parameter: value } }] and used in rules as ${parameter}',
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { type: 'string', description: `the rule kind: ${Object.keys(ruleKinds).join(', ')}` } },
        discriminator: { propertyName: 'kind' },
        oneOf: Object.values(ruleKinds).map((kind) => ({
          type: 'object',
          additionalProperties: false,
          required: [...commonRequired, ...kind.requiredOptions],
          description: kind.summary,
          properties: { ...commonProperties, kind: { const: kind.name, description: kind.summary }, ...kind.options },
        })),
      },
      description: 'the rules',
    },
  },
};
