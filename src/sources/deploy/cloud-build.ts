import type { YamlPath } from '../../files/yaml-file.js';
import type { EnvVarsFileReader } from './env-flags.js';
import { gcloudRunStep, gcloudRunSteps } from './gcloud-run-command.js';
import type { ShellWord } from './shell-words.js';
import type { DeployStep } from './deploy-step.js';
import type { YamlPlaces } from './yaml-places.js';

const GCLOUD_IMAGE = /(cloud-builders\/gcloud|cloudsdktool\/(google-)?cloud-sdk|google\/cloud-sdk)/;

/** Whether a YAML document looks like a Cloud Build config: a `steps` list of builder images. */
export function isCloudBuild(value: unknown): boolean {
  const steps = (value as { steps?: unknown } | null)?.steps;
  return Array.isArray(steps) && steps.some((step) => typeof (step as { name?: unknown } | null)?.name === 'string');
}

/**
 * The Cloud Run deploys of a Cloud Build config: gcloud / cloud-sdk steps whose `args` are a gcloud command,
 * or whose `bash -c` / `script` runs one. Substitutions (`$PROJECT_ID`, `${_REGION}`) are unknown.
 */
export function cloudBuildSteps(places: YamlPlaces, readEnvVarsFile: EnvVarsFileReader): DeployStep[] {
  const steps = (places.yaml.value as { steps: unknown[] }).steps;
  return steps.flatMap((step, index): DeployStep[] => {
    const fields = (step ?? {}) as Record<string, unknown>;
    if (typeof fields.name !== 'string' || !GCLOUD_IMAGE.test(fields.name)) return [];
    const path: YamlPath = ['steps', index];
    const context = { readEnvVarsFile };
    if (typeof fields.script === 'string') return gcloudRunSteps(fields.script, { ...context, place: places.textPlaces([...path, 'script']) });
    const args = Array.isArray(fields.args) ? fields.args.map(String) : [];
    const entrypoint = typeof fields.entrypoint === 'string' ? fields.entrypoint : 'gcloud';
    if (/(^|\/)(ba)?sh$/.test(entrypoint)) {
      const scriptIndex = args.findIndex((arg, at) => at > 0 && /^-\w*c\w*$/.test(args[at - 1]!));
      if (scriptIndex < 0) return [];
      return gcloudRunSteps(args[scriptIndex]!, { ...context, place: places.textPlaces([...path, 'args', scriptIndex]) });
    }
    if (!/(^|\/)gcloud$/.test(entrypoint)) return [];
    const words: ShellWord[] = [
      { text: 'gcloud', offsets: [0], expansions: [], start: 0 },
      ...args.map((arg, at) => substitutionWord(arg, at + 1)),
    ];
    // Each word's offsets index into its own arg; the place maps word number and offset back to the file.
    const argPlaces = args.map((_, at) => places.textPlaces([...path, 'args', at]));
    const deploy = gcloudRunStep(words, { ...context, place: (offset) => (offset >= ARG_STRIDE ? argPlaces[Math.floor(offset / ARG_STRIDE) - 1]!(offset % ARG_STRIDE) : places.place(path)) });
    return deploy ? [deploy] : [];
  });
}

/** Offsets of arg N are N × ARG_STRIDE + index, so one number says which arg and where in it. */
const ARG_STRIDE = 1 << 20;

/** An arg as Cloud Build hands it over: `$NAME` / `${NAME}` substituted (unknown here), `$$` a literal dollar. */
function substitutionWord(arg: string, number: number): ShellWord {
  const word: ShellWord = { text: '', offsets: [], expansions: [], start: number * ARG_STRIDE };
  let index = 0;
  while (index < arg.length) {
    const match = /^\$(\$|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(arg.slice(index));
    if (match && match[1] !== '$') {
      word.text += String.fromCharCode(0xe000 + word.expansions.length);
      word.expansions.push(match[0]);
      word.offsets.push(number * ARG_STRIDE + index);
      index += match[0].length;
      continue;
    }
    word.text += arg[index];
    word.offsets.push(number * ARG_STRIDE + index);
    index += match ? 2 : 1;
  }
  return word;
}
