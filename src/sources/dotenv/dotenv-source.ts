import { readFileSync, statSync } from 'node:fs';
import { intrinsicRules, type IntrinsicRuleId } from '../../model/intrinsic-rules.js';
import type { ValueDescriber, ValueLocation } from '../../fingerprints/describe-value.js';
import type { ConfigVariant, Entry, Origin, SourceProblem } from '../../model/inventory.js';
import type { InventorySource } from '../source.js';
import { parseDotenvText } from './dotenv-file.js';

/** A literal backslash-n followed by what looks like another assignment. */
const ESCAPED_ASSIGNMENT = /\\n\s*(export\s+)?[A-Za-z_][\w.-]*\s*=/;

/** Larger files are refused: a .env file is never this big, and reading one would only hurt. */
export const MAX_DOTENV_BYTES = 1024 * 1024;

export interface DotenvReading {
  variant?: ConfigVariant;
  problems: SourceProblem[];
  /** Set when a file could not be read: the service's rules are then unevaluated. */
  unreadable?: string;
}

/** A service's `.env` files as a source (`sources: [{ dotenv: [...] }]` in envdrift.yaml). */
export function dotenvSource(target: { environment: string; service: string; files: readonly string[] }): InventorySource {
  return {
    environment: target.environment,
    read: async (context) => {
      const reading = readDotenvFiles(target.files, context.shownName, { environment: target.environment, service: target.service }, context.describer);
      return {
        services: [{
          environment: target.environment,
          service: target.service,
          variants: reading.unreadable === undefined && reading.variant ? [reading.variant] : [],
          problems: reading.problems,
          ...(reading.unreadable !== undefined && { unreadable: reading.unreadable }),
        }],
      };
    },
  };
}

/**
 * Reads a service's `.env` files into one variant. Files are layered in order (later overrides earlier, so
 * only the winning entry of each key is kept); duplicates *within* a file are reported, with both lines.
 */
export function readDotenvFiles(
  files: readonly string[],
  shownName: (file: string) => string,
  where: ValueLocation,
  describer: ValueDescriber,
): DotenvReading {
  const winners = new Map<string, Entry>();
  const problems: SourceProblem[] = [];
  for (const file of files) {
    const shown = shownName(file);
    const text = readText(file, shown);
    if (typeof text !== 'string') return { problems, unreadable: text.unreadable };

    const parsed = parseDotenvText(text);
    const at = (line: number): Origin => ({ kind: 'file', file: shown, line });
    const problem = (ruleId: IntrinsicRuleId, line: number, message: string, key?: string) =>
      problems.push({ ruleId, ...intrinsicRules[ruleId], message, origin: at(line), ...(key !== undefined && { key }) });

    const firstInFile = new Map<string, { line: number; fingerprint: string }>();
    for (const occurrence of parsed.occurrences) {
      // `A=1\nB=secret` written with a literal backslash-n: one "value" that swallows the next assignments,
      // secrets among them. Say so, and never show that value.
      const swallowsAssignments = ESCAPED_ASSIGNMENT.test(occurrence.rawValue);
      if (swallowsAssignments) {
        problem('envdrift/escaped-newlines', occurrence.line, `line ${occurrence.line} holds literal \\n sequences followed by more KEY= assignments; dotenv reads them all as the value of ${occurrence.key}, so those keys are not set`, occurrence.key);
      }
      const value = describer.describe(occurrence.key, occurrence.rawValue, where, { secret: swallowsAssignments });
      const earlier = firstInFile.get(occurrence.key);
      if (earlier && earlier.fingerprint !== value.fingerprint) {
        problem('envdrift/duplicate-key', occurrence.line, `${occurrence.key} is assigned again with a different value (first at line ${earlier.line}); only this one counts`, occurrence.key);
      }
      if (!earlier) firstInFile.set(occurrence.key, { line: occurrence.line, fingerprint: value.fingerprint });
      winners.delete(occurrence.key); // keep source order of the winning assignment
      winners.set(occurrence.key, { key: occurrence.key, source: { kind: 'literal' }, origin: at(occurrence.line), value });
    }
    for (const line of parsed.ignoredLines) problem('envdrift/ignored-line', line, `line ${line} is not KEY=value; dotenv ignores it`);
    if (parsed.occurrences.length === 0 && text.trim() !== '') {
      const escaped = parsed.escapedNewlineLines[0];
      const why = escaped !== undefined ? `; line ${escaped} holds literal \\n sequences, as if newlines were written escaped` : '';
      problem('envdrift/no-variables', escaped ?? 1, `${shown} is not empty but defines no variables${why}`);
    }
  }
  const lastFile = files[files.length - 1];
  const origin: Origin = lastFile ? { kind: 'file', file: shownName(lastFile) } : { kind: 'file', file: '(no file)' };
  return { variant: { name: '.env', origin, entries: [...winners.values()] }, problems };
}

function readText(file: string, shown: string): string | { unreadable: string } {
  try {
    const stats = statSync(file);
    // A FIFO or device would block or never end; only regular files are read.
    if (!stats.isFile()) return { unreadable: `${shown} is not a regular file${stats.isDirectory() ? ' (a folder)' : ''}` };
    if (stats.size > MAX_DOTENV_BYTES) return { unreadable: `${shown} is larger than 1 MiB; not a .env file` };
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { unreadable: code === 'ENOENT' ? `${shown} does not exist` : `${shown} cannot be read (${code ?? 'unknown error'})` };
  }
}
