/** The docs never send users to a release that does not exist: until there are tags, they pin to commits. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';

test('README and docs/ pin envdrift (action and pre-commit hook) to commit SHAs, not to tags', () => {
  const files = ['README.md', ...readdirSync(join(packageRoot, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  const tagged: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(packageRoot, file), 'utf8');
    for (const match of text.matchAll(/\/envdrift@([^\s`]+)|^\s*rev:\s*(\S+)/gm)) {
      const ref = match[1] ?? match[2]!;
      // `<…>` is a placeholder in prose, e.g. `owner/envdrift@<full 40-character commit SHA>`.
      if (!/^([0-9a-f]{40}|<)/.test(ref)) tagged.push(`${file}: ${match[0].trim()}`);
    }
  }
  assert.deepEqual(tagged, []);
});
