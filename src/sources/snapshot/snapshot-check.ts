import { compileSchema } from '../../files/compile-schema.js';
import { UserError } from '../../files/user-error.js';
import { MAX_USER_FILE_BYTES } from '../../files/read-user-file.js';
import { checkAgainstSchema } from '../../files/schema-check.js';
import { snapshotSchema } from '../../config/snapshot-schema.js';
import { parseYamlFile } from '../../files/yaml-file.js';

/**
 * Parses a snapshot's JSON. When it is not JSON, says where (line and column), never what is there: the
 * parser's own message quotes the text, which could be anything.
 */
export function parseSnapshotJson(text: string, shownName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorLocation(text, String((error as Error)?.message));
    throw new UserError(`${shownName} is not valid JSON; expected a snapshot written by envdrift snapshot`, [{ file: shownName, line, column, message: 'invalid JSON' }]);
  }
}

/** Throws every schema problem of a parsed snapshot, each with its line and column (exit 2). */
export function assertSnapshotShape(document: unknown, text: string, shownName: string): void {
  const validate = compileSchema(snapshotSchema);
  if (validate(document)) return;
  // Positions are needed only now; JSON is YAML, and the YAML parser knows where every value was written.
  const problems = checkAgainstSchema(parseYamlFile(shownName, text, MAX_USER_FILE_BYTES), validate);
  throw new UserError(`${shownName} is not a valid envdrift snapshot (write one with envdrift snapshot)`, problems);
}

/**
 * Where JSON.parse gave up. V8 names a position in most messages ("at position 12", newer versions also
 * "(line 1 column 13)"); "Unexpected end of JSON input" means the end of the text; otherwise the first
 * character that cannot start or continue JSON is searched for the hard way.
 */
function jsonErrorLocation(text: string, message: string): { line: number; column: number } {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  if (/end of JSON input/i.test(message)) return lineAndColumn(text, text.length);
  return lineAndColumn(text, firstUnparsableOffset(text));
}

/** The longest prefix JSON.parse accepts as the start of a document, found by bisection on truncations. */
function firstUnparsableOffset(text: string): number {
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    let endsEarly = false;
    try {
      JSON.parse(text.slice(0, middle));
      endsEarly = true;
    } catch (error) {
      endsEarly = /end of JSON input|Unterminated/i.test(String((error as Error)?.message));
    }
    if (endsEarly) good = middle;
    else bad = middle;
  }
  return good;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
