import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { prepareRun, readInventory } from '../app/run-check.js';
import { UserError } from '../config/errors.js';
import { ExitCode } from '../engine/verdict.js';
import { renderSnapshot } from '../sources/snapshot-file.js';
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
      const unreadable = inventory.environments.flatMap((environment) => environment.services.filter((service) => service.unreadable !== undefined).map((service) => `${environment.name}/${service.name}: ${service.unreadable}`));
      const services = inventory.environments.reduce((count, environment) => count + environment.services.length, 0);
      process.stderr.write(`envdrift: wrote ${argv.out} (${services} services in ${inventory.environments.length} environments)\n`);
      if (unreadable.length > 0) {
        process.stderr.write(`envdrift: the snapshot is incomplete; these could not be read:\n${unreadable.map((line) => `  ${line}\n`).join('')}`);
        process.exitCode = ExitCode.incomplete;
      }
    },
  );
}
