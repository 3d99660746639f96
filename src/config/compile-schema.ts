import { Ajv, type ValidateFunction } from 'ajv';

let ajv: Ajv | undefined;

/** One Ajv for the run, set up to report every error at once with the schema that raised it. */
export function compileSchema(schema: object): ValidateFunction {
  ajv ??= new Ajv({ allErrors: true, verbose: true, discriminator: true, strict: true, allowUnionTypes: true });
  return ajv.compile(schema);
}
