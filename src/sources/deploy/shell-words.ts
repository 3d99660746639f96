/**
 * Splits shell text (a workflow's `run:` block, a Cloud Build `bash -c` script, a deploy script) into
 * commands and words the way a POSIX shell does before it runs them: quotes, backslash escapes, line
 * continuations, comments, command separators and redirections.
 *
 * What only exists when the script runs — `$VAR`, `${VAR}`, `$(command)`, backticks, and the expressions a CI
 * system substitutes first (`${{ secrets.X }}` in GitHub Actions, `${_SUBSTITUTION}` in Cloud Build) — is never
 * guessed: each one becomes a single placeholder character in the word's text (see `isUnknown`, `shownText`),
 * so callers can tell exactly which part of a value is unknown and name it.
 */

/** One word after quote removal, with where each of its characters was written. */
export interface ShellWord {
  /** The word's text; each expansion stands as one placeholder character (U+E000 + its index). */
  text: string;
  /** Offset in the script of each character of `text`. */
  offsets: number[];
  /** The source text of each expansion, in order of appearance. */
  expansions: string[];
  /** Offset of the word's first character in the script. */
  start: number;
}

export interface ShellCommand {
  words: ShellWord[];
}

/** Text envdrift cannot tokenize, with the offset in the script where the problem is. */
export class ShellSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDER_LAST = 0xf8ff;
const PLACEHOLDERS = /[\uE000-\uF8FF]/;

/** True when the text holds a value only known when the script runs. */
export function isUnknown(text: string): boolean {
  return PLACEHOLDERS.test(text);
}

/** The text as written, expansions restored (`${{ secrets.X }}`), for messages about unknown values. */
export function shownText(text: string, word: ShellWord): string {
  return text.replace(/[\uE000-\uF8FF]/g, (char) => word.expansions[char.charCodeAt(0) - PLACEHOLDER_BASE] ?? '?');
}

/** The expansions a piece of a word's text contains, as written. */
export function expansionsIn(text: string, word: ShellWord): string[] {
  return [...text].filter((char) => isUnknown(char)).map((char) => word.expansions[char.charCodeAt(0) - PLACEHOLDER_BASE] ?? '?');
}

const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/**
 * Tokenizes a script. `githubExpressions` makes `${{ … }}` one expansion even outside quotes (GitHub replaces
 * it before the shell starts). Throws `ShellSyntaxError` for an unterminated quote, expansion or here-document.
 */
