#!/usr/bin/env node
import { existsSync } from 'node:fs';
import module from 'node:module';

/**
 * The `envdrift` executable, kept small on purpose:
 * - V8's compile cache must be on before the CLI's modules are parsed, and ESM parses every static import before
 *   running any of them, so the CLI is imported dynamically after it. The cache (Node ≥ 22.1; `enableCompileCache`
 *   does not exist on Node 20, where this is a no-op) keeps V8's compiled code of envdrift and its libraries on
 *   disk, which takes tens of milliseconds off every later start.
 * - `npm run build` bundles the CLI into dist/src/bundle/ (scripts/bundle-cli.ts): one file to load instead of
 *   ~200 modules. Without the bundle (a bare `tsc` build) the same CLI runs from its modules.
 */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const bundled = new URL('../bundle/cli-program.js', import.meta.url);
const { runCli } = (await import(existsSync(bundled) ? bundled.href : './cli-program.js')) as typeof import('./cli-program.js');
await runCli();
