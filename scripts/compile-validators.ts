/**
 * Build step: compiles the JSON Schemas of envdrift.yaml, rule files, suppression files and baselines into
 * standalone validator code (Ajv "standalone"), so the CLI does not load and run the Ajv compiler on every
 * start. Each validator is stored with the digest of its schema; `compileSchema` uses it only when the digest
 * still matches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import * as standalone from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, schemaDigest } from '../src/files/compile-schema.js';
import { baselineSchema } from '../src/config/baseline-schema.js';
import { configSchema } from '../src/config/config-schema.js';
import { snapshotSchema } from '../src/config/snapshot-schema.js';
import { suppressionFileSchema } from '../src/config/suppression-schema.js';
import { packageRoot } from '../src/files/package-root.js';
import { rulesFileSchema } from '../src/rules/rule-schema.js';

const schemas = [configSchema, rulesFileSchema, suppressionFileSchema, baselineSchema, snapshotSchema];
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
for (const schema of schemas) ajv.addSchema(schema);
const exportsById = Object.fromEntries(schemas.map((schema) => [schema.$id, schema.$id]));
// The CommonJS module's default export, however the ESM/CJS interop presents it.
const code = standalone.default as unknown as (ajv: Ajv, refs: Record<string, string>) => string;
const digests = Object.fromEntries(schemas.map((schema) => [schema.$id, schemaDigest(schema)]));

const target = join(packageRoot, 'dist', 'src', 'generated', 'validators.cjs');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${code(ajv, exportsById)}\nexports.digests = ${JSON.stringify(digests)};\n`);