export function tokenizeShell(script: string, options: { githubExpressions?: boolean } = {}): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let word: ShellWord | undefined;
  let skipNextWord = false;
  const pendingHereDocs: Array<{ delimiter: string; stripTabs: boolean; offset: number }> = [];
  let index = 0;

  const current = (start: number): ShellWord => (word ??= { text: '', offsets: [], expansions: [], start });
  const append = (text: string, offset: number) => {
    const target = current(offset);
    for (const char of text) {
      target.text += char;
      target.offsets.push(offset);
    }
  };
  const appendExpansion = (source: string, offset: number) => {
    const target = current(offset);
    if (PLACEHOLDER_BASE + target.expansions.length > PLACEHOLDER_LAST) throw new ShellSyntaxError('too many expansions in one word', offset);
    target.text += String.fromCharCode(PLACEHOLDER_BASE + target.expansions.length);
    target.offsets.push(offset);
    target.expansions.push(source);
  };
  const endWord = () => {
    if (word === undefined) return;
    if (skipNextWord) skipNextWord = false;
    else words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ words });
    words = [];
  };

  while (index < script.length) {
    const char = script[index]!;
    const next = script[index + 1];
    if (char === '\\') {
      if (next === '\n') index += 2; // a line continuation joins the lines
      else if (next === '\r' && script[index + 2] === '\n') index += 3;
      else if (next === undefined) index += 1;
      else {
        append(next, index + 1);
        index += 2;
      }
      continue;
    }
    if (char === "'") {
      const end = script.indexOf("'", index + 1);
      if (end < 0) throw new ShellSyntaxError("unterminated single quote: expected a closing '", index);
      current(index);
      for (let at = index + 1; at < end; at++) append(script[at]!, at);
      index = end + 1;
      continue;
    }
    if (char === '"') {
      current(index);
      index = readDoubleQuoted(script, index + 1, append, appendExpansion, options);
      continue;
    }
    if (char === '$' && next === "'") {
      current(index);
      index = readAnsiQuoted(script, index + 2, append);
      continue;
    }
    if (char === '$' || char === '`') {
      const end = expansionEnd(script, index, options);
      if (end > index + 1 || char === '`') {
        appendExpansion(script.slice(index, end), index);
        index = end;
        continue;
      }
      append(char, index); // a lone `$` is literal
      index += 1;
      continue;
    }
    if (char === '#' && word === undefined) {
      while (index < script.length && script[index] !== '\n') index++;
      continue;
    }
    if (char === '\r' && next === '\n') {
      index += 1;
      continue;
    }
    if (!WORD_BREAK.has(char)) {
      append(char, index);
      index += 1;
      continue;
    }
    // An operator or a blank ends the word.
    if (char === '<' && next === '<' && script[index + 2] !== '<') {
      endWord();
      const stripTabs = script[index + 2] === '-';
      index = readHereDocDelimiter(script, index, index + (stripTabs ? 3 : 2), pendingHereDocs, stripTabs);
      continue;
    }
    if ((char === '<' || char === '>') && word !== undefined && /^[0-9]+$/.test(word.text)) word = undefined; // `2>` names a descriptor, not a word
    endWord();
    if (char === '<' || char === '>') {
      index += 1;
      if (script[index] === '>' || script[index] === '&' || script[index] === '|') index += 1;
      // `2>&1` duplicates a descriptor; any other target is a file name, not an argument.
      if (/^[0-9-]/.test(script[index] ?? '') && script[index - 1] === '&') {
        while (/[0-9-]/.test(script[index] ?? '')) index++;
      } else skipNextWord = true;
      continue;
    }
    if (char === '\n') {
      if (skipNextWord) throw new ShellSyntaxError('a redirection without a target', index);
      endCommand();
      index += 1;
      if (pendingHereDocs.length > 0) index = skipHereDocs(script, index, pendingHereDocs.splice(0));
      continue;
    }
    if (char === ' ' || char === '\t') {
      index += 1;
      continue;
    }
    // ; & | && || ( ) separate commands.
    if (skipNextWord) throw new ShellSyntaxError(`a redirection without a target before '${char}'`, index);
    endCommand();
    index += (char === '&' && next === '&') || (char === '|' && next === '|') || (char === ';' && next === ';') ? 2 : 1;
  }
  if (skipNextWord && word === undefined) throw new ShellSyntaxError('a redirection without a target at the end of the script', script.length);
  if (pendingHereDocs.length > 0) throw new ShellSyntaxError(`here-document is not terminated: expected a line ${pendingHereDocs[0]!.delimiter}`, pendingHereDocs[0]!.offset);
  endCommand();
  return commands;
}

type Append = (text: string, offset: number) => void;

function readDoubleQuoted(script: string, from: number, append: Append, appendExpansion: Append, options: { githubExpressions?: boolean }): number {
  let index = from;
  while (index < script.length) {
    const char = script[index]!;
    if (char === '"') return index + 1;
    if (char === '\\') {
      const next = script[index + 1];
      if (next === '\n') index += 2;
      else if (next !== undefined && '$`"\\'.includes(next)) {
        append(next, index + 1);
        index += 2;
      } else {
        append(char, index);
        index += 1;
      }
      continue;
    }
    if (char === '$' || char === '`') {
      const end = expansionEnd(script, index, options);
      if (end > index + 1 || char === '`') {
        appendExpansion(script.slice(index, end), index);
        index = end;
        continue;
      }
    }
    append(char, index);
    index += 1;
  }
  throw new ShellSyntaxError('unterminated double quote: expected a closing "', from - 1);
}

/** `$'…'`: the escapes bash knows that matter in a value; anything else is kept as written. */
function readAnsiQuoted(script: string, from: number, append: Append): number {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v' };
  let index = from;
  while (index < script.length) {
    const char = script[index]!;
    if (char === "'") return index + 1;
    if (char === '\\' && script[index + 1] !== undefined) {
      const next = script[index + 1]!;
      append(escapes[next] ?? `\\${next}`, index);
      index += 2;
      continue;
    }
    append(char, index);
    index += 1;
  }
  throw new ShellSyntaxError("unterminated $'…' quote: expected a closing '", from - 2);
}

