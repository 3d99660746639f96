import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { compileSchema } from '../src/files/compile-schema.js';
import { configSchema } from '../src/config/config-schema.js';
import { rulesFileSchema } from '../src/rules/rule-schema.js';

const require = createRequire(import.meta.url);

test('the build precompiles the validators the CLI uses, so start-up skips the Ajv compiler', () => {
  const precompiled = require('../src/generated/validators.cjs') as Record<string, unknown>;
  for (const schema of [configSchema, rulesFileSchema]) {
    assert.equal(compileSchema(schema), precompiled[schema.$id], `${schema.$id} was compiled at run time`);
  }
});

test('a schema that differs from the precompiled one is compiled afresh, never validated by stale code', () => {
  const changed = { ...configSchema, properties: { ...configSchema.properties, version: { const: 2 } } };
  const validate = compileSchema(changed);
  assert.notEqual(validate, compileSchema(configSchema));
  assert.equal(validate({ version: 1, environments: { staging: { services: {} } } }), false);
  assert.equal(validate({ version: 2, environments: { staging: { services: { api: {} } } } }), true);
});
