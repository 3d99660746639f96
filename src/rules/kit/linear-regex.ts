import { RE2JS, RE2JSException } from 're2js';

/**
 * User regexes (a `pattern` rule's `regex`) run in RE2JS, a pure-JavaScript port of RE2: matching takes
 * time linear in the value, whatever the expression. JavaScript's own backtracking engine takes time
 * exponential in the value for expressions such as `^(a+)+$`, and rule files come from anyone who can open
 * a pull request. RE2 syntax is JavaScript's minus lookaround and backreferences; those are refused at load.
 */
export interface UserRegex {
  /** True when the expression matches anywhere in `value` (like `RegExp.prototype.test`). */
  test(value: string): boolean;
}

export function compileUserRegex(source: string): UserRegex {
  const compiled = RE2JS.compile(source);
  return { test: (value) => compiled.test(value) };
}

/** Why `source` cannot be used, in words fit for a rule-file problem; undefined when it compiles. */
export function userRegexProblem(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    const reason = error instanceof RE2JSException ? error.message.replace(/^error parsing regexp: /, '') : 'it does not compile';
    return `'regex' is not a valid regular expression for envdrift's linear-time engine (RE2 syntax: no lookaround, no backreferences): ${reason}`;
  }
}
