import { measureHistory, renderHistory, type HistoryBenchResult } from './measure-history.js';

/**
 * The history benchmark as one part of `npm run bench`: its result for latest.json, its check for the targets
 * table (calls = the minimum) and its lines for the printed report. Kept apart from run-bench.ts so that file
 * only calls it.
 */
export async function historyBenchPart(root: string, quick: boolean, progress: (message: string) => void): Promise<{ result: HistoryBenchResult; check: { target: string; measured: string; pass: boolean }; text: string }> {
  const result = await measureHistory(root, quick ? 1 : 3, progress);
  const check = {
    target: `history: no more API calls than the minimum (${result.minimumCalls})`,
    measured: `${result.totalCalls} calls; wall ${result.wall.medianMs} ms vs floor ${result.floorMs} ms`,
    pass: result.totalCalls <= result.minimumCalls,
  };
  return { result, check, text: `\n${renderHistory(result).join('\n')}\n` };
}
