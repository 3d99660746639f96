import { parse as dotenvParse } from 'dotenv';

/** One `KEY=value` occurrence, with the line it starts on. Raw values never leave the dotenv source. */
export interface DotenvOccurrence {
  key: string;
  rawValue: string;
  line: number;
}

export interface DotenvParseResult {
  occurrences: DotenvOccurrence[];
  /** Non-blank, non-comment lines that dotenv silently ignores (no `KEY=value` shape). */
  ignoredLines: number[];
  /** Lines holding a literal backslash-n outside quotes: the tell of a file written with escaped newlines. */
  escapedNewlineLines: number[];
}

/**
 * dotenv's own line grammar (the regular expression `dotenv.parse` uses). We run it ourselves only to learn
 * where each assignment starts; every value is still produced by `dotenv.parse`, so values are exactly what
 * the application will see. `test/dotenv-file.test.ts` keeps the two in agreement.
 */
const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/**
 * Parses a `.env` text like dotenv does, but keeps what `dotenv.parse` throws away: the line of each key,
 * every occurrence of a duplicated key, and the lines it ignored.
 */
export function parseDotenvText(text: string): DotenvParseResult {
  const normalised = text.replace(/\r\n?/g, '\n');
  const lineStarts = computeLineStarts(normalised);
  const occurrences: DotenvOccurrence[] = [];
  const coveredLines = new Set<number>();

  DOTENV_LINE.lastIndex = 0;
  for (let match = DOTENV_LINE.exec(normalised); match; match = DOTENV_LINE.exec(normalised)) {
    if (match[0].length === 0) {
      DOTENV_LINE.lastIndex++;
      continue;
    }
    const leading = match[0].length - match[0].trimStart().length;
    const startLine = lineAt(lineStarts, match.index + leading);
    const endLine = lineAt(lineStarts, match.index + match[0].length - 1);
    for (let line = startLine; line <= endLine; line++) coveredLines.add(line);
    const parsed = dotenvParse(match[0]);
    for (const [key, rawValue] of Object.entries(parsed)) occurrences.push({ key, rawValue, line: startLine });
  }

  const ignoredLines: number[] = [];
  const escapedNewlineLines: number[] = [];
  normalised.split('\n').forEach((content, index) => {
    const line = index + 1;
    const trimmed = content.trim();
    if (/\\n/.test(content) && (trimmed.startsWith('#') || !coveredLines.has(line))) escapedNewlineLines.push(line);
    if (trimmed === '' || trimmed.startsWith('#') || coveredLines.has(line)) return;
    ignoredLines.push(line);
  });
  return { occurrences, ignoredLines, escapedNewlineLines };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line of an offset, by binary search over line starts. */
function lineAt(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
