import { showInvisible } from './visible-text.js';

/**
 * Text for a cell of a GitHub-flavoured Markdown table: every character Markdown or the table could read as
 * syntax is escaped (`|` ends a cell even inside code), `&` cannot start an entity, and line breaks become
 * `<br>` because a table row is one line. Control characters are written out visibly.
 */
export function markdownCell(text: string): string {
  return showInvisible(text)
    .replace(/[\\`*[\]<>|~#!]/g, (char) => `\\${char}`)
    // Inside a word (SERVICE_ID) an underscore cannot start emphasis; escaping it there only hurts the raw text.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/&/g, '&amp;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Inline code that survives any content: the fence is one backtick longer than the longest run inside, and
 * padded when the content starts or ends with a backtick. In a table `|` must still be escaped as `\|`
 * (elsewhere that would show the backslash).
 */
export function markdownCode(text: string, where: 'table' | 'text' = 'table'): string {
  const flat = showInvisible(text).replace(/\r\n|\r|\n/g, ' ');
  const longestRun = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${where === 'table' ? flat.replace(/\|/g, '\\|') : flat}${pad}${fence}`;
}
