import type { protobuf } from 'google-gax';
import { isProtoJson } from './proto-json.js';

/**
 * Structural check of proto3 JSON against a message type: unknown fields, wrong nesting, unknown enum names.
 *
 * proto3-json-serializer silently drops fields it does not know, so a fixture with a typo (`secretKeyref`,
 * or snake_case `value_source`) would quietly lose data and a test would pass for the wrong reason. This walk
 * makes such fixtures fail loudly at start, with the path of every problem.
 */
export function protoJsonProblems(type: protobuf.Type, json: unknown, path: string): string[] {
  // Well-known types have special JSON forms. Timestamps and Durations are checked here, where the path is
  // known (the converter's own message for a bad timestamp even names the wrong type); the converter
  // validates the rest (Struct, Any, wrappers, ...).
  const wellKnown = WELL_KNOWN_FORMATS[type.fullName];
  if (wellKnown) return typeof json === 'string' && wellKnown.pattern.test(json) ? [] : [`${path}: expected ${wellKnown.description}, got ${JSON.stringify(json)}`];
  if (type.fullName.startsWith('.google.protobuf.')) return [];
  if (!isProtoJson(json)) return [`${path}: expected an object for ${type.fullName.slice(1)}`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key];
    if (!field) {
      problems.push(`${path}.${key}: unknown field of ${type.fullName.slice(1)}${camelCaseHint(type, key)}`);
      continue;
    }
    if (value === null) continue;
    field.resolve();
    const fieldPath = `${path}.${key}`;
    if ('map' in field && field.map) {
      if (!isProtoJson(value)) problems.push(`${fieldPath}: expected an object (map)`);
      else for (const [mapKey, item] of Object.entries(value)) problems.push(...valueProblems(field, item, `${fieldPath}[${JSON.stringify(mapKey)}]`));
    } else if (field.repeated) {
      if (!Array.isArray(value)) problems.push(`${fieldPath}: expected an array`);
      else value.forEach((item, index) => problems.push(...valueProblems(field, item, `${fieldPath}[${index}]`)));
    } else {
      problems.push(...valueProblems(field, value, fieldPath));
    }
  }
  return problems;
}

function valueProblems(field: protobuf.FieldBase, value: unknown, path: string): string[] {
  const resolved = field.resolvedType;
  if (resolved === null) return [];
  if ('fields' in resolved) return protoJsonProblems(resolved, value, path);
  // An enum: names must exist; numbers are accepted as the proto3 JSON spec allows.
  if (typeof value === 'string' && !(value in resolved.values)) {
    return [`${path}: ${JSON.stringify(value)} is not a value of ${resolved.fullName.slice(1)} (${Object.keys(resolved.values).join(', ')})`];
  }
  return [];
}

function camelCaseHint(type: protobuf.Type, key: string): string {
  const camel = key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return camel !== key && type.fields[camel] ? ` (proto3 JSON uses lowerCamelCase: ${camel})` : '';
}

const WELL_KNOWN_FORMATS: Record<string, { pattern: RegExp; description: string }> = {
  '.google.protobuf.Timestamp': {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
    description: 'an RFC 3339 timestamp like "2025-09-01T10:00:00Z"',
  },
  '.google.protobuf.Duration': { pattern: /^-?\d+(\.\d{1,9})?s$/, description: 'a duration like "300s" or "1.5s"' },
};
