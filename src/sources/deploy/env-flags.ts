import { splitGcloudDict, splitGcloudList } from './gcloud-list.js';
import { expansionsIn, isUnknown, shownText, type ShellWord } from './shell-words.js';
import { StepProblem, type Declared, type EnvAssignment, type EnvChange, type KeyRemoval, type Place, type SecretAssignment } from './deploy-step.js';

/** The flags that change env vars and secret references; everything else a deploy sets is not envdrift's business. */
export const ENV_FLAGS = ['set-env-vars', 'update-env-vars', 'remove-env-vars', 'clear-env-vars', 'env-vars-file', 'set-secrets', 'update-secrets', 'remove-secrets', 'clear-secrets'] as const;
export type EnvFlag = (typeof ENV_FLAGS)[number];

/** A flag's value: a word of the script (or the part after `=`), with the position of each character. */
export interface FlagValue {
  word: ShellWord;
  /** Index in `word.text` where the value starts (after `--flag=`). */
  from: number;
}

/** Reads an `--env-vars-file`: its assignments, or why its keys cannot be known. */
export type EnvVarsFileReader = (path: Declared, at: Place) => { assignments: EnvAssignment[] } | { unknown: string };

/**
 * Collects the env and secret flags of one gcloud command (or one deploy-cloudrun step) and turns them into
 * the two changes gcloud makes, with gcloud's rules: `--set-env-vars`, `--env-vars-file` and `--clear-env-vars`
 * exclude each other and `--update-env-vars`/`--remove-env-vars` (likewise for secrets); a repeated flag adds to
 * the earlier one.
 */
export class EnvFlagCollector {
  private readonly seen = new Map<EnvFlag, Place>();
  private readonly env: EnvChange = { kind: 'env', clear: false, removes: [], updates: [] };
  private readonly secrets: EnvChange = { kind: 'secrets', clear: false, removes: [], updates: [] };

  constructor(private readonly place: (offset: number) => Place, private readonly readEnvVarsFile: EnvVarsFileReader) {}

  add(flag: EnvFlag, value: FlagValue | undefined, flagAt: Place, shownFlag = `--${flag}`): void {
    this.checkExclusive(flag, flagAt, shownFlag);
    this.seen.set(flag, flagAt);
    const secrets = flag.endsWith('secrets');
    const change = secrets ? this.secrets : this.env;
    if (flag.startsWith('clear-') || flag.startsWith('set-') || flag === 'env-vars-file') {
      change.clear = true;
      change.clearAt ??= flagAt;
    }
    if (flag.startsWith('clear-')) return;
    if (value === undefined) throw new StepProblem(`${shownFlag} needs a value`, flagAt);
    if (flag === 'env-vars-file') {
      const read = this.readEnvVarsFile(this.declared(value.word, value.word.text.slice(value.from)), this.at(value, 0));
      if ('unknown' in read) change.unknownKeys = read.unknown;
      else this.update(change, read.assignments);
      return;
    }
    if (flag.startsWith('remove-')) {
      for (const item of this.items(() => splitGcloudList(value.word.text.slice(value.from)), value, shownFlag)) {
        const key = item.text.trim();
        if (key !== '') change.removes.push({ key: this.knownKey(key, value, shownFlag, item.at), at: this.at(value, item.at) });
      }
      return;
    }
    const items = this.items(() => splitGcloudDict(value.word.text.slice(value.from)), value, shownFlag);
    const assignments = items.map((item) => {
      const key = this.knownKey(item.key, value, shownFlag, item.keyAt);
      const at = this.at(value, item.keyAt);
      return secrets ? secretAssignment(key, item.value, at, value.word, shownFlag) : { key, value: this.declared(value.word, item.value), at };
    });
    this.update(change, assignments);
  }

  /**
   * Assignments a deploy-cloudrun input stands for: the Action turns `env_vars`/`secrets` into
   * `--update-*` (merge) or `--set-*` (overwrite) flags of the command it runs.
   */
  addDeclared(flag: 'set-env-vars' | 'update-env-vars' | 'set-secrets' | 'update-secrets', assignments: Array<EnvAssignment | SecretAssignment>, flagAt: Place, shownFlag: string): void {
    this.checkExclusive(flag, flagAt, shownFlag);
    this.seen.set(flag, flagAt);
    const change = flag.endsWith('secrets') ? this.secrets : this.env;
    if (flag.startsWith('set-')) {
      change.clear = true;
      change.clearAt ??= flagAt;
    }
    this.update(change, assignments);
  }

  /** Literal env vars first, then secrets: the order gcloud applies them in. */
  changes(): EnvChange[] {
    return [this.env, this.secrets].filter((change) => change.clear || change.removes.length > 0 || change.updates.length > 0 || change.unknownKeys !== undefined);
  }

