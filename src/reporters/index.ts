import type { Reporter } from './reporter-types.js';

/**
 * Every output format by name, each loaded when asked for: a check that writes text should not pay, at every
 * start, for loading the SARIF, JUnit, Markdown and GitHub renderers. `--format` choices come from this map.
 */
export const reporters: Readonly<Record<string, () => Promise<Reporter>>> = {
  text: async () => (await import('./text-reporter.js')).textReporter,
  json: async () => (await import('./json-reporter.js')).jsonReporter,
  sarif: async () => (await import('./sarif-reporter.js')).sarifReporter,
  junit: async () => (await import('./junit-reporter.js')).junitReporter,
  markdown: async () => (await import('./markdown-reporter.js')).markdownReporter,
  github: async () => (await import('./github-reporter.js')).githubReporter,
  html: async () => (await import('./html-reporter.js')).htmlReporter,
};

/** Formats that draw the report's configuration overview, so a check builds it only when one is asked for. */
export const formatsWithOverview: ReadonlySet<string> = new Set(['html']);
