import { EnvFlagCollector, ENV_FLAGS, type EnvFlag, type EnvVarsFileReader, type FlagValue } from './env-flags.js';
import { GCLOUD_RUN_FLAGS, GCLOUD_WIDE_FLAGS, type GcloudRunCommand } from './gcloud-run-flags.js';
import { isUnknown, shownText, tokenizeShell, ShellSyntaxError, type ShellCommand, type ShellWord } from './shell-words.js';
import { StepProblem, type Declared, type DeployStep, type Place } from './deploy-step.js';

/** What reading commands out of a script needs from the file around it. */
export interface ScriptContext {
  /** The place in the declaration file of an offset in the script. */
  place: (offset: number) => Place;
  readEnvVarsFile: EnvVarsFileReader;
  /** GitHub Actions replaces `${{ … }}` before the shell runs. */
  githubExpressions?: boolean;
}

/** Words that may stand before `gcloud` in a command without making it another command. */
const PREFIX_WORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', 'sudo', 'exec', 'command', 'nohup', '{', 'env']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const COMMAND_PATHS: Record<string, GcloudRunCommand> = { 'run deploy': 'run deploy', 'run services update': 'run services update', 'run jobs deploy': 'run jobs deploy', 'run jobs update': 'run jobs update' };

/** Every Cloud Run deploy in a script, in order. Other commands are left alone. */
export function gcloudRunSteps(script: string, context: ScriptContext): DeployStep[] {
  let commands: ShellCommand[];
  try {
    commands = tokenizeShell(script, { githubExpressions: context.githubExpressions ?? false });
  } catch (error) {
    if (error instanceof ShellSyntaxError) throw new StepProblem(`cannot tokenize this shell text: ${error.message}`, context.place(error.offset));
    throw error;
  }
  return commands.flatMap((command) => {
    const step = gcloudRunStep(command.words, context);
    return step ? [step] : [];
  });
}

/** The deploy a command makes, when it is `gcloud [alpha|beta] run deploy|services update|jobs deploy|jobs update`. */
export function gcloudRunStep(words: readonly ShellWord[], context: ScriptContext): DeployStep | undefined {
  let start = 0;
  while (start < words.length && (PREFIX_WORDS.has(words[start]!.text) || ASSIGNMENT.test(words[start]!.text))) start++;
  const program = words[start];
  if (!program || !(program.text === 'gcloud' || program.text.endsWith('/gcloud'))) return undefined;

  // The command path is found among the positionals; only gcloud-wide flags can come before it.
  const path: string[] = [];
  let index = start + 1;
  let command: GcloudRunCommand | undefined;
  while (index < words.length && command === undefined) {
    const text = words[index]!.text;
    if (text.startsWith('-')) {
      const name = flagName(text);
      index += !text.includes('=') && (GCLOUD_WIDE_FLAGS.values as readonly string[]).includes(name) ? 2 : 1;
      continue;
    }
    if (path.length === 0 && (text === 'alpha' || text === 'beta')) {
      index++;
      continue;
    }
    path.push(text);
    index++;
    command = COMMAND_PATHS[path.join(' ')];
    if (command === undefined && (path.length >= 3 || path[0] !== 'run')) return undefined;
  }
  if (command === undefined) return undefined;
  return readRunCommand(command, words, index, { ...context, wordsBefore: words.slice(start + 1, index) });
}

/** The flags of a deploy-cloudrun step's `flags:` input, read as extra arguments of the command it runs. */
export function readExtraFlags(words: readonly ShellWord[], command: GcloudRunCommand, collector: EnvFlagCollector, context: ScriptContext, step: { project?: Declared; region?: Declared; container?: string }): void {
  parseFlags(words, 0, command, collector, context, step, () => {
    throw new StepProblem('flags: holds a positional argument; the service is named by the service input', context.place(words[0]?.start ?? 0));
  });
}

function readRunCommand(command: GcloudRunCommand, words: readonly ShellWord[], from: number, context: ScriptContext & { wordsBefore: ShellWord[] }): DeployStep {
  const at = context.place(words[0]!.start);
  const collector = new EnvFlagCollector(context.place, context.readEnvVarsFile);
  const step: { project?: Declared; region?: Declared; container?: string } = {};
  const positionals: ShellWord[] = [];
  // Wide flags before the command path (`gcloud --project P run deploy`) count as well.
  parseFlags(context.wordsBefore, 0, command, collector, context, step, () => undefined);
  parseFlags(words, from, command, collector, context, step, (word) => positionals.push(word));
  const resource = command.startsWith('run jobs') ? 'job' : 'service';
  const label = `gcloud ${command}`;
  if (positionals.length === 0) throw new StepProblem(`${label} names no ${resource}: envdrift cannot tell which ${resource} it deploys (gcloud would prompt for one)`, at);
  if (positionals.length > 1) throw new StepProblem(`${label} takes one ${resource} name, found ${positionals.length} positional arguments`, context.place(positionals[1]!.start));
  const nameWord = positionals[0]!;
  return {
    at,
    label: `${label} ${shownText(nameWord.text, nameWord)}`,
    resource,
    name: declared(nameWord, nameWord.text),
    ...(step.project && { project: step.project }),
    ...(step.region && { region: step.region }),
    ...(step.container !== undefined && { container: step.container }),
    changes: collector.changes(),
  };
}

function parseFlags(
  words: readonly ShellWord[],
  from: number,
  command: GcloudRunCommand,
  collector: EnvFlagCollector,
  context: ScriptContext,
  step: { project?: Declared; region?: Declared; container?: string },
  positional: (word: ShellWord) => void,
): void {
  const known = GCLOUD_RUN_FLAGS[command];
  const takesValue = (name: string) => known.values.includes(name) || (GCLOUD_WIDE_FLAGS.values as readonly string[]).includes(name);
  const isSwitch = (name: string) => known.switches.includes(name) || (GCLOUD_WIDE_FLAGS.switches as readonly string[]).includes(name);
  let containerOfEnv: string | undefined;
  for (let index = from; index < words.length; index++) {
    const word = words[index]!;
    if (word.text === '--') {
      words.slice(index + 1).forEach(positional);
      return;
    }
    if (!word.text.startsWith('-') || word.text === '-') {
      positional(word);
      continue;
    }
    const name = flagName(word.text);
    const flagAt = context.place(word.start);
    const equals = word.text.indexOf('=');
    let value: FlagValue | undefined;
    if (takesValue(name)) {
      if (equals >= 0) value = { word, from: equals + 1 };
      else if (index + 1 < words.length) value = { word: words[++index]!, from: 0 };
      else throw new StepProblem(`--${name} needs a value`, flagAt);
    } else if (isSwitch(name)) {
      if (equals >= 0) throw new StepProblem(`--${name} takes no value`, flagAt);
    } else {
      const shown = isUnknown(word.text) ? shownText(word.text, word) : word.text.slice(0, equals >= 0 ? equals : undefined);
      throw new StepProblem(`gcloud ${command} has no flag ${shown}: envdrift refuses to guess whether it takes a value (see gcloud ${command} --help)`, flagAt);
    }
    if (name === 'flags-file') throw new StepProblem('--flags-file is not read by envdrift: write the env and secret flags on the command itself', flagAt);
    if (name === 'project' && value) step.project = declared(value.word, value.word.text.slice(value.from));
    else if (name === 'region' && value) step.region = declared(value.word, value.word.text.slice(value.from));
    else if (name === 'container' && value) step.container = value.word.text.slice(value.from);
    else if ((ENV_FLAGS as readonly string[]).includes(name)) {
      if (containerOfEnv !== undefined && containerOfEnv !== (step.container ?? '')) {
        throw new StepProblem(`env and secret flags for more than one container in one command are not read by envdrift yet; split the command`, flagAt);
      }
      containerOfEnv = step.container ?? '';
      collector.add(name as EnvFlag, value, flagAt);
    }
  }
}

function flagName(text: string): string {
  const equals = text.indexOf('=');
  return text.slice(text.startsWith('--') ? 2 : 1, equals >= 0 ? equals : undefined);
}

function declared(word: ShellWord, text: string): Declared {
  return isUnknown(text) ? { known: false, writtenAs: shownText(text, word) } : { known: true, text };
}
