/** The README and docs/ are the user's first page: these tests fail when they fall behind the code. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';
import { reporters } from '../src/reporters/index.js';
import { ruleKinds } from '../src/rules/kinds/index.js';
import { intrinsicRules } from '../src/model/intrinsic-rules.js';
import { renderSchema, schemaFiles } from '../scripts/write-schemas.js';
import { runCli } from './support/run-cli.js';

const read = (path: string) => readFileSync(join(packageRoot, path), 'utf8');
const readme = read('README.md');

describe('rule kinds are documented', () => {
  for (const kind of Object.values(ruleKinds)) {
    test(`docs/rule-kinds/${kind.name}.md exists, names every option and has both examples`, () => {
      const path = `docs/rule-kinds/${kind.name}.md`;
      assert.ok(existsSync(join(packageRoot, path)), `${path} is missing`);
      const doc = read(path);
      for (const option of Object.keys(kind.options)) assert.match(doc, new RegExp(`\`${option}\``), `${path} does not document option ${option}`);
      assert.match(doc, /failing example/i);
      assert.match(doc, /passing example/i);
      assert.match(readme, new RegExp(`docs/rule-kinds/${kind.name}\\.md`), `README does not link ${path}`);
    });
  }

  test('docs/rules.md lists every intrinsic rule', () => {
    const doc = read('docs/rules.md');
    for (const id of Object.keys(intrinsicRules)) assert.ok(doc.includes(id), `docs/rules.md does not mention ${id}`);
  });
});

describe('the README is true', () => {
  test('shows the two quick-start commands', () => {
    assert.ok(readme.includes('npm ci && npm start'));
    assert.ok(readme.includes('npm ci && npm test'));
  });

  test('documents every output format', () => {
    for (const format of Object.keys(reporters)) assert.match(readme, new RegExp(`\\| \`${format}\` \\|`), `README lacks format ${format}`);
  });

  test('documents every flag of envdrift check', () => {
    const help = runCli(['check', '--help'], { cwd: packageRoot }).stdout;
    const flags = [...help.matchAll(/--([a-z][a-z-]+)/g)].map((match) => match[1]!).filter((flag) => flag !== 'help' && flag !== 'version');
    assert.ok(flags.length >= 4, `could not read flags from:\n${help}`);
    for (const flag of new Set(flags)) assert.ok(readme.includes(`--${flag}`), `README does not document --${flag}`);
  });

  test('documents every exit code', () => {
    for (const code of [0, 1, 2, 3]) assert.match(readme, new RegExp(`\\| \`${code}\` \\|`));
  });
});

describe('shipped JSON Schemas', () => {
  for (const [name, schema] of Object.entries(schemaFiles)) {
    test(`schemas/${name} is current (run npm run schemas)`, () => {
      assert.equal(read(`schemas/${name}`), renderSchema(schema));
    });
  }
});
