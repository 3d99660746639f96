import type { DiffReporter } from './diff-reporter-types.js';
import { jsonDiffReporter } from './json-diff-reporter.js';
import { markdownDiffReporter } from './markdown-diff-reporter.js';
import { textDiffReporter } from './text-diff-reporter.js';

/** Every `envdrift diff --format`, by name. */
export const diffReporters: Readonly<Record<string, DiffReporter>> = {
  text: textDiffReporter,
  json: jsonDiffReporter,
  markdown: markdownDiffReporter,
};
