/**
 * The architecture's layering (DESIGN.md §3), checked instead of hoped for. The rules themselves live in
 * `.dependency-cruiser.cjs` and run in `npm test` (`npm run check:architecture`); these tests show the rules
 * catch what they are for, by planting bad imports in a copy of src/, and keep the README's layout true.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';
import { createWorkspace } from './support/workspace.js';

const SRC = join(packageRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Source text without comments, so a comment that mentions `process.` is not mistaken for code. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const files = sourceFiles(SRC).map((file) => ({ path: relative(SRC, file), text: withoutComments(readFileSync(file, 'utf8')) }));

test('only src/cli/ touches process', () => {
  const offenders = files.filter((file) => !file.path.startsWith('cli/') && /\bprocess\.(?!env\b)|\bprocess\.env\b/.test(file.text));
  assert.deepEqual(offenders.map((file) => file.path), []);
});

/**
 * Runs dependency-cruiser exactly as `npm run check:architecture` does, over a copy of src/ with `planted` files
 * added or replaced; returns its exit code and the violations it printed as `rule: from -> to`.
 */
function cruiseWith(planted: Record<string, string>): { status: number | null; violations: string[] } {
  const workspace = createWorkspace('envdrift-layering-');
  try {
    cpSync(SRC, workspace.path('src'), { recursive: true });
    for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(packageRoot, file), workspace.path(file));
    symlinkSync(join(packageRoot, 'node_modules'), workspace.path('node_modules'), 'dir');
    for (const [file, text] of Object.entries(planted)) workspace.write(file, text);
    const depcruise = join(packageRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const result = spawnSync(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', '--no-progress', '--preserve-symlinks', 'src'], { cwd: workspace.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const violations = [...result.stdout.matchAll(/^\s*error (\S+): (\S+) →\s+(\S+)/gm)].map((match) => `${match[1]}: ${match[2]} -> ${match[3]}`).sort();
    return { status: result.status, violations };
  } finally {
    workspace.dispose();
  }
}

test('the source tree as it is has no violation', () => {
  const { status, violations } = cruiseWith({});
  assert.deepEqual(violations, []);
  assert.equal(status, 0);
});

test('planted bad imports are each caught by the rule made for them', () => {
  const engineFile = 'src/engine/verdict.ts';
  const original = readFileSync(join(packageRoot, engineFile), 'utf8');
  const { status, violations } = cruiseWith({
    // The engine importing a module that pulls in the sources.
    [engineFile]: `import { prepareRun } from '../pipeline/prepare-run.js';\nimport { readFileSync } from 'fs';\nvoid prepareRun; void readFileSync;\n${original}`,
    // A double-quoted import from the model into the sources.
    'src/model/planted.ts': 'import type { GcpAccess } from "../sources/collect-inventory.js";\nexport type Planted = GcpAccess;\n',
    // A reporter loading a Google client; src/ importing test code.
    'src/reporters/planted.ts': "import '@google-cloud/run';\nimport '../../test/support/planted.js';\n",
    'test/support/planted.ts': 'export const planted = 1;\n',
    // Two modules importing each other.
    'src/util/planted-a.ts': "import { b } from './planted-b.js';\nexport const a = () => b();\n",
    'src/util/planted-b.ts': "import { a } from './planted-a.js';\nexport const b = () => a();\n",
    // A folder the table does not know.
    'src/helpers/planted.ts': "import '../model/inventory.js';\n",
  });
  assert.notEqual(status, 0, 'npm test fails on a violation');
  const caught = (rule: string, from: string) => violations.some((line) => line.startsWith(`${rule}: ${from}`));
  assert.ok(caught('layer-engine', 'src/engine/verdict.ts -> src/pipeline/prepare-run.ts'), violations.join('\n'));
  assert.ok(caught('io-only-where-allowed', 'src/engine/verdict.ts -> fs'), violations.join('\n'));
  assert.ok(caught('layer-model', 'src/model/planted.ts -> src/sources/collect-inventory.ts'), violations.join('\n'));
  assert.ok(caught('google-clients-only-in-sources', 'src/reporters/planted.ts -> node_modules/@google-cloud/run'), violations.join('\n'));
  assert.ok(caught('no-test-code-in-src', 'src/reporters/planted.ts -> test/support/planted.ts'), violations.join('\n'));
  assert.ok(caught('no-circular', 'src/util/planted-a.ts -> src/util/planted-b.ts'), violations.join('\n'));
  assert.ok(caught('unknown-folder', 'src/helpers/planted.ts'), violations.join('\n'));
});

test('the layer table is a one-way order: each folder imports only folders listed before it', () => {
  const require = createRequire(import.meta.url);
  const config = require(join(packageRoot, '.dependency-cruiser.cjs')) as { forbidden: { name: string }[] };
  const layers = config.forbidden.filter((rule) => rule.name.startsWith('layer-')).map((rule) => rule.name.slice('layer-'.length));
  const table = readFileSync(join(packageRoot, '.dependency-cruiser.cjs'), 'utf8');
  for (const [index, folder] of layers.entries()) {
    const allowed = new RegExp(`^  ${folder}: \\[(.*)\\],$`, 'm').exec(table)?.[1] ?? '';
    for (const name of [...allowed.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]!)) {
      assert.ok(layers.indexOf(name) >= 0 && layers.indexOf(name) < index, `${folder} may import ${name}, which is not listed before it`);
    }
  }
  const actualFolders = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  assert.deepEqual([...layers].sort(), actualFolders, 'every folder of src/ has its row in the table');
});

test("the README's layout names every folder of src/, and only those", () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Layout'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| folder |')));
  const documented = [...table.matchAll(/^\| `src\/([a-z-]+)\/` \|/gm)].map((match) => match[1]!).sort();
  const actual = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  assert.deepEqual(documented, actual);
});

test('the engine, rule kinds and reporters read no clock', () => {
  const pure = files.filter((file) => /^(engine|reporters|rules\/kinds|rules\/kit|model)\//.test(file.path));
  assert.ok(pure.length > 10, 'expected to find the pure layers');
  const offenders = pure.filter((file) => /\bDate\.now\(|new Date\(/.test(file.text));
  assert.deepEqual(offenders.map((file) => file.path), []);
});
