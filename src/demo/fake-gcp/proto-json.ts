/**
 * A protobuf message in canonical proto3 JSON form (lowerCamelCase keys, enums as names, int64 as decimal
 * strings, bytes as base64, Timestamps as RFC 3339 strings) — what the REST API returns and what fixtures hold.
 */
export type ProtoJson = { [field: string]: unknown };

export function isProtoJson(value: unknown): value is ProtoJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field of a message, or `undefined` when absent or not a string. */
export function stringField(message: ProtoJson, field: string): string | undefined {
  const value = message[field];
  return typeof value === 'string' ? value : undefined;
}
