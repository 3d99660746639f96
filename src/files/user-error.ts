/** A problem in a file the user wrote, with the place to fix it. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Every user-facing failure that is the user's to fix (bad flag, invalid config or rule file). The CLI prints
 * these without a stack trace and exits 2. All problems of a file are collected before it is thrown.
 */
export class UserError extends Error {
  readonly problems: FileProblem[];
  constructor(message: string, problems: FileProblem[] = []) {
    super(message);
    this.name = 'UserError';
    this.problems = problems;
  }
}

export function formatProblem(problem: FileProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
