import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { EnvdriftConfig } from '../config/config-types.js';
import { formatProblem, UserError } from '../files/user-error.js';
import { displayPath, findConfigFile, loadConfig } from '../config/load-config.js';
import { createValueDescriber, type ValueProbe } from '../fingerprints/describe-value.js';
import { looksSensitiveValue, sensitivityTest } from '../fingerprints/sensitivity.js';
import { availablePacks, loadRules, ruleFilesOf } from '../rules/load-rules.js';
import { FLAG_LIKE, inferRules, type Inference } from './infer.js';
import { initMode, readInitInputs, relativePath, type DescriberFactory, type InitRequest } from './inputs.js';
import { renderConfigFile, renderRulesFile } from './render.js';

export type { InitRequest } from './inputs.js';

/** Where init writes its rules, relative to the output folder. */
export const INIT_RULES_FILE = 'rules/envdrift-init.yaml';

export interface InitResult {
  /** Files written, as shown to the user (relative to where init ran). */
  written: string[];
  /** The config `envdrift check` should read next (the one written, or the one read), as shown to the user. */
  config: string;
  inference: Inference;
  /** Set when init read an existing config that does not load the rules file yet: what to add. */
  configHint?: string;
  /** What the person must do about what could not be read (log in, say), printed once. */
  notices: string[];
  /** Something could not be read, so the rules may miss what it holds (exit 3). */
  incomplete: boolean;
}

/** Probes init asks sources to answer on each raw value, so it can reason about values it never holds. */
const PROBES = { nonEmpty: 'envdrift-init:non-empty', flagLike: 'envdrift-init:flag-like' };
const INIT_PROBES: ValueProbe[] = [
  { id: PROBES.nonEmpty, passive: true, appliesTo: () => true, test: (value) => value.trim() !== '' },
  { id: PROBES.flagLike, passive: true, appliesTo: () => true, test: (value) => FLAG_LIKE.test(value.trim()) },
];

/**
 * `envdrift init`: reads a config's sources (or the Cloud Run projects, .env files or snapshot the flags name),
 * infers rules that hold today, and writes them — with `envdrift.yaml` when there is none — commented with their
 * evidence. Never overwrites a file unless `force`; validates what it writes with the real loaders first.
 */
export async function runInit(request: InitRequest): Promise<InitResult> {
  const mode = initMode(request);
  // An existing config gets its rules next to it, where its `rules:` paths are relative to.
  const outDir = resolve(request.cwd, request.outDir ?? (mode === 'config' ? dirname(findConfigFile(request.cwd, request.configPath)) : '.'));
  const rulesTarget = join(outDir, ...INIT_RULES_FILE.split('/'));
  const configTarget = mode === 'config' ? undefined : join(outDir, 'envdrift.yaml');
  const shown = (file: string) => displayPath(file, request.cwd);
  // Before reading anything: a long scan must not end in "cannot write".
  const existing = [configTarget, rulesTarget].filter((file): file is string => file !== undefined && existsSync(file));
  if (existing.length > 0 && !request.force) {
    throw new UserError(`${existing.map(shown).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; envdrift init never overwrites a file: pass --force to replace ${existing.length === 1 ? 'it' : 'them'}, or --out-dir DIR to write elsewhere`);
  }

  const describerFor: DescriberFactory = (marked) => {
    const isSensitiveKey = sensitivityTest(marked);
    const describer = createValueDescriber({
      ...(request.fingerprintKey !== undefined && { fingerprintKey: request.fingerprintKey }),
      isSensitiveKey,
      isSensitiveValue: looksSensitiveValue,
      probes: INIT_PROBES,
    });
    return { describer, isSensitiveKey };
  };
  const inputs = await readInitInputs(mode, { ...request, outDir }, describerFor, rulesTarget);
  const inference = inferRules(inputs.inventory, { isSensitiveKey: inputs.isSensitiveKey, declaredEnvironments: inputs.declaredEnvironments, probes: PROBES });
  inference.unread.unshift(...inputs.unread);
  const result = { inference, notices: inputs.notices, incomplete: inference.unread.length > 0 };
  const config = shown(configTarget ?? inputs.config!.file);
  if (mode !== 'config' && (inputs.plan ?? []).length === 0) return { ...result, config, written: [] }; // nothing could be read

  const meta = { sources: inputs.sources, date: request.today };
  const rulesText = renderRulesFile(inference, { ...meta, schema: '../node_modules/envdrift/schemas/rules.schema.json' });
  const configText = configTarget && renderConfigFile({ environments: inputs.plan!, rulesFile: INIT_RULES_FILE }, { ...meta, schema: 'node_modules/envdrift/schemas/envdrift.schema.json' });
  validate(rulesText, configText, inputs.config, rulesTarget, request.cwd);

  const written: string[] = [];
  for (const [file, text] of [[configTarget, configText], [rulesTarget, rulesText]] as const) {
    if (file === undefined || text === undefined) continue;
    writeNew(file, text, request.force, shown(file));
    written.push(shown(file));
  }
  const hint = inputs.config && configHint(inputs.config, rulesTarget, request.cwd);
  return { ...result, config, written, ...(hint !== undefined && { configHint: hint }) };
}

/** In config mode the user's config is theirs: init says what to add rather than editing it. */
function configHint(config: EnvdriftConfig, rulesTarget: string, cwd: string): string | undefined {
  if (config.ruleFiles.some((path) => path === rulesTarget || path === dirname(rulesTarget))) return undefined;
  const relativeRules = relativePath(config.baseDir, rulesTarget);
  return `${displayPath(config.file, cwd)} does not load ${relativeRules} yet; add it under rules: (rules: [${relativeRules}]) so envdrift check applies it — init never edits your config`;
}

/**
 * Loads what is about to be written with envdrift's own loaders (schemas, services, ids), from a scratch
 * folder laid out like the output. A failure is a bug in init, never the user's, so it is not a UserError.
 */
function validate(rulesText: string, configText: string | undefined, userConfig: EnvdriftConfig | undefined, rulesTarget: string, cwd: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'envdrift-init-'));
  try {
    const rulesFile = join(scratch, ...INIT_RULES_FILE.split('/'));
    mkdirSync(dirname(rulesFile), { recursive: true });
    writeFileSync(rulesFile, rulesText);
    if (configText !== undefined) {
      writeFileSync(join(scratch, 'envdrift.yaml'), configText);
      const config = loadConfig(join(scratch, 'envdrift.yaml'), availablePacks(), scratch);
      loadRules(ruleFilesOf(config), config, scratch);
    } else {
      const others = ruleFilesOf(userConfig!).filter((source) => resolve(source.file) !== rulesTarget);
      loadRules([...others, rulesFile], userConfig!, cwd);
    }
  } catch (error) {
    if (error instanceof UserError) {
      throw new Error(`envdrift init produced files its own loaders reject: ${error.message}\n${error.problems.map(formatProblem).join('\n')}`);
    }
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function writeNew(file: string, text: string, force: boolean, shownName: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // `wx` fails if the file appeared since the check above: still never overwrite without --force.
    writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserError(code === 'EEXIST' ? `${shownName} already exists; envdrift init never overwrites a file without --force` : `cannot write ${shownName} (${code})`);
  }
}
