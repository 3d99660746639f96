/**
 * The npm package works where users install it: `npm pack`, install the tarball into a fresh project, and run
 * the installed bin. Catches a `files` list that leaves out something a command reads at run time.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';
import { npmEnv } from './support/npm-env.js';

interface PackedFile {
  filename: string;
  files: Array<{ path: string }>;
}

describe('the packed npm package, installed into another project', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'envdrift-pack-'));
  const project = join(scratch, 'project');
  let packed: PackedFile;

  const npx = (args: string[]) =>
    spawnSync('npx', ['envdrift', ...args], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
      // offline: `npx envdrift` must find the installed bin, never fetch a package of that name.
      env: npmEnv({ npm_config_offline: 'true', CI: 'true' }),
    });

  before(() => {
    // --ignore-scripts: `prepare` would rebuild dist/ under the tests that are running from it; `npm test` has
    // just built it. (The pre-commit test packs a clean clone with its scripts, as pre-commit does.)
    const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
      cwd: packageRoot,
      encoding: 'utf8',
      env: npmEnv(),
    });
    packed = (JSON.parse(json) as PackedFile[])[0]!;
    mkdirSync(project);
    cpSync(join(packageRoot, 'examples'), join(project, 'examples'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-envdrift', private: true }));
    execFileSync('npm', ['install', '--no-save', join(scratch, packed.filename)], {
      cwd: project,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 300_000,
      env: npmEnv(),
    });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('npm pack leaves no tarball in the working copy', () => {
    assert.deepEqual(readdirSync(packageRoot).filter((name) => name.endsWith('.tgz')), []);
    assert.ok(existsSync(join(scratch, packed.filename)));
  });

  test('ships what the commands read and no tests, benchmarks, build scripts or source maps', () => {
    const paths = packed.files.map((file) => file.path);
    for (const needed of ['dist/src/cli/main.js', 'examples/live/envdrift.yaml', 'rules/recommended.yaml', 'schemas/envdrift.schema.json', 'docs/rules.md', 'README.md']) {
      assert.ok(paths.includes(needed), `${needed} is not in the package`);
    }
    assert.deepEqual(paths.filter((path) => /^(dist\/(test|bench|scripts)|test|bench|src|scripts)\/|\.map$|\.ts$/.test(path)), []);
  });

  test('npx envdrift --help runs the installed bin', () => {
    const result = npx(['--help']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /envdrift check/);
    assert.match(result.stdout, /envdrift demo/);
  });

  test('npx envdrift demo checks the bundled live example against the in-process fake', () => {
    const result = npx(['demo']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /fake Cloud Run \+ Secret Manager on 127\.0\.0\.1:\d+/);
    assert.match(result.stdout, /\d+ errors?, \d+ warnings?, .*\d+ services in 2 environments/);
  });

  test('npx envdrift check reads a copied example with the packaged rule packs', () => {
    const result = npx(['check', '--config', 'examples/envdrift.yaml']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /at examples\/env\/backend\/\.env\.production:\d+/);
    assert.match(result.stdout, /0 checks not evaluated; \d+ services in 2 environments/);
  });
});
