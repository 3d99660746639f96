import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

/** Ajv options shared by the build-time compiler (scripts/compile-validators.ts) and the runtime fallback. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, discriminator: true, strict: true, allowUnionTypes: true } as const;

/** Identifies a schema's content, so a precompiled validator is used only for the schema it was built from. */
export function schemaDigest(schema: object): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

interface PrecompiledModule {
  digests: Record<string, string>;
  [name: string]: unknown;
}

const require = createRequire(import.meta.url);

/**
 * Returns the validator for a schema. `npm run build` precompiles validators to `dist/src/generated/`
 * (compiling with Ajv at start-up costs ~100 ms of every run's cold start); if that file is missing or was
 * built from a different schema, the schema is compiled now, so a stale build can be slow but never wrong.
 */
export function compileSchema(schema: object & { $id: string }): ValidateFunction {
  const precompiled = loadPrecompiled();
  const validate = precompiled?.[schema.$id];
  if (typeof validate === 'function' && precompiled?.digests[schema.$id] === schemaDigest(schema)) return validate as ValidateFunction;
  return compileNow(schema);
}

function loadPrecompiled(): PrecompiledModule | undefined {
  try {
    return require('../generated/validators.cjs') as PrecompiledModule;
  } catch {
    return undefined;
  }
}

let ajv: { compile(schema: object): ValidateFunction } | undefined;

function compileNow(schema: object): ValidateFunction {
  const { Ajv } = require('ajv') as typeof import('ajv');
  ajv ??= new Ajv(AJV_OPTIONS);
  return ajv.compile(schema);
}
