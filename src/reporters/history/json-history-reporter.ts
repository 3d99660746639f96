import type { HistoryReporter } from './history-reporter-types.js';

/** Format version of the JSON history; raised on incompatible changes (docs/history.md). */
export const JSON_HISTORY_VERSION = 1;

export const jsonHistoryReporter: HistoryReporter = (report) => `${JSON.stringify({ envdriftHistory: JSON_HISTORY_VERSION, ...report }, null, 2)}\n`;
