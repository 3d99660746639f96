/**
 * The TypeScript type of a rule kind's options, derived from the JSON Schema the kind declares for them, so
 * the options are written once: the schema validates rule files at load time, and this type is what the
 * kind's functions receive. It covers the schema keywords rule kinds use (type, enum, items, properties,
 * required, anyOf); anything else is `unknown`, which the compiler makes a kind narrow before use.
 */
export type SchemaType<S> =
  S extends { enum: readonly (infer E)[] } ? E
  : S extends { anyOf: readonly (infer A)[] } ? (A extends unknown ? SchemaType<A> : never)
  : S extends { type: 'string' } ? string
  : S extends { type: 'boolean' } ? boolean
  : S extends { type: 'integer' | 'number' } ? number
  : S extends { type: 'array'; items: infer I } ? SchemaType<I>[]
  : S extends { type: 'object'; properties: infer P } ? PropertiesType<P, S extends { required: readonly (infer R)[] } ? R : never>
  : unknown;

/** An object with the given property schemas; those named in `Required` are present, the others optional. */
export type PropertiesType<P, Required> = Flatten<
  { -readonly [K in keyof P & Required]: SchemaType<P[K]> } & { -readonly [K in Exclude<keyof P, Required>]?: SchemaType<P[K]> }
>;

type Flatten<T> = { [K in keyof T]: T[K] };
