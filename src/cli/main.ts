#!/usr/bin/env node
import module from 'node:module';

/**
 * The `envdrift` executable. Kept to two statements on purpose: V8's compile cache must be on before the CLI's
 * modules are parsed, and ESM parses every static import before running any of them, so the CLI is imported
 * dynamically after it. The cache (Node ≥ 22.1; a no-op where `enableCompileCache` does not exist, as on Node 20)
 * keeps compiled code of envdrift and its libraries on disk, which takes tens of milliseconds off every later
 * start. Nothing is cached that was not already in the package: only V8's code for it.
 */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runCli } = await import('./cli-program.js');
await runCli();
