import { createRequire } from 'node:module';
import type yargsFactory from 'yargs';

/**
 * yargs, loaded through its CommonJS entry. Its ESM entry lays help out with cliui's stand-in wrapper, which
 * breaks lines every N characters ("tha / t check"); the CommonJS entry uses wrap-ansi, which breaks between
 * words. Same yargs, same API and types, only readable help.
 */
export const yargs = createRequire(import.meta.url)('yargs/yargs') as typeof yargsFactory;
