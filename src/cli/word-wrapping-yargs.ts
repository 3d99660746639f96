import { createRequire } from 'node:module';
import type yargsFactory from 'yargs';

/**
 * yargs, loaded through its CommonJS entry. Its ESM entry lays help out with cliui's stand-in wrapper, which
 * breaks lines every N characters ("tha / t check"); the CommonJS entry uses wrap-ansi, which breaks between
 * words. Same yargs, same API and types, only readable help.
 */
const require = createRequire(import.meta.url);

export const yargs = require('yargs/yargs') as typeof yargsFactory;

/**
 * `hideBin` from the same CommonJS build: importing `yargs/helpers` as ESM would load a second copy of yargs'
 * internals (and of yargs-parser) next to this one, ~40 ms of every cold start.
 */
export const { hideBin } = require('yargs/helpers') as typeof import('yargs/helpers');
