import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../files/user-error.js';
import type { Report } from '../model/report.js';
import { reporters } from '../reporters/index.js';
import type { ReportContext } from '../reporters/reporter-types.js';
import { wantsColor } from './color.js';
import type { OutputTarget } from './output-targets.js';

/** Renders the report in every requested format and writes each to its file or to standard output. */
export async function writeOutputs(report: Report, targets: readonly OutputTarget[], context: Omit<ReportContext, 'color'>, cwd: string): Promise<void> {
  for (const target of targets) {
    const toStdout = target.file === undefined;
    const color = toStdout && wantsColor(process.stdout, process.env);
    const render = await reporters[target.format]!();
    const text = render(report, { ...context, color });
    if (toStdout) {
      process.stdout.write(text);
      continue;
    }
    const path = resolve(cwd, target.file!);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } catch (error) {
      throw new UserError(`--format ${target.format}:${target.file}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
  }
}
