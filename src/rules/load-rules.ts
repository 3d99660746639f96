import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileSchema } from '../files/compile-schema.js';
import type { EnvdriftConfig, PackUse } from '../config/config-types.js';
import { displayPath } from '../config/load-config.js';
import { UserError, type FileProblem } from '../files/user-error.js';
import { readUserFile } from '../files/read-user-file.js';
import { checkAgainstSchema } from '../files/schema-check.js';
import { parseYamlFile, type YamlFile } from '../files/yaml-file.js';
import { packageRoot } from '../files/package-root.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { isGlob } from '../util/glob.js';
import { ruleKinds } from './kinds/index.js';
import { resolveParameters, substituteParameters, type ParameterDeclaration } from './pack-parameters.js';
import { declaredServiceNames, discoversServices, type RuleProblem } from './rule-kind.js';
import { rulesFileSchema } from './rule-schema.js';
import { MESSAGE_PLACEHOLDERS, type Rule } from './rule-types.js';

const PACKS_DIR = join(packageRoot, 'rules');
const RULE_FILE = /\.ya?ml$/i;

/** Names of the rule packs shipped in the package's `rules/` folder. */
export function availablePacks(): string[] {
  return readdirSync(PACKS_DIR)
    .filter((name) => RULE_FILE.test(name))
    .map((name) => name.replace(RULE_FILE, ''))
    .sort();
}

export function packFile(pack: string): string {
  return join(PACKS_DIR, `${pack}.yaml`);
}

/** A rule file to load, with the parameter values the config gives it when it is a pack. */
export interface RuleSource {
  file: string;
  /** Set for a pack: the values of its declared parameters (possibly none). */
  parameters?: Record<string, unknown>;
  pack?: string;
  /** Where the config names the pack and its parameters (see PackUse). */
  declaredAt?: PackUse['declaredAt'];
  parameterAt?: PackUse['parameterAt'];
}

/** The rule files a config asks for: its packs first, then its own files and folders (folders: *.yaml, sorted). */
export function ruleFilesOf(config: EnvdriftConfig): RuleSource[] {
  return [
    ...config.packs.map((pack) => ({
      file: packFile(pack.name),
      parameters: pack.parameters,
      pack: pack.name,
      ...(pack.declaredAt && { declaredAt: pack.declaredAt }),
      ...(pack.parameterAt && { parameterAt: pack.parameterAt }),
    })),
    ...config.ruleFiles.flatMap(expandRulePath).map((file) => ({ file })),
  ];
}

function expandRulePath(path: string): string[] {
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return [path]; // reading it will report that it does not exist
  }
  if (!isFolder) return [path];
  return readdirSync(path)
    .filter((name) => RULE_FILE.test(name))
    .sort()
    .map((name) => join(path, name));
}

export interface LoadRulesOptions {
  /**
   * Check selectors and kind options against the config's environments and services (default). Off when the
   * config itself is invalid: the rule files' own problems are still reported with the config's, all at once.
   */
  checkAgainstConfig?: boolean;
}

/**
 * Loads and validates rule files. Every problem in every file is collected (schema, regular expressions,
 * placeholders, duplicate ids across files, references to undeclared services) before one `UserError`.
 */
