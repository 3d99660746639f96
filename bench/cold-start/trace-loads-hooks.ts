/** Module customization hooks for `trace-loads.ts`: append each resolved URL to the trace file. */
import { appendFileSync } from 'node:fs';

let traceFile: string | undefined;

export function initialize(data: { file: string }): void {
  traceFile = data.file;
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<{ url: string }> {
  const result = await nextResolve(specifier, context);
  if (traceFile) appendFileSync(traceFile, `${result.url}\n`);
  return result;
}
