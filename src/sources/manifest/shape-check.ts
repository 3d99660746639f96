import type { FileProblem } from '../../files/user-error.js';
import { suggestionSuffix } from '../../files/did-you-mean.js';
import type { YamlFile, YamlPath } from '../../files/yaml-file.js';

/**
 * Collects every problem of a manifest with its line and column, so all of them are reported at once.
 * Messages say what was found by its type only ("found a number"), never by its value: a manifest holds
 * plain values that may be secrets.
 */
export class ShapeCheck {
  readonly problems: FileProblem[] = [];

  constructor(readonly yaml: YamlFile) {}

  problem(path: YamlPath, message: string, part: 'key' | 'value' = 'value'): void {
    const { line, column } = this.yaml.locate(path, part);
    this.problems.push({ file: this.yaml.file, line, column, message });
  }

  /** A mapping, or undefined (with a problem when something else is there, or when it is required and absent). */
  map(value: unknown, path: YamlPath, required: boolean): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.missing(path);
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problem(path, `${shownPath(path)} must be a mapping, found ${describeFound(value)}`);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  list(value: unknown, path: YamlPath, required: boolean): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (required) this.missing(path);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.problem(path, `${shownPath(path)} must be a list, found ${describeFound(value)}`);
      return undefined;
    }
    return value;
  }

  /** A string; numbers and booleans are refused as the Cloud Run API refuses them, with a hint to quote them. */
  string(value: unknown, path: YamlPath, required: boolean): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.missing(path);
      return undefined;
    }
    if (typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? '; quote it so YAML keeps it as text' : '';
      this.problem(path, `${shownPath(path)} must be a string, found ${describeFound(value)}${hint}`);
      return undefined;
    }
    return value;
  }

  /** Reports keys outside a small closed set (a misspelt `valeu:` would otherwise silently deploy an empty variable). */
  knownKeys(object: Record<string, unknown>, path: YamlPath, known: readonly string[], expected: string): void {
    for (const key of Object.keys(object)) {
      if (!known.includes(key)) this.problem([...path, key], `unknown key '${key}' in ${shownPath(path)}${suggestionSuffix(key, known)}; expected ${expected}`, 'key');
    }
  }

  private missing(path: YamlPath): void {
    const parent = path.slice(0, -1);
    // Point at the parent's key (`secretKeyRef:`), or at the list item, rather than at its first field.
    const part = typeof parent[parent.length - 1] === 'string' ? 'key' : 'value';
    this.problem(parent, `${parent.length > 0 ? shownPath(parent) : 'the manifest'} has no '${String(path[path.length - 1])}'`, part);
  }
}

/** `spec.template.spec.containers[0].env[2]`, the way kubectl and Cloud Run error messages name fields. */
export function shownPath(path: YamlPath): string {
  return path.reduce<string>((shown, step) => (typeof step === 'number' ? `${shown}[${step}]` : shown === '' ? step : `${shown}.${step}`), '');
}

function describeFound(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
