import { suggestionSuffix } from '../files/did-you-mean.js';

/** A parameter a rule file (a pack) declares, with the value used when the config gives none. */
export interface ParameterDeclaration {
  type: 'string' | 'list' | 'integer';
  description: string;
  default?: unknown;
}

export type ParameterValues = Record<string, unknown>;

/** A problem with one parameter a config gives a pack: where it is (`key` or `value` of the parameter, or the pack entry itself). */
export interface ParameterProblem {
  /** The parameter's name, for its key or value; absent for a problem of the pack entry (a missing parameter). */
  parameter?: string;
  part: 'key' | 'value' | 'pack';
  message: string;
}

/**
 * Checks the values a config gives a pack against the pack's declarations and fills in defaults. Returns the
 * values to substitute, or the problems (unknown names with a suggestion, missing required ones, wrong types).
 */
export function resolveParameters(declared: Record<string, ParameterDeclaration>, given: ParameterValues, pack: string): { values: ParameterValues; problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  const names = Object.keys(declared);
  for (const name of Object.keys(given)) {
    if (!declared[name]) problems.push({ parameter: name, part: 'key', message: `pack '${pack}' has no parameter '${name}'${suggestionSuffix(name, names)}; its parameters: ${names.join(', ') || '(none)'}` });
  }
  const values: ParameterValues = {};
  for (const [name, declaration] of Object.entries(declared)) {
    const value = given[name] ?? declaration.default;
    if (value === undefined) {
      problems.push({ part: 'pack', message: `pack '${pack}' needs parameter '${name}' (${declaration.description}); give it in envdrift.yaml: packs: [{ ${pack}: { ${name}: ... } }]` });
      continue;
    }
    if (!hasType(value, declaration.type)) {
      problems.push({ parameter: name, part: 'value', message: `pack '${pack}' parameter '${name}' must be ${declaration.type === 'list' ? 'a list of strings' : declaration.type === 'integer' ? 'a whole number' : 'a string'}` });
      continue;
    }
    values[name] = value;
  }
  return { values, problems };
}

function hasType(value: unknown, type: ParameterDeclaration['type']): boolean {
  if (type === 'list') return Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === 'string';
}

const WHOLE_PARAMETER = /^\$\{(\w+)\}$/;
const PARAMETER_IN_TEXT = /\$\{(\w+)\}/g;

/**
 * Puts parameter values into a pack's rules: a string that is exactly `${name}` becomes the value itself (a list
 * element `${name}` naming a list is spliced in), and `${name}` inside a longer string is replaced by its text.
 */
export function substituteParameters(value: unknown, values: ParameterValues): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_PARAMETER.exec(value);
    if (whole && whole[1]! in values) return values[whole[1]!];
    return value.replace(PARAMETER_IN_TEXT, (text, name: string) => (name in values ? String(values[name]) : text));
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const whole = typeof item === 'string' ? WHOLE_PARAMETER.exec(item) : null;
      if (whole && Array.isArray(values[whole[1]!])) return values[whole[1]!] as unknown[];
      return [substituteParameters(item, values)];
    });
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteParameters(item, values)]));
  return value;
}
