/**
 * Build step: bundles the CLI (dist/src/cli/cli-program.js and everything it imports) into dist/src/bundle/, which
 * dist/src/cli/main.js runs. Node resolves and loads every ES module separately; the CLI's ~200 modules cost more
 * at start-up than all the work of a small `.env` check, and one bundle removes most of that.
 *
 * - Whatever the CLI imports dynamically (the Google clients' sources, other commands, reporters) becomes a chunk
 *   of its own, still loaded only when needed: an `.env`-only check loads no Google library.
 * - The Google client libraries, gRPC, yargs and Ajv's runtime stay in node_modules, loaded as they are (the first
 *   read proto files next to their code; yargs and the precompiled validators are loaded through `require`).
 * - The bundle sits at the same depth as dist/src/files/, so paths built from `import.meta.url` (the package root,
 *   ../generated/validators.cjs) point where they point from the modules they came from.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/files/package-root.js';

export const BUNDLE_DIR = join(packageRoot, 'dist', 'src', 'bundle');

rmSync(BUNDLE_DIR, { recursive: true, force: true });
await build({
  entryPoints: [join(packageRoot, 'dist', 'src', 'cli', 'cli-program.js')],
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@google-cloud/*', 'google-gax', 'google-gax/*', '@grpc/*', 'yargs', 'yargs/*', 'ajv', 'ajv/*', '*.cjs'],
  // Bundled CommonJS packages (dotenv) call `require`, which an ES module lacks.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
