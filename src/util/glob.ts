/** Matches names against shell-style globs (`*`, `?`), case-sensitively, as env var names are. */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** A matcher for a list of names and globs; an absent list matches everything. */
export function nameMatcher(patterns: readonly string[] | undefined): (name: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const exact = new Set(patterns.filter((pattern) => !isGlob(pattern)));
  const globs = patterns.filter(isGlob).map(globToRegExp);
  return (name) => exact.has(name) || globs.some((glob) => glob.test(name));
}
