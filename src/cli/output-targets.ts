import { UserError } from '../files/user-error.js';
import { suggestionSuffix } from '../files/did-you-mean.js';

export interface OutputTarget {
  format: string;
  /** Absent: standard output. */
  file?: string;
}

/** Parses `--format F[:FILE]` values: one output per value, at most one of them to standard output. */
export function parseOutputTargets(values: readonly string[], formats: readonly string[]): OutputTarget[] {
  const targets = values.map((value): OutputTarget => {
    const separator = value.indexOf(':');
    const format = separator === -1 ? value : value.slice(0, separator);
    const file = separator === -1 ? undefined : value.slice(separator + 1);
    if (!formats.includes(format)) {
      throw new UserError(`--format ${value}: unknown format '${format}'${suggestionSuffix(format, formats)}; expected one of: ${formats.join(', ')}`);
    }
    if (file === '') throw new UserError(`--format ${value}: expected a file name after ':'`);
    return file === undefined ? { format } : { format, file };
  });
  const files = targets.flatMap((target) => (target.file === undefined ? [] : [target.file]));
  const twice = files.find((file, index) => files.indexOf(file) !== index);
  if (twice !== undefined) throw new UserError(`--format: two formats would be written to ${twice}; give each its own file`);
  if (targets.filter((target) => target.file === undefined).length > 1) {
    throw new UserError('--format: only one format can go to standard output; give the others a file, e.g. --format sarif:envdrift.sarif');
  }
  return targets;
}
