import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FileProblem } from './user-error.js';
import { suggestionSuffix } from './did-you-mean.js';
import type { YamlFile } from './yaml-file.js';

/**
 * Validates a parsed YAML file against a compiled schema and turns every schema error into a problem that
 * names the line and column, what was found and what was expected. The validator must be compiled with
 * `allErrors` and `verbose` so that all problems come back at once, with their schemas.
 */
export function checkAgainstSchema(yaml: YamlFile, validate: ValidateFunction): FileProblem[] {
  if (validate(yaml.value)) return [];
  const seen = new Set<string>();
  const problems: FileProblem[] = [];
  for (const error of validate.errors ?? []) {
    const described = describeError(error);
    if (!described) continue;
    const { line, column } = yaml.locate(described.path, described.part);
    const problem = { file: yaml.file, line, column, message: described.message };
    const identity = `${line}:${column}:${problem.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    problems.push(problem);
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface DescribedError {
  path: Array<string | number>;
  part: 'key' | 'value';
  message: string;
}

function describeError(error: ErrorObject): DescribedError | undefined {
  const path = pointerToPath(error.instancePath);
  const where = path.length > 0 ? `'${path.join('.')}'` : 'the file';
  const params = error.params as Record<string, unknown>;
  const parentSchema = (error.parentSchema ?? {}) as { properties?: Record<string, unknown>; description?: string };
  switch (error.keyword) {
    case 'required':
      return { path, part: 'value', message: `${where} is missing required key '${String(params.missingProperty)}'` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(parentSchema.properties ?? {});
      return {
        path: [...path, key],
        part: 'key',
        message: `unknown key '${key}' in ${where}${suggestionSuffix(key, known)}; expected one of: ${known.join(', ')}`,
      };
    }
    case 'type':
      return { path, part: 'value', message: `${where} must be ${article(String(params.type))}, found ${describeFound(error.data)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const found = String(error.data);
      return { path, part: 'value', message: `${where} is '${shorten(found)}'${suggestionSuffix(found, allowed)}; expected one of: ${allowed.join(', ')}` };
    }
    case 'const':
      return { path, part: 'value', message: `${where} must be ${JSON.stringify(params.allowedValue)}, found ${describeFound(error.data)}` };
    case 'discriminator': {
      if (params.error === 'tag') return { path, part: 'value', message: `${where} is missing required key '${String(params.tag)}'` };
      const allowed = discriminatorValues(error);
      const found = String(params.tagValue);
      return {
        path: [...path, String(params.tag)],
        part: 'value',
        message: `unknown ${String(params.tag)} '${shorten(found)}'${suggestionSuffix(found, allowed)}; expected one of: ${allowed.join(', ')}`,
      };
    }
    default: {
      const expected = parentSchema.description ? ` (expected ${parentSchema.description})` : '';
      return { path, part: 'value', message: `${where} ${error.message ?? 'is invalid'}${expected}` };
    }
  }
}

function discriminatorValues(error: ErrorObject): string[] {
  const branches = (error.parentSchema as { oneOf?: Array<{ properties?: Record<string, { const?: string }> }> }).oneOf;
  const tag = String((error.params as { tag: string }).tag);
  return (branches ?? []).map((branch) => branch.properties?.[tag]?.const).filter((value): value is string => !!value);
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describeFound(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  return `${article(typeof data)}`;
}

function article(type: string): string {
  const named: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'a whole number' };
  if (named[type]) return named[type]!;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Echoes a found word only when it is short and word-like; anything else is not repeated, not even in part. */
function shorten(text: string): string {
  return /^[\w./*-]{1,40}$/.test(text) ? text : '(a value)';
}
