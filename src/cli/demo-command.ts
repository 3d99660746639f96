import { join, relative } from 'node:path';
import type { Argv } from 'yargs';
import { packageRoot } from '../files/package-root.js';
import { checkAndReport, withOutputOptions } from './check-command.js';
import { requestFromArgs } from './common-options.js';

/**
 * `envdrift demo`: the live example with no Google account. Starts a fake Cloud Run + Secret Manager on
 * 127.0.0.1 in this process, seeded with a staging and a production estate full of real-world drift, and
 * checks `examples/live/envdrift.yaml` against it through the real Google client libraries over gRPC.
 */
export function demoCommand(cli: Argv): Argv {
  return cli.command(
    'demo',
    'Check the bundled live example against a fake Google Cloud started in-process (no account needed)',
    (command) => withOutputOptions(command),
    async (argv) => {
      const [{ startFakeGcp, fakeGcpEnv }, { DEMO_ESTATE }] = await Promise.all([import('../demo/fake-gcp/index.js'), import('../demo/demo-estate.js')]);
      const fake = await startFakeGcp({ fixture: DEMO_ESTATE, defaultPageSize: 50 });
      try {
        const configPath = join(packageRoot, 'examples', 'live', 'envdrift.yaml');
        const request = requestFromArgs({ config: configPath, timeout: 30 });
        process.stderr.write(
          `envdrift demo: fake Cloud Run + Secret Manager on ${fake.address} (projects netra-staging, netra-prod); ` +
            `checking ${relative(process.cwd(), configPath) || configPath} through the real Google clients\n\n`,
        );
        await checkAndReport({ ...request, gcp: { ...request.gcp!, env: { ...request.gcp!.env, ...fakeGcpEnv(fake) } } }, argv);
      } finally {
        await fake.stop();
      }
    },
  );
}
