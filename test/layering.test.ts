/**
 * The architecture's layering (DESIGN.md §3), checked instead of hoped for: data flows one way, only sources
 * talk to the outside world, only the CLI touches the process, and the engine and reporters stay pure.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../src/package-root.js';

const SRC = join(packageRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Source text without comments, so a comment that mentions `process.` is not mistaken for code. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const files = sourceFiles(SRC).map((file) => ({ path: relative(SRC, file), text: withoutComments(readFileSync(file, 'utf8')) }));
const importsOf = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);

test('only src/sources/ imports the Google Cloud client libraries', () => {
  const offenders = files.filter((file) => !file.path.startsWith('sources/') && importsOf(file.text).some((name) => name.startsWith('@google-cloud/')));
  assert.deepEqual(offenders.map((file) => file.path), []);
});

test('only src/cli/ touches process', () => {
  const offenders = files.filter((file) => !file.path.startsWith('cli/') && /\bprocess\.(?!env\b)|\bprocess\.env\b/.test(file.text));
  assert.deepEqual(offenders.map((file) => file.path), []);
});

test('the engine, rule kinds and reporters do no I/O and read no clock', () => {
  const pure = files.filter((file) => /^(engine|reporters|rules\/kinds)\//.test(file.path));
  assert.ok(pure.length > 10, 'expected to find the pure layers');
  const offenders = pure.filter((file) => importsOf(file.text).some((name) => /^node:(fs|net|http|https|child_process)/.test(name)) || /\bDate\.now\(|new Date\(/.test(file.text));
  assert.deepEqual(offenders.map((file) => file.path), []);
});

test('nothing below the CLI imports from the CLI, and the engine never imports sources', () => {
  const upward = files.filter((file) => !file.path.startsWith('cli/') && importsOf(file.text).some((name) => name.includes('/cli/')));
  assert.deepEqual(upward.map((file) => file.path), []);
  const engineToSources = files.filter((file) => /^(engine|rules|reporters)\//.test(file.path) && importsOf(file.text).some((name) => name.includes('/sources/')));
  assert.deepEqual(engineToSources.map((file) => file.path), []);
});
