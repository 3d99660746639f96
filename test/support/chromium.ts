import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package (installed by .ci/run) and the usual alternatives put the browser. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The headless browser for tests that look at the HTML report in a real engine: `CHROMIUM_PATH` when set,
 * else the first installed candidate. Absent on a developer's machine, the tests skip; in CI (CI=true) they
 * fail instead, so a broken install step can never turn into a quiet green.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path?: string; skipReason?: string } {
  const path = env.CHROMIUM_PATH ?? CANDIDATES.find((candidate) => existsSync(candidate));
  if (path !== undefined && existsSync(path)) return { path };
  const reason = `no Chromium found (looked for ${env.CHROMIUM_PATH ?? CANDIDATES.join(', ')}); install it with: apt-get install -y chromium`;
  if (env.CI === 'true') throw new Error(`${reason}. CI=true: the browser tests must run in CI`);
  return { skipReason: reason };
}
