/**
 * `envdrift history` at scale, on its own (`npm run bench` runs it too): 3 Cloud Run services with 200 revisions
 * each, 40 secrets × 4 versions, the fake Google Cloud at 30 ms per call. Exit 1 when the calls are above the
 * minimum. See bench/README.md.
 *
 *   npm run build && node dist/bench/history/history-bench.js [--runs 3]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureHistory, renderHistory } from './measure-history.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!(runs >= 1)) throw new Error('--runs needs a positive number');
const root = fileURLToPath(new URL('../../../', import.meta.url)); // from dist/bench/history/
const result = await measureHistory(root, runs, (message) => process.stderr.write(`bench: ${message}\n`));
process.stdout.write(`${renderHistory(result).join('\n')}\n`);
if (result.totalCalls !== result.minimumCalls) process.exitCode = 1;
