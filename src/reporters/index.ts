import { githubReporter } from './github-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { junitReporter } from './junit-reporter.js';
import { markdownReporter } from './markdown-reporter.js';
import type { Reporter } from './reporter-types.js';
import { sarifReporter } from './sarif-reporter.js';
import { textReporter } from './text-reporter.js';

/** Every output format by name; `--format` choices come from this map. */
export const reporters: Readonly<Record<string, Reporter>> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  github: githubReporter,
};
