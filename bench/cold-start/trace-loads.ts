/**
 * Preload (`node --import`) for one traced run of the CLI: records every module URL the ESM loader resolves
 * (through `trace-loads-hooks.ts`, which runs on the loader thread) and, at exit, every CommonJS file in
 * `require.cache`, one per line, into the file named by `ENVDRIFT_BENCH_TRACE`. Used to prove that an
 * `.env`-only check loads no Google Cloud library.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.ENVDRIFT_BENCH_TRACE;
if (file) {
  register('./trace-loads-hooks.js', import.meta.url, { data: { file } });
  process.on('exit', () => {
    const cached = Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href);
    if (cached.length > 0) appendFileSync(file, `${cached.join('\n')}\n`);
  });
}
