import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { UserError, type FileProblem } from './user-error.js';

/** Files larger than this are refused before parsing: a config or rule file is never this big. */
export const MAX_YAML_BYTES = 4 * 1024 * 1024;

export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML file that can say where any value (or key) in it was written. */
export interface YamlFile {
  file: string;
  value: unknown;
  locate(path: YamlPath, part?: 'key' | 'value'): { line: number; column: number };
}

/** Parses YAML, reporting every syntax error at once with its position. */
export function parseYamlFile(file: string, text: string): YamlFile {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    throw new UserError(`${file}: file is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB; expected a config or rule file`, [
      { file, line: 1, column: 1, message: `file is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB` },
    ]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: FileProblem[] = firstErrorPerRegion(
    text,
    [...document.errors, ...document.warnings].map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { file, line, column: col, message: `invalid YAML: ${firstLine(error.message)}` };
    }),
  );
  if (problems.length > 0) throw new UserError(`${file} is not valid YAML`, problems);

  let value: unknown;
  try {
    // maxAliasCount stops "billion laughs" alias bombs from expanding into gigabytes.
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new UserError(`${file} cannot be read`, [{ file, line: 1, column: 1, message: firstLine(String((error as Error).message)) }]);
  }

  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    file,
    value,
    locate(path, part = 'value') {
      const found = findNode(document, path, part);
      return position(found?.range?.[0] ?? 0);
    },
  };
}

/** Walks down as far as the path exists, so a missing key is located at its parent. */
function findNode(document: Document, path: YamlPath, part: 'key' | 'value'): Node | undefined {
  let node: unknown = document.contents;
  for (let index = 0; index < path.length; index++) {
    const step = path[index]!;
    if (!isMap(node) && !isSeqLike(node)) break;
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
      if (!isPair(pair)) break;
      const isLast = index === path.length - 1;
      if (isLast && part === 'key') return pair.key as Node;
      if (pair.value === null || pair.value === undefined) return pair.key as Node;
      node = pair.value;
    } else {
      const item = items[Number(step)];
      if (item === undefined) break;
      node = item;
    }
  }
  return node as Node | undefined;
}

function isSeqLike(node: unknown): boolean {
  return typeof node === 'object' && node !== null && Array.isArray((node as { items?: unknown }).items);
}

/**
 * One problem per syntax error, not per symptom: after an error (an unclosed `[` say), the parser reports every
 * following line of the same block as broken too. A region is the error's line and the lines after it indented
 * at least as deeply; the next error is reported only once a line indented less (the next rule, the next
 * top-level key) has begun.
 */
function firstErrorPerRegion(text: string, problems: FileProblem[]): FileProblem[] {
  const lines = text.split(/\r?\n/);
  const indentOf = (line: number) => {
    const content = lines[line - 1] ?? '';
    return content.trim() === '' ? Number.POSITIVE_INFINITY : content.length - content.trimStart().length;
  };
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const kept: FileProblem[] = [];
  for (const problem of sorted) {
    const last = kept.at(-1);
    if (last && !regionEndsBetween(last.line, problem.line, indentOf)) continue;
    kept.push(problem);
  }
  return kept;
}

function regionEndsBetween(errorLine: number, laterLine: number, indentOf: (line: number) => number): boolean {
  const regionIndent = indentOf(errorLine);
  for (let line = errorLine + 1; line <= laterLine; line++) if (indentOf(line) < regionIndent) return true;
  return false;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