export function loadRules(sources: ReadonlyArray<RuleSource | string>, config: EnvdriftConfig, displayBase: string, options: LoadRulesOptions = {}): Rule[] {
  const againstConfig = options.checkAgainstConfig ?? true;
  const validate = compileSchema(rulesFileSchema);
  const problems: FileProblem[] = [];
  const rules: Rule[] = [];
  const firstDefinition = new Map<string, string>();
  const files = sources.map((source) => (typeof source === 'string' ? { file: source } : source));
  for (const { file, parameters, pack, declaredAt, parameterAt } of files) {
    const shown = displayPath(file, displayBase);
    let yaml: YamlFile;
    try {
      yaml = parseYamlFile(shown, readUserFile(file, 'rule file'));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...(error.problems.length > 0 ? error.problems : [{ file: shown, line: 1, column: 1, message: error.message }]));
      continue;
    }
    const declared = (yaml.value as { parameters?: Record<string, ParameterDeclaration> } | null)?.parameters;
    if (declared || parameters) {
      const { values, problems: parameterProblems } = resolveParameters(declared ?? {}, parameters ?? {}, pack ?? shown);
      // Parameters are written in envdrift.yaml: point at the pack entry or the parameter there.
      const entry = declaredAt ?? { file: displayPath(config.file, displayBase), line: 1, column: 1 };
      problems.push(
        ...parameterProblems.map(({ parameter, part, message }) => {
          const at = parameter !== undefined && part !== 'pack' ? parameterAt?.[parameter]?.[part] : undefined;
          return { ...entry, ...at, message };
        }),
      );
      if (parameterProblems.length > 0) continue;
      const value = yaml.value as Record<string, unknown>;
      yaml = { ...yaml, value: { ...value, rules: substituteParameters(value.rules, values) } };
    }
    const schemaProblems = checkAgainstSchema(yaml, validate);
    problems.push(...schemaProblems);
    if (schemaProblems.length > 0) continue;

    const rawRules = (yaml.value as { rules: Array<Record<string, unknown>> }).rules;
    rawRules.forEach((raw, index) => {
      const at = (path: Array<string | number>, part: 'key' | 'value' = 'value') => ({ file: shown, ...yaml.locate(['rules', index, ...path], part) });
      const rule = { ...raw, definedAt: at([]) } as Rule;
      if (rule.id.startsWith('envdrift/')) problems.push({ ...at(['id']), message: `rule id '${rule.id}' is reserved: ids starting with envdrift/ name envdrift's own checks` });
      if (againstConfig) problems.push(...selectorProblems(rule, config).map((problem) => ({ ...at(problem.path), message: problem.message })));
      const previous = firstDefinition.get(rule.id);
      if (previous) problems.push({ ...at(['id']), message: `rule id '${rule.id}' is already defined at ${previous}; ids must be unique` });
      else firstDefinition.set(rule.id, `${shown}:${rule.definedAt.line}`);
      if (againstConfig) for (const problem of ruleKinds[rule.kind]!.check?.(rule, config) ?? []) problems.push({ ...at(problem.path), message: problem.message });
      for (const field of ['message', 'remediation'] as const) {
        for (const placeholder of unknownPlaceholders(rule[field])) {
          problems.push({ ...at([field]), message: `'${field}' uses unknown placeholder {${placeholder}}; expected one of: ${MESSAGE_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}` });
        }
      }
      rules.push(rule);
    });
  }
  if (problems.length > 0) {
    const fileOrder = new Map(files.map(({ file }, index) => [displayPath(file, displayBase), index]));
    problems.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line || a.column - b.column);
    throw new UserError(`invalid rules (${problems.length} problem${problems.length === 1 ? '' : 's'})`, problems);
  }
  return rules;
}

function unknownPlaceholders(template: string | undefined): string[] {
  if (!template) return [];
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!).filter((name) => !(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name));
}

/**
 * An exact name in `environments` or `services` that the config never declares would silently turn the rule
 * off — a false green. Globs may match nothing (a pack's rule for production in a project without one).
 */
function selectorProblems(rule: Rule, config: EnvdriftConfig): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const environments = config.environments.map((environment) => environment.name);
  const services = declaredServiceNames(config);
  const check = (field: 'environments' | 'services', declared: string[]) =>
    (rule[field] ?? []).forEach((name, index) => {
      if (isGlob(name) || declared.includes(name) || (field === 'services' && discoversServices(config))) return;
      problems.push({ path: [field, index], message: `${field === 'environments' ? 'environment' : 'service'} '${name}' is not declared in the config${suggestionSuffix(name, declared)}; declared: ${declared.join(', ')}` });
    });
  check('environments', environments);
  check('services', services);
  return problems;
}