  private update(change: EnvChange, assignments: Array<EnvAssignment | SecretAssignment>): void {
    for (const assignment of assignments) {
      // A key given twice keeps the last value, as gcloud's dictionary flags do.
      change.updates = change.updates.filter((earlier) => earlier.key !== assignment.key);
      change.updates.push(assignment);
    }
  }

  private checkExclusive(flag: EnvFlag, at: Place, shownFlag: string): void {
    const family = flag.endsWith('secrets') ? 'secrets' : 'env-vars';
    const replacing = family === 'secrets' ? ['set-secrets', 'clear-secrets'] : ['set-env-vars', 'clear-env-vars', 'env-vars-file'];
    const editing = family === 'secrets' ? ['update-secrets', 'remove-secrets'] : ['update-env-vars', 'remove-env-vars'];
    const conflicting = replacing.includes(flag) ? [...replacing.filter((other) => other !== flag), ...editing] : replacing;
    const other = conflicting.find((name) => this.seen.has(name as EnvFlag));
    if (other !== undefined) throw new StepProblem(`${shownFlag} cannot be combined with --${other} in one command (gcloud refuses: at most one of them may be given)`, at);
  }

  private items<T>(split: () => T[], value: FlagValue, shownFlag: string): T[] {
    try {
      return split();
    } catch (error) {
      throw new StepProblem(`${shownFlag}: ${(error as Error).message}`, this.at(value, 0));
    }
  }

  private knownKey(key: string, value: FlagValue, shownFlag: string, at: number): string {
    if (key === '') throw new StepProblem(`${shownFlag}: an item has an empty key`, this.at(value, at));
    if (isUnknown(key)) throw new StepProblem(`${shownFlag}: the key ${shownText(key, value.word)} is only known when the pipeline runs; envdrift needs key names written out`, this.at(value, at));
    return key;
  }

  private declared(word: ShellWord, text: string): Declared {
    return isUnknown(text) ? { known: false, writtenAs: expansionsIn(text, word).join(', ') } : { known: true, text };
  }

  private at(value: FlagValue, index: number): Place {
    return this.place(value.word.offsets[value.from + index] ?? value.word.start);
  }
}

const LOCAL_SECRET = /^[a-zA-Z0-9_-]{1,255}$/;
const REMOTE_SECRET = /^(projects\/[0-9]{1,19}\/secrets\/[a-zA-Z0-9_-]{1,255})(?::(.+)|\/versions\/(.+))?$/;

/**
 * `KEY=SECRET:VERSION` or `/mount/path=SECRET:VERSION`, as gcloud reads it on Cloud Run: SECRET is a name in the
 * service's project or `projects/NUMBER/secrets/NAME` (whose version may be omitted: latest); a local secret
 * needs its version.
 */
export function secretAssignment(key: string, text: string, at: Place, word: ShellWord, shownFlag: string): SecretAssignment {
  if (key.startsWith('/') && !/^\/[^/]+(\/[^/]+)*\/[^/]+$/.test(key)) {
    throw new StepProblem(`${shownFlag}: mount path ${key} must be in the form /MOUNT_PATH/FILE`, at);
  }
  if (isUnknown(text)) {
    const [name, version] = splitVersion(text);
    return { key, secret: { known: false, writtenAs: expansionsIn(name, word).join(', ') || shownText(name, word) }, version: isUnknown(version ?? '') ? shownText(version!, word) : (version ?? 'latest'), at };
  }
  const remote = REMOTE_SECRET.exec(text);
  if (remote) return { key, secret: { known: true, text: remote[1]! }, version: remote[2] ?? remote[3] ?? 'latest', at };
  const parts = text.split(':');
  if (parts.length === 1) throw new StepProblem(`${shownFlag}: no secret version for ${key}; write ${key}=SECRET:latest (or a version number), as gcloud requires`, at);
  if (parts.length > 2) throw new StepProblem(`${shownFlag}: the secret for ${key} is not SECRET:VERSION or projects/NUMBER/secrets/NAME:VERSION`, at);
  const [secret, version] = parts as [string, string];
  if (!LOCAL_SECRET.test(secret)) // The text is not echoed: a value pasted where a secret name belongs may be the secret itself.
    throw new StepProblem(`${shownFlag}: the secret for ${key} is not a valid secret name (letters, digits, - and _); a secret of another project is written projects/NUMBER/secrets/NAME:VERSION`, at);
  if (version === '') throw new StepProblem(`${shownFlag}: no secret version for ${key} after ':'`, at);
  return { key, secret: { known: true, text: secret }, version, at };
}

function splitVersion(text: string): [string, string | undefined] {
  const colon = text.lastIndexOf(':');
  return colon < 0 ? [text, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
}

export type { KeyRemoval };
