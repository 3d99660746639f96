/**
 * Writes the JSON Schemas of envdrift.yaml, rule files, suppression files and baselines to `schemas/`, for
 * editors (yaml-language-server) and other tools. The schemas are generated from the code so the two cannot
 * drift; a test checks the committed files are current. Run with `npm run schemas`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baselineSchema } from '../src/config/baseline-schema.js';
import { configSchema } from '../src/config/config-schema.js';
import { suppressionFileSchema } from '../src/config/suppression-schema.js';
import { packageRoot } from '../src/files/package-root.js';
import { rulesFileSchema } from '../src/rules/rule-schema.js';

export const schemaFiles = {
  'envdrift.schema.json': configSchema,
  'rules.schema.json': rulesFileSchema,
  'ignore.schema.json': suppressionFileSchema,
  'baseline.schema.json': baselineSchema,
};

export function renderSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const [name, schema] of Object.entries(schemaFiles)) writeFileSync(join(packageRoot, 'schemas', name), renderSchema(schema));
}
