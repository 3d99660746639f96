import { isScalar, LineCounter, parseDocument, Scalar, type Document } from 'yaml';
import { parseYamlFile, type YamlFile, type YamlPath } from '../../files/yaml-file.js';
import type { Place } from './deploy-step.js';

/**
 * A YAML declaration (workflow, Cloud Build config) that can say where any character of a string value was
 * written — so a flag inside a `run: |` block is located at its own line and column, not at the block.
 */
export interface YamlPlaces {
  yaml: YamlFile;
  /** The place of a key or value at `path`. */
  place(path: YamlPath, part?: 'key' | 'value'): Place;
  /** Maps an offset in the string value at `path` to where that character is in the file. */
  textPlaces(path: YamlPath): (offset: number) => Place;
}

/** Parses a YAML file (syntax errors are exit 2 with positions, as for every YAML file envdrift reads). */
export function parseYamlPlaces(file: string, text: string): YamlPlaces {
  const yaml = parseYamlFile(file, text);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return {
    yaml,
    place: (path, part = 'value') => ({ file, ...yaml.locate(path, part) }),
    textPlaces: (path) => scalarPlaces(document, path, text, at) ?? (() => ({ file, ...yaml.locate(path) })),
  };
}

function scalarPlaces(document: Document, path: YamlPath, text: string, at: (offset: number) => Place): ((offset: number) => Place) | undefined {
  const node = document.getIn(path, true);
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const [start, end] = node.range;
  const value = node.value;
  if (node.type === Scalar.BLOCK_LITERAL) {
    // A literal block keeps its lines as written, each indented by the block's indentation.
    const bodyStart = text.indexOf('\n', start) + 1;
    const body = text.slice(bodyStart, end);
    const indent = Math.min(...body.split('\n').filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
    const lineStarts: number[] = [];
    for (let offset = bodyStart, line = 0; offset <= end && line <= value.split('\n').length; line++) {
      lineStarts.push(offset);
      const next = text.indexOf('\n', offset);
      if (next < 0) break;
      offset = next + 1;
    }
    return (offset) => {
      const before = value.slice(0, offset);
      const line = before.split('\n').length - 1;
      const column = offset - (before.lastIndexOf('\n') + 1);
      const lineStart = lineStarts[line];
      return lineStart === undefined ? at(start) : at(lineStart + (Number.isFinite(indent) ? indent : 0) + column);
    };
  }
  if (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    const quote = node.type === Scalar.PLAIN ? 0 : 1;
    // Exact for values on one line without escapes; close enough (the right line) otherwise.
    return (offset) => at(Math.min(start + quote + offset, end));
  }
  return () => at(start);
}
