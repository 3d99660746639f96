import { isProtoJson, type ProtoJson } from '../../../src/demo/fake-gcp/proto-json.js';

/** Small conversions between proto3 JSON and Kubernetes-style JSON, for the Knative rendering. */

/** A message field as an object, `{}` when unset. */
export function object(value: unknown): ProtoJson {
  return isProtoJson(value) ? value : {};
}

/** A repeated message field, `[]` when unset. */
export function list(value: unknown): ProtoJson[] {
  return Array.isArray(value) ? value.filter(isProtoJson) : [];
}

/** `projects/p/.../revisions/r` → `r`. */
export function lastSegment(name: unknown): string | undefined {
  return typeof name === 'string' && name !== '' ? name.slice(name.lastIndexOf('/') + 1) : undefined;
}

/** int64 fields arrive as decimal strings in proto3 JSON; Kubernetes objects carry plain numbers. */
export function integer(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** proto3 JSON Duration ("300s", "1.5s") to whole seconds. */
export function durationSeconds(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d+(\.\d+)?s$/.test(value) ? Math.round(Number.parseFloat(value)) : undefined;
}

/** v2 etags are quoted HTTP entity tags; a Kubernetes resourceVersion is the bare value. */
export function unquote(value: string | undefined): string | undefined {
  return value?.replace(/^"(.*)"$/, '$1');
}

/** Drops undefined members and empty objects/arrays, as a JSON API omits unset fields. */
export function compact(value: ProtoJson): ProtoJson {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => {
      if (member === undefined) return false;
      if (Array.isArray(member)) return member.length > 0;
      if (isProtoJson(member)) return Object.keys(member).length > 0;
      return true;
    }),
  );
}
