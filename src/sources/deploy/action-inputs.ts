import type { ShellWord } from './shell-words.js';

/**
 * An Action input as GitHub hands it over: `${{ … }}` expressions are replaced before the Action sees the text,
 * so each becomes one unknown placeholder (as in shell-words), with the offset of every character kept.
 */
export function expressionWord(text: string): ShellWord {
  const word: ShellWord = { text: '', offsets: [], expansions: [], start: 0 };
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('${{', index)) {
      const end = text.indexOf('}}', index + 3);
      const stop = end < 0 ? text.length : end + 2;
      word.text += String.fromCharCode(0xe000 + word.expansions.length);
      word.offsets.push(index);
      word.expansions.push(text.slice(index, stop));
      index = stop;
      continue;
    }
    word.text += text[index];
    word.offsets.push(index);
    index++;
  }
  return word;
}

export interface ActionPair {
  key: string;
  value: string;
  /** Index in the word's text where the key starts. */
  keyAt: number;
}

/**
 * `env_vars` / `secrets` of deploy-cloudrun (v2, v3): KEY=VALUE pairs separated by commas or newlines; a
 * separator inside a value is escaped with a backslash or the value is quoted; whitespace around keys and
 * unquoted values is trimmed; lines starting with # are comments. Throws with the item's number (never its text).
 */
export function parseActionPairs(word: ShellWord): ActionPair[] {
  const pairs: ActionPair[] = [];
  const text = word.text;
  let index = 0;
  let item = 0;
  while (index < text.length) {
    let raw = '';
    let rawStart = index;
    let quote: string | undefined;
    let quotedValue = false;
    while (index < text.length) {
      const char = text[index]!;
      if (quote) {
        if (char === quote) quote = undefined;
        else raw += char;
        index++;
        continue;
      }
      if (char === '\\' && index + 1 < text.length) {
        raw += text[index + 1];
        index += 2;
        continue;
      }
      if (char === ',' || char === '\n') break;
      if ((char === '"' || char === "'") && raw.includes('=') && raw.slice(raw.indexOf('=') + 1).trim() === '') {
        quote = char;
        quotedValue = true;
        raw = raw.slice(0, raw.indexOf('=') + 1);
        index++;
        continue;
      }
      raw += char;
      index++;
    }
    if (quote) throw new Error(`item ${item + 1}: a quoted value is not closed`);
    index++; // the separator
    item++;
    const leading = raw.length - raw.trimStart().length;
    rawStart += leading;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) throw new Error(`item ${item} has no KEY=: expected KEY=VALUE`);
    // A quoted value keeps its surrounding whitespace.
    const value = quotedValue ? raw.slice(raw.indexOf('=') + 1).replace(/\s+$/, (tail) => (tail.includes('\n') ? '' : tail)) : trimmed.slice(equals + 1).trim();
    pairs.push({ key: trimmed.slice(0, equals).trim(), value, keyAt: rawStart });
  }
  return pairs;
}
