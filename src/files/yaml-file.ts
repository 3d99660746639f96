import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { duplicateKeyOffsets } from './yaml-duplicate-keys.js';
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
export function parseYamlFile(file: string, text: string, maxBytes = MAX_YAML_BYTES): YamlFile {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new UserError(`${file}: file is larger than ${maxBytes / 1024 / 1024} MiB; expected a config or rule file`, [
      { file, line: 1, column: 1, message: `file is larger than ${maxBytes / 1024 / 1024} MiB` },
    ]);
  }
  const lineCounter = new LineCounter();
  // yaml's own unique-key check compares each key with every earlier one (quadratic: 100k keys took minutes);
  // duplicates are found in one pass instead.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const located = (offset: number, message: string): FileProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message };
  };
  // A syntax error makes the parser report everything after it until the structure recovers: one per region.
  // Every repeated key, though, is a problem of its own.
  const problems: FileProblem[] = [
    ...firstErrorPerRegion(text, [...document.errors, ...document.warnings].map((error) => located(error.pos[0], `invalid YAML: ${firstLine(error.message)}`))),
    ...duplicateKeyOffsets(document).map((offset) => located(offset, 'invalid YAML: Map keys must be unique')),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
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
  const pairsByKey = new WeakMap<object, Map<string, Pair>>();
  return {
    file,
    value,
    locate(path, part = 'value') {
      const found = findNode(document, path, part, pairsByKey);
      return position(found?.range?.[0] ?? 0);
    },
  };
}

/**
 * Walks down as far as the path exists, so a missing key is located at its parent. Each mapping's keys are
 * indexed on first use: locating every one of thousands of problems must not scan the mapping each time.
 */
function findNode(document: Document, path: YamlPath, part: 'key' | 'value', pairsByKey: WeakMap<object, Map<string, Pair>>): Node | undefined {
  let node: unknown = document.contents;
  for (let index = 0; index < path.length; index++) {
    const step = path[index]!;
    if (!isMap(node) && !isSeqLike(node)) break;
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = pairsOf(node, items, pairsByKey).get(String(step));
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

function pairsOf(map: object, items: unknown[], pairsByKey: WeakMap<object, Map<string, Pair>>): Map<string, Pair> {
  let index = pairsByKey.get(map);
  if (!index) {
    index = new Map();
    for (const item of items) if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
    pairsByKey.set(map, index);
  }
  return index;
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
  // One pass over the lines: since the last kept error, has a line been indented less than its line (the
  // region it broke has ended)? Linear in the file, however many errors follow.
  let regionIndent = 0;
  let scanned = 0;
  let regionEnded = true;
  for (const problem of sorted) {
    for (let line = scanned + 1; line <= problem.line && !regionEnded; line++) if (indentOf(line) < regionIndent) regionEnded = true;
    scanned = Math.max(scanned, problem.line);
    if (!regionEnded) continue;
    kept.push(problem);
    regionIndent = indentOf(problem.line);
    regionEnded = false;
  }
  return kept;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