/**
 * Where the expansion starting at `start` (`$` or a backtick) ends: `$NAME`, `$1`, `$@`, `${…}`, `$(…)`, `$((…))`,
 * `` `…` ``, and GitHub's `${{ … }}`. Returns `start + 1` for a `$` that starts nothing (a literal dollar).
 */
function expansionEnd(script: string, start: number, options: { githubExpressions?: boolean }): number {
  if (script[start] === '`') {
    let index = start + 1;
    while (index < script.length && script[index] !== '`') index += script[index] === '\\' ? 2 : 1;
    if (index >= script.length) throw new ShellSyntaxError('unterminated backtick command substitution: expected a closing `', start);
    return index + 1;
  }
  const next = script[start + 1];
  if (options.githubExpressions && next === '{' && script[start + 2] === '{') {
    const end = script.indexOf('}}', start + 3);
    if (end < 0) throw new ShellSyntaxError('unterminated ${{ expression: expected }}', start);
    return end + 2;
  }
  if (next === '$' && /[A-Za-z_{]/.test(script[start + 2] ?? '')) return expansionEnd(script, start + 1, options); // Cloud Build's `$$VAR` escape
  if (next === '{') return balancedEnd(script, start + 1, '{', '}', start);
  if (next === '(') return balancedEnd(script, start + 1, '(', ')', start);
  if (next !== undefined && /[A-Za-z_]/.test(next)) {
    let index = start + 1;
    while (index < script.length && /[A-Za-z0-9_]/.test(script[index]!)) index++;
    return index;
  }
  if (next !== undefined && /[0-9@*#?$!-]/.test(next)) return start + 2;
  return start + 1;
}

/** The end of a bracketed expansion, skipping quoted text inside it so a quoted `)` does not close it. */
function balancedEnd(script: string, open: number, opener: string, closer: string, start: number): number {
  let depth = 0;
  let index = open;
  while (index < script.length) {
    const char = script[index]!;
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === "'" && opener === '(') {
      const end = script.indexOf("'", index + 1);
      if (end < 0) break;
      index = end + 1;
      continue;
    }
    if (char === '"') {
      let end = index + 1;
      while (end < script.length && script[end] !== '"') end += script[end] === '\\' ? 2 : 1;
      if (end >= script.length) break;
      index = end + 1;
      continue;
    }
    if (char === opener) depth++;
    else if (char === closer) {
      depth--;
      if (depth === 0) return index + 1;
    }
    index++;
  }
  throw new ShellSyntaxError(`unterminated \$${opener}: expected a closing ${closer}`, start);
}

function readHereDocDelimiter(script: string, operator: number, from: number, pending: Array<{ delimiter: string; stripTabs: boolean; offset: number }>, stripTabs: boolean): number {
  let index = from;
  while (script[index] === ' ' || script[index] === '\t') index++;
  const match = /^(?:'([^'\n]*)'|"([^"\n]*)"|\\?([A-Za-z0-9_.-]+))/.exec(script.slice(index, index + 256));
  if (!match) throw new ShellSyntaxError('a here-document (<<) without a delimiter word', index);
  pending.push({ delimiter: match[1] ?? match[2] ?? match[3]!, stripTabs, offset: operator });
  return index + match[0].length;
}

/** Skips the bodies of here-documents that start on the line after `<<WORD`: their text is input, not commands. */
function skipHereDocs(script: string, from: number, pending: Array<{ delimiter: string; stripTabs: boolean; offset: number }>): number {
  let index = from;
  for (const hereDoc of pending) {
    for (;;) {
      if (index >= script.length) throw new ShellSyntaxError(`here-document is not terminated: expected a line ${hereDoc.delimiter}`, hereDoc.offset);
      const lineEnd = script.indexOf('\n', index);
      const line = script.slice(index, lineEnd < 0 ? script.length : lineEnd).replace(/\r$/, '');
      index = lineEnd < 0 ? script.length : lineEnd + 1;
      if ((hereDoc.stripTabs ? line.replace(/^\t+/, '') : line) === hereDoc.delimiter) break;
    }
  }
  return index;
}
