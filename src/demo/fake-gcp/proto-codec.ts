import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { protobuf, serializer } from 'google-gax';
import { PROTO_ENTRY_FILES, protoIncludeDirs } from './proto-files.js';
import type { ProtoJson } from './proto-json.js';
import { protoJsonProblems } from './proto-json-check.js';

/**
 * Turns proto3 JSON into protobuf wire bytes and back with the types from the shipped `.proto` files.
 *
 * The fake keeps every resource as proto3 JSON (the form fixtures are written in and the REST rendering
 * serves) and converts only at the gRPC boundary. proto3-json-serializer is the converter google-gax itself
 * uses for its REST transport, so JSON → binary here follows the same rules as the real clients.
 */
export interface ProtoCodec {
  /** Binary encoding of `json` as message `typeName` (e.g. `google.cloud.run.v2.ListServicesResponse`). */
  encode(typeName: string, json: ProtoJson): Uint8Array;
  /** Everything wrong with `json` as a `typeName`, each prefixed with `path`; empty when it is valid. */
  problems(typeName: string, json: unknown, path: string): string[];
}

let loaded: ProtoCodec | undefined;

/** The codec, loaded once per process: parsing the protos takes ~100 ms and never changes. */
export function protoCodec(): ProtoCodec {
  loaded ??= loadCodec();
  return loaded;
}

function loadCodec(): ProtoCodec {
  const includeDirs = protoIncludeDirs();
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string) => resolveInclude(includeDirs, target);
  root.loadSync([...PROTO_ENTRY_FILES]);
  root.resolveAll();
  const lookup = (typeName: string): protobuf.Type => root.lookupType(typeName);
  return {
    encode(typeName, json) {
      return encodeWithCachedElements(lookup(typeName), json);
    },
    problems(typeName, json, path) {
      const type = lookup(typeName);
      const problems = protoJsonProblems(type, json, path);
      if (problems.length > 0) return problems;
      // The structural walk does not check scalar formats (timestamps, int64 strings); the converter does.
      try {
        serializer.fromProto3JSON(type, json as Parameters<typeof serializer.fromProto3JSON>[1]);
        return [];
      } catch (error) {
        return [`${path}: ${(error as Error).message.replace(/^fromProto3JSON\w*: /, '')}`];
      }
    },
  };
}

const encodedElements = new Map<protobuf.Type, WeakMap<object, Uint8Array>>();

/**
 * Lists answer the same stored resources page after page (a page of 100 revisions with 40 env vars each takes
 * ~50 ms to convert), so each element of a repeated message field is encoded once and reused. On the wire a
 * repeated field is just its elements, each behind its tag and length, and fields may come in any order, so
 * the result decodes exactly as encoding the whole message at once. Stored fixtures are never mutated.
 */
function encodeWithCachedElements(type: protobuf.Type, json: ProtoJson): Uint8Array {
  let rest: Record<string, unknown> = json as Record<string, unknown>;
  const lists: Uint8Array[] = [];
  for (const field of type.fieldsArray) {
    const elements = rest[field.name];
    if (!field.repeated || field.map || !(field.resolvedType instanceof protobuf.Type) || !Array.isArray(elements) || !elements.every(isObject)) continue;
    const elementType = field.resolvedType;
    const cache = encodedElements.get(elementType) ?? new WeakMap<object, Uint8Array>();
    encodedElements.set(elementType, cache);
    const writer = protobuf.Writer.create();
    for (const element of elements) {
      let bytes = cache.get(element);
      if (!bytes) cache.set(element, (bytes = encodeWhole(elementType, element as ProtoJson)));
      writer.uint32(((field.id << 3) | 2) >>> 0).bytes(bytes);
    }
    lists.push(writer.finish());
    rest = { ...rest };
    delete rest[field.name];
  }
  const others = encodeWhole(type, rest as ProtoJson);
  return lists.length === 0 ? others : Buffer.concat([others, ...lists]);
}

function encodeWhole(type: protobuf.Type, json: ProtoJson): Uint8Array {
  const message = serializer.fromProto3JSON(type, json as Parameters<typeof serializer.fromProto3JSON>[1]);
  return type.encode(message ?? type.create()).finish();
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Like proto-loader's `includeDirs`: the first include directory that holds the imported file wins. */
function resolveInclude(includeDirs: string[], target: string): string {
  if (isAbsolute(target)) return target;
  return includeDirs.map((dir) => join(dir, target)).find((candidate) => existsSync(candidate)) ?? target;
}
