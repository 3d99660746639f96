import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { prepareRun, readInventory } from '../pipeline/prepare-run.js';
import { UserError } from '../files/user-error.js';
import { ExitCode } from '../engine/verdict.js';
import type { Inventory } from '../model/inventory.js';
import { isUnreadEntry } from '../model/unread.js';
import { plural } from '../reporters/summary.js';
import { renderSnapshot } from '../sources/snapshot/snapshot-file.js';
import { printNotices, requestFromArgs, withSourceOptions } from './common-options.js';
import { toolVersion } from './tool-version.js';

export function snapshotCommand(cli: Argv): Argv {
  return cli.command(
    'snapshot',
    'Capture the configured environments (no secret values) to a JSON file that check can read later',
    (command) =>
      withSourceOptions(command).option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'File to write the snapshot to' }),
    async (argv) => {
      const request = requestFromArgs(argv);
      const cwd = request.cwd;
      const run = prepareRun(request);
      const inventory = await readInventory(request, run);
      printNotices(inventory);
      const text = renderSnapshot(inventory, { createdAt: new Date().toISOString(), createdBy: `envdrift ${toolVersion()}`, fingerprintKeyId: run.describer.keyId });
      const path = resolve(cwd, argv.out);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      } catch (error) {
        throw new UserError(`--out ${argv.out}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
      }
      const unreadable = unreadableParts(inventory);
      const services = inventory.environments.reduce((count, environment) => count + environment.services.length, 0);
      process.stderr.write(`envdrift: wrote ${argv.out} (${plural(services, 'service')} in ${plural(inventory.environments.length, 'environment')})\n`);
      if (unreadable.length > 0) {
        process.stderr.write(`envdrift: the snapshot is incomplete; these could not be read:\n${unreadable.map((line) => `  ${line}\n`).join('')}`);
        process.exitCode = ExitCode.incomplete;
      }
    },
  );
}

/** Every service, and every secret value, that could not be read: a snapshot missing any of them is incomplete. */
function unreadableParts(inventory: Inventory): string[] {
  return inventory.environments.flatMap((environment) =>
    environment.services.flatMap((service) => {
      const place = `${environment.name}/${service.name}`;
      if (service.unreadable !== undefined) return [`${place}: ${service.unreadable}`];
      return service.variants.flatMap((variant) => variant.entries.filter(isUnreadEntry).map((entry) => `${place} ${entry.key}: ${entry.unreadable}`));
    }),
  );
}
