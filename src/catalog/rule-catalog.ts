import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { findConfigFile, loadConfig } from '../config/load-config.js';
import type { EnvdriftConfig } from '../config/config-types.js';
import { suggestionSuffix } from '../files/did-you-mean.js';
import { UserError } from '../files/user-error.js';
import { severityOverrideProblems } from '../config/severity-overrides.js';
import { intrinsicRules } from '../model/intrinsic-rules.js';
import type { Severity } from '../model/inventory.js';
import { packageRoot } from '../files/package-root.js';
import { ruleKinds } from '../rules/kinds/index.js';
import { availablePacks, loadRules, packFile, ruleFilesOf } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule-types.js';

/** One rule as `envdrift rules` lists it. */
export interface CatalogEntry {
  id: string;
  /** `recommended` for a pack's rule, the rule file for a project rule, `envdrift` for built-in checks. */
  origin: string;
  kind: string;
  /** The severity a check uses: the config's `severity:` setting when there is one, else the rule's own. */
  severity: Severity | 'off';
  /** Where the config sets the severity (`envdrift.yaml:7:3`); absent when the rule's own severity applies. */
  severitySetAt?: string;
  /** The rule's own severity, when the config changes it. */
  defaultSeverity?: Severity;
  description: string;
  rule?: Rule;
}

/**
 * Every rule a run would apply: envdrift's own checks, the packs and the project's rule files of the config
 * in `cwd` — or, without a config, every shipped pack.
 */
export function ruleCatalog(cwd: string, configPath?: string): CatalogEntry[] {
  const config = loadConfigIfAny(cwd, configPath);
  const files = config ? ruleFilesOf(config) : availablePacks().filter((pack) => !packNeedsParameters(pack)).map(packFile);
  const rules = loadRules(files, config ?? emptyConfig(cwd), cwd);
  if (config) {
    const problems = severityOverrideProblems(config, [...Object.keys(intrinsicRules), ...rules.map((rule) => rule.id)]);
    if (problems.length > 0) throw new UserError(`${problems[0]!.file} is not a valid envdrift config`, problems);
  }
  const packOf = new Map(availablePacks().map((pack) => [packFile(pack), pack]));
  const overrides = new Map((config?.severities ?? []).map((override) => [override.ruleId, override]));
  const effective = (id: string, own: Severity) => {
    const override = overrides.get(id);
    if (!override || override.severity === own) return { severity: own };
    const { file, line, column } = override.setAt;
    return { severity: override.severity, severitySetAt: `${file}:${line}:${column}`, defaultSeverity: own };
  };
  return [
    ...Object.entries(intrinsicRules).map(([id, rule]) => ({ id, origin: 'envdrift', kind: 'built-in', ...effective(id, rule.severity), description: rule.description })),
    ...rules.map((rule) => ({
      id: rule.id,
      origin: packOf.get(resolve(cwd, rule.definedAt.file)) ?? rule.definedAt.file,
      kind: rule.kind,
      ...effective(rule.id, rule.severity),
      description: rule.description,
      rule,
    })),
  ];
}

/** The documentation of one rule, as `envdrift explain` prints it (Markdown). */
export function explainRule(catalog: readonly CatalogEntry[], id: string): string {
  const entry = catalog.find((candidate) => candidate.id === id);
  if (!entry) {
    // A shipped pack's rule is documented whether or not this config enables the pack (or can: `auth` needs parameters).
    const shipped = shippedPackRules().find((rule) => rule.id === id);
    const page = join(packageRoot, 'docs', 'rules', `${id}.md`);
    if (shipped && existsSync(page)) return `> Not applied by this configuration: enable the \`${shipped.pack}\` pack in envdrift.yaml (\`packs:\`) to apply it.\n\n${readFileSync(page, 'utf8')}`;
    const ids = [...new Set([...catalog.map((candidate) => candidate.id), ...shippedPackRules().map((rule) => rule.id)])];
    throw new UserError(`no rule '${id}'${suggestionSuffix(id, ids)}; run 'envdrift rules' to list them`);
  }
  const page = join(packageRoot, 'docs', 'rules', `${entry.id}.md`);
  if (existsSync(page)) return readFileSync(page, 'utf8');
  if (!entry.rule) {
    const intrinsic = intrinsicRules[entry.id as keyof typeof intrinsicRules];
    return `# \`${entry.id}\`\n\n**Severity** ${entry.severity}${entry.severitySetAt ? ` (set in ${entry.severitySetAt})` : ''} · built into envdrift, on unless envdrift.yaml's \`severity:\` turns it off\n\n${entry.description}\n\n**Fix:** ${intrinsic.remediation}\n\nMore: docs/rules.md ("Intrinsic rules").\n`;
  }
  return describeProjectRule(entry.rule);
}

/** A project's own rule: what it says, its options, and what its kind does (with the kind's option table). */
function describeProjectRule(rule: Rule): string {
  const kind = ruleKinds[rule.kind]!;
  const { definedAt, ...definition } = rule;
  const options = Object.entries(kind.options)
    .map(([name, schema]) => `| \`${name}\` | ${kind.requiredOptions.includes(name) ? 'required' : 'optional'} | ${(schema as { description?: string }).description ?? ''} |`)
    .join('\n');
  return [
    `# \`${rule.id}\``,
    '',
    `**Severity** ${rule.severity} · **kind** \`${rule.kind}\` · defined at ${definedAt.file}:${definedAt.line}`,
    '',
    rule.description,
    '',
    `**Fix:** ${rule.remediation}`,
    '',
    '## Definition',
    '',
    '```yaml',
    stringify(definition).trimEnd(),
    '```',
    '',
    `## The \`${rule.kind}\` kind`,
    '',
    kind.summary,
    '',
    '| option | | meaning |',
    '|---|---|---|',
    options,
    '',
    `Failing and passing examples: docs/rule-kinds/${rule.kind}.md`,
    '',
  ].join('\n');
}

function loadConfigIfAny(cwd: string, configPath?: string): EnvdriftConfig | undefined {
  try {
    return loadConfig(findConfigFile(cwd, configPath), availablePacks(), cwd);
  } catch (error) {
    // Without --config and without an envdrift.yaml, list the shipped packs; any other problem is the user's.
    if (configPath === undefined && error instanceof UserError && /no envdrift\.yaml/.test(error.message)) return undefined;
    throw error;
  }
}

function emptyConfig(cwd: string): EnvdriftConfig {
  return { file: join(cwd, 'envdrift.yaml'), baseDir: cwd, ruleFiles: [], packs: [], environments: [] };
}

/** The ids of every rule in every shipped pack, read as written (before parameters are filled in). */
function shippedPackRules(): Array<{ id: string; pack: string }> {
  return availablePacks().flatMap((pack) => {
    const rules = (parse(readFileSync(packFile(pack), 'utf8')) as { rules?: Array<{ id?: unknown }> }).rules ?? [];
    return rules.flatMap((rule) => (typeof rule.id === 'string' ? [{ id: rule.id, pack }] : []));
  });
}

/** A pack whose parameters have no defaults can only be listed for a config that gives them. */
function packNeedsParameters(pack: string): boolean {
  const declared = (parse(readFileSync(packFile(pack), 'utf8')) as { parameters?: Record<string, { default?: unknown }> }).parameters ?? {};
  return Object.values(declared).some((parameter) => parameter.default === undefined);
}
