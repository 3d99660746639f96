import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Inference, InferredRule } from './infer.js';

/**
 * Writes what `envdrift init` inferred as YAML with comments (the `yaml` library's Document API, so the
 * result is valid YAML however odd a key or value is). Comments carry the evidence; values appear only where
 * the inference put them (`equals` of plain keys), never a secret.
 */

const LINE_WIDTH = 110;
const TO_STRING = { lineWidth: LINE_WIDTH, flowCollectionPadding: false } as const;

/** A list this long or shorter is written on one line: `keys: [A, B]`. */
const FLOW_LIMIT = 6;

export interface RulesFileMeta {
  /** What was read, for the header: "Cloud Run project netra-staging (staging)". */
  sources: string[];
  /** YYYY-MM-DD. */
  date: string;
  /** `$schema` path for editors, relative to the rules file. */
  schema: string;
}

const SECTIONS: Record<InferredRule['kind'], string> = {
  require: 'Keys that must be set (require). Presence only: values are compared by the rules further down.',
  equals: 'Values of plain keys (equals). Only keys that do not look sensitive are quoted here; optional: true leaves presence to the require rules.',
  match: 'Keys that hold one value across services or names (match), compared by fingerprint. No value is written here.',
  source: 'Where values come from (source).',
};

export function renderRulesFile(inference: Inference, meta: RulesFileMeta): string {
  const document = new Document({ version: 1, rules: [] as unknown[] });
  document.commentBefore = header(meta, [
    `Inferred from ${plural(inference.services.length, 'service')} in ${plural(inference.environments.length, 'environment')} (${inference.environments.join(', ') || 'none'}).`,
    '',
    'These rules capture what was consistent when init read the configuration — not whether it was right. Review each one (the comment above it says what it was inferred from): delete coincidences, tighten what matters, and add what init cannot know (see docs/init.md). Nothing here is a secret: values are quoted only for keys that do not look sensitive; other keys are related by fingerprint and never quoted.',
    ...(inference.differences.length > 0 ? ['', `${plural(inference.differences.length, 'difference')} seen but not turned into rules ${inference.differences.length === 1 ? 'is' : 'are'} listed at the end.`] : []),
    ...(inference.unread.length > 0 ? ['', `${plural(inference.unread.length, 'thing')} could not be read, so nothing was inferred from ${inference.unread.length === 1 ? 'it' : 'them'} (listed at the end).`] : []),
  ]);

  const rules = document.get('rules', true) as YAMLSeq;
  let previousKind: string | undefined;
  for (const rule of inference.rules) {
    const node = document.createNode(ruleObject(rule)) as YAMLMap;
    const section = rule.kind !== previousKind ? ['', SECTIONS[rule.kind], ''] : [''];
    previousKind = rule.kind;
    node.commentBefore = [...section.flatMap((line) => commentLines(line, 2)), ...rule.evidence.flatMap((line) => (line.startsWith('  ') ? commentLines(line, 2, '  ') : commentLines(line, 2)))].join('\n').replace(/^\n/, '');
    node.spaceBefore = rules.items.length > 0;
    styleLists(node);
    rules.add(node);
  }
  if (inference.rules.length === 0) rules.flow = true;

  const trailing: string[] = [];
  if (inference.differences.length > 0) {
    trailing.push(' Seen, but not turned into rules (drift, or on purpose? decide, then fix the configuration or write a rule):');
    trailing.push(...inference.differences.flatMap((line) => commentLines(line, 0, '  - ')));
  }
  if (inference.unread.length > 0) {
    if (trailing.length > 0) trailing.push('');
    trailing.push(' Could not be read, so nothing was inferred from it (envdrift init exited 3):');
    trailing.push(...inference.unread.flatMap((line) => commentLines(line, 0, '  - ')));
  }
  if (trailing.length > 0) document.comment = trailing.join('\n');
  return withFinalNewline(document.toString(TO_STRING));
}

/** The rule as written: common fields first, then the kind's options, then the prose. */
function ruleObject(rule: InferredRule): Record<string, unknown> {
  return {
    id: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    ...(rule.environments && { environments: rule.environments }),
    ...(rule.services && { services: rule.services }),
    ...(rule.deployed !== undefined && { deployed: rule.deployed }),
    ...rule.options,
    description: rule.description,
    remediation: rule.remediation,
  };
}

