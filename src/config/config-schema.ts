/** JSON Schema of `envdrift.yaml`. Also written to `schemas/envdrift.schema.json` for editors. */

const NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', description: 'a name of letters, digits, _ . -' };
const PATH_LIST = { type: 'array', items: { type: 'string', minLength: 1 }, description: 'a list of file paths' };

const serviceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dotenv: { ...PATH_LIST, description: '.env files of this service, in order; later files override earlier ones' },
    cloudrun: {
      type: 'string',
      pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
      description: 'the Cloud Run service name, when it differs from the logical name (environment needs a cloudrun block)',
    },
    kind: {
      enum: ['service', 'job', 'worker-pool'],
      description: 'what runs it on Cloud Run: a service (default), a job or a worker pool (environment needs a cloudrun block)',
    },
    urls: {
      type: 'array',
      items: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*://', description: 'an absolute URL such as https://auth.example.com' },
      description: 'URLs under which other services reach this service (used by `reference` rules)',
    },
  },
};

const cloudRunSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['project'],
  properties: {
    project: { type: 'string', pattern: '^[a-z][-a-z0-9]{4,28}[a-z0-9]$', description: 'a Google Cloud project id such as netra-staging' },
    regions: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^[a-z]+-[a-z]+[0-9]+$', description: 'a region such as us-central1' },
      description: 'regions to read (default: every region the project uses)',
    },
    labels: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string' },
      description: 'also read every Cloud Run service with all these labels, e.g. {env: staging}',
    },
    nameLabel: { type: 'string', minLength: 1, description: "the label holding a discovered service's logical name" },
  },
  description: 'where this environment is deployed on Cloud Run',
};

const environmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['services'],
  properties: {
    production: { type: 'boolean', description: 'true for environments that serve real users' },
    cloudrun: cloudRunSchema,
    dotenv: { ...PATH_LIST, description: '.env files shared by every service of this environment, read before the service\'s own' },
    services: {
      type: 'object',
      propertyNames: NAME,
      additionalProperties: serviceSchema,
      description: 'the services of this environment, by logical name',
    },
  },
};

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://envdrift.dev/schemas/envdrift.schema.json',
  title: 'envdrift configuration (envdrift.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'environments'],
  properties: {
    version: { const: 1, description: 'the config format version, 1' },
    rules: { ...PATH_LIST, description: 'rule files or folders of *.yaml rule files, relative to this file' },
    packs: {
      type: 'array',
      items: {
        type: ['string', 'object'],
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: { type: 'object', description: "the pack's parameters" },
        description: 'a pack name, or { name: { parameter: value } } for a pack with parameters',
      },
      description: 'rule packs shipped with envdrift',
    },
    severity: {
      type: 'object',
      propertyNames: { type: 'string', minLength: 1 },
      additionalProperties: {
        enum: ['error', 'warning', 'info', 'off'],
        description: "the rule's severity in this project, or off to drop the rule and its findings",
      },
      description: 'severities by rule id, for built-in checks (envdrift/revision-drift), pack rules and your own: error, warning, info or off',
    },
    environments: {
      type: 'object',
      minProperties: 1,
      propertyNames: NAME,
      additionalProperties: environmentSchema,
      description: 'environments by name, e.g. staging, production',
    },
  },
} as const;
