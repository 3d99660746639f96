import type { HistoryReporter } from './history-reporter-types.js';
import { jsonHistoryReporter } from './json-history-reporter.js';
import { markdownHistoryReporter } from './markdown-history-reporter.js';
import { textHistoryReporter } from './text-history-reporter.js';

/** Every `envdrift history --format`, by name. */
export const historyReporters: Readonly<Record<string, HistoryReporter>> = {
  text: textHistoryReporter,
  json: jsonHistoryReporter,
  markdown: markdownHistoryReporter,
};