/** Short lists and every `match` member on one line; long key lists one per line. */
function styleLists(node: unknown): void {
  if (isSeq(node)) {
    const scalars = node.items.every((item) => !isMap(item) && !isSeq(item));
    if (scalars && node.items.length <= FLOW_LIMIT) node.flow = true;
    for (const item of node.items) {
      if (isMap(item)) item.flow = true;
      else styleLists(item);
    }
  } else if (isMap(node)) {
    for (const pair of node.items) styleLists(pair.value);
  }
}

export interface ConfigPlan {
  environments: PlannedEnvironment[];
  /** The rule file, relative to the config. */
  rulesFile: string;
}

export interface PlannedEnvironment {
  name: string;
  production: boolean;
  cloudrun?: { project: string; regions?: string[] };
  /** Files every service of the environment reads first. */
  dotenv?: string[];
  services: PlannedService[];
  /** Comment lines above the environment. */
  notes?: string[];
}

export interface PlannedService {
  name: string;
  /** The Cloud Run service name, when it differs from the logical name. */
  cloudrun?: string;
  dotenv?: string[];
  notes?: string[];
}

export function renderConfigFile(plan: ConfigPlan, meta: RulesFileMeta): string {
  const document = new Document({
    version: 1,
    packs: ['recommended'],
    rules: [plan.rulesFile],
    environments: Object.fromEntries(
      plan.environments.map((environment) => [
        environment.name,
        {
          production: environment.production,
          ...(environment.cloudrun && { cloudrun: { project: environment.cloudrun.project, ...(environment.cloudrun.regions && { regions: environment.cloudrun.regions }) } }),
          ...(environment.dotenv && { dotenv: environment.dotenv }),
          services: Object.fromEntries(environment.services.map((service) => [service.name, { ...(service.cloudrun && { cloudrun: service.cloudrun }), ...(service.dotenv && { dotenv: service.dotenv }) }])),
        },
      ]),
    ),
  });
  document.commentBefore = header(meta, [
    "Check the names of environments and services (a service is compared with its namesakes in other environments), mark which environments serve real users (production: true), and add each service's urls (what reference rules compare against). Reference: docs/configuration.md.",
  ]);
  const top = document.contents as YAMLMap;
  const commentKey = (path: string[], lines: string[] | undefined) => {
    if (!lines || lines.length === 0) return;
    const parent = path.length === 1 ? top : (document.getIn(path.slice(0, -1), true) as YAMLMap);
    const pair = parent.items.find((item) => (item.key as { value?: unknown }).value === path.at(-1));
    if (pair) (pair.key as { commentBefore?: string }).commentBefore = lines.flatMap((line) => commentLines(line, 2 * path.length)).join('\n');
  };
  commentKey(['packs'], ['Rule packs shipped with envdrift: recommended checks what no inference can (secrets held as literals,', 'test switches in production, loopback URLs, whitespace around values, …).']);
  commentKey(['rules'], ['The rules envdrift init inferred from what it read. Review them before you rely on them.']);
  for (const environment of plan.environments) {
    commentKey(['environments', environment.name], environment.notes);
    for (const service of environment.services) commentKey(['environments', environment.name, 'services', service.name], service.notes);
  }
  styleLists(top);
  return withFinalNewline(document.toString(TO_STRING));
}

/** The first lines of a written file: the schema for editors, where it came from, then `lines`. */
function header(meta: RulesFileMeta, lines: string[]): string {
  return [
    ` yaml-language-server: $schema=${meta.schema}`,
    '',
    ...[`Written by \`envdrift init\` on ${meta.date} from ${meta.sources.join('; ')}.`, ...lines].flatMap((line) => commentLines(line, 0)),
  ].join('\n');
}

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Comment lines as the `yaml` library wants them (each with its leading space): one line of text, made safe and
 * wrapped to the line width. `indent` is the column the comment starts at; `prefix` starts the first line
 * (a list bullet), and continuation lines are indented to line up after it.
 */
function commentLines(text: string, indent: number, prefix = ''): string[] {
  const width = Math.max(40, LINE_WIDTH - indent - 2);
  const hanging = ' '.repeat(prefix.length);
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ').filter((part) => part !== '')) {
    if (line !== '' && (lines.length === 0 ? prefix : hanging).length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((content, index) => (content === '' ? '' : ` ${index === 0 ? prefix : hanging}${content}`));
}

/** Text from a source (a reason, a hand-edited snapshot's names) may span lines; a comment line must not. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
