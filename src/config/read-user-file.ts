import { readFileSync } from 'node:fs';
import { UserError } from './errors.js';

/** Reads a file the user pointed envdrift at, turning I/O failures into a message that names the file. */
export function readUserFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    throw new UserError(`${what} ${file} ${reason}`);
  }
}
