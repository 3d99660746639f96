import { readFileSync, statSync } from 'node:fs';
import { UserError } from './user-error.js';

/** Config, rule and snapshot files larger than this are refused before reading: none is ever this big. */
export const MAX_USER_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file the user pointed envdrift at, turning I/O failures into a message that names the file.
 * Only regular files are read: a FIFO or a device (`/dev/zero`) would block or never end.
 */
export function readUserFile(file: string, what: string): string {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new UserError(`${what} ${file} ${stats.isDirectory() ? 'is a folder, not a file' : 'is not a regular file'}`);
    if (stats.size > MAX_USER_FILE_BYTES) throw new UserError(`${what} ${file} is larger than ${MAX_USER_FILE_BYTES / 1024 / 1024} MiB`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
    throw new UserError(`${what} ${file} ${reason}`);
  }
}
