/**
 * The documented pre-commit hook, installed and run by the real pre-commit (`pre-commit try-repo` against
 * this working copy), in a throwaway git repository: pre-commit clones the repository, runs `npm install` and
 * `npm pack` in the clone (taking pack's stdout as the tarball's name), installs the tarball and runs the hook.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';
import { findOnPath } from './support/gcloud-sandbox.js';
import { npmEnv } from './support/npm-env.js';

const scratch = mkdtempSync(join(tmpdir(), 'envdrift-pre-commit-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The Node this suite runs on, on PATH from a folder outside HOME: pre-commit takes a `node` under HOME (such as
 * one `npx -p node@22` provides) for a version manager's shim and downloads its own Node instead.
 */
function nodeOutsideHome(): string {
  const bin = join(scratch, 'node-bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
}

let nodeBin: string | undefined;

function tryRepo(repo: string) {
  nodeBin ??= nodeOutsideHome();
  return spawnSync('pre-commit', ['try-repo', packageRoot, 'envdrift', '--all-files', '--verbose'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 600_000,
    // Its own hook cache, so the hook is installed from this working copy and not from an earlier run.
    env: npmEnv({ PRE_COMMIT_HOME: join(scratch, 'pre-commit-home'), CI: 'true', PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}` }),
  });
}

function gitRepo(name: string): string {
  const repo = join(scratch, name);
  execFileSync('git', ['init', '-q', repo]);
  return repo;
}

test('pre-commit installs the hook from this repository and it fails a commit on drift, then passes a clean one', (t) => {
  if (!findOnPath('pre-commit')) {
    // CI installs pre-commit (.ci/run), so there a missing one is a broken setup, not a reason to skip.
    assert.notEqual(process.env.CI, 'true', 'pre-commit is not installed (apt-get install pre-commit)');
    t.skip('pre-commit is not installed');
    return;
  }
  const drifting = gitRepo('drifting');
  for (const entry of ['envdrift.yaml', 'env', 'rules']) cpSync(join(packageRoot, 'examples', entry), join(drifting, entry), { recursive: true });
  execFileSync('git', ['add', '-A'], { cwd: drifting });
  const failed = tryRepo(drifting);
  const failedOutput = failed.stdout + failed.stderr;
  assert.equal(failed.status, 1, failedOutput);
  assert.match(failedOutput, /envdrift \(configuration and secret drift\)\.+Failed/);
  assert.match(failedOutput, /at env\/backend\/\.env\.production:6 {2}\(auth-url-points-at-auth\)/);

  const clean = gitRepo('clean');
  writeFileSync(join(clean, 'envdrift.yaml'), 'version: 1\npacks: [recommended]\nenvironments:\n  development:\n    services:\n      app: { dotenv: [.env.development] }\n');
  writeFileSync(join(clean, '.env.development'), 'ENVIRONMENT=development\nLOG_LEVEL=info\n');
  execFileSync('git', ['add', '-A'], { cwd: clean });
  const passed = tryRepo(clean);
  assert.equal(passed.status, 0, passed.stdout + passed.stderr);
  assert.match(passed.stdout, /envdrift \(configuration and secret drift\)\.+Passed/);
  assert.match(passed.stdout, /0 errors, 0 warnings, 0 info; 0 checks not evaluated; 1 service in 1 environment/);
});
