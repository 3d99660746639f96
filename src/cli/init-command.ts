import type { Argv } from 'yargs';
import { ExitCode } from '../engine/verdict.js';
import { plural } from '../reporters/summary.js';
import { requestFromArgs, withSourceOptions } from './common-options.js';

export function initCommand(cli: Argv): Argv {
  return cli.command(
    'init',
    'Write a starter envdrift.yaml and rules that capture what is consistent today, for review',
    (command) =>
      withSourceOptions(command)
        .option('env', { type: 'string', array: true, describe: 'With --project: the environment each project is, in the same order; otherwise only these environments' })
        .option('project', { type: 'string', array: true, describe: 'Read this Cloud Run project (repeatable); each needs an --env naming its environment, in the same order' })
        .option('region', { type: 'string', array: true, describe: 'Only these regions of every --project (repeatable; default: all)' })
        .option('dotenv', { type: 'string', array: true, describe: 'Read a .env file: ENV/SERVICE=FILE, or ENV=FILE for a file every service of ENV reads first (repeatable)' })
        .option('snapshot', { type: 'string', describe: 'Read a snapshot (from envdrift snapshot) instead of the sources' })
        .option('deploy', { type: 'string', array: true, describe: 'Apply this workflow, Cloud Build config, script or Terraform plan over what is read, so the rules describe what it will leave running (repeatable)' })
        .option('out-dir', { type: 'string', describe: 'Folder to write envdrift.yaml (unless reading an existing config) and rules/envdrift-init.yaml into (default: the folder of the config it reads, else the current folder)' })
        .option('force', { type: 'boolean', default: false, describe: 'Replace files that already exist' }),
    async (argv) => {
      // Loaded only for this command: the CLI's cold start is paid by every check.
      const { runInit } = await import('../init/run-init.js');
      const base = requestFromArgs(argv);
      const result = await runInit({
        cwd: base.cwd,
        ...(base.gcp && { gcp: base.gcp }),
        ...(base.configPath !== undefined && { configPath: base.configPath }),
        ...(base.fingerprintKey !== undefined && { fingerprintKey: base.fingerprintKey }),
        environments: argv.env ?? [],
        projects: argv.project ?? [],
        regions: argv.region ?? [],
        dotenv: argv.dotenv ?? [],
        ...(argv.snapshot !== undefined && { snapshotPath: argv.snapshot }),
        ...(argv.deploy !== undefined && { deploys: argv.deploy }),
        ...(argv['out-dir'] !== undefined && { outDir: argv['out-dir'] }),
        force: argv.force,
        today: base.today ?? new Date().toISOString().slice(0, 10),
      });
      for (const notice of result.notices) process.stderr.write(`envdrift: ${notice}\n`);
      const { inference } = result;
      const byKind = ['require', 'equals', 'match', 'source']
        .map((kind) => ({ kind, count: inference.rules.filter((rule) => rule.kind === kind).length }))
        .filter(({ count }) => count > 0)
        .map(({ kind, count }) => `${count} ${kind}`);
      const scope = `${plural(inference.services.length, 'service')} in ${plural(inference.environments.length, 'environment')}`;
      if (result.written.length === 0) {
        process.stderr.write('envdrift: nothing written: no service could be read\n');
      } else {
        const rulesFile = result.written.at(-1)!;
        process.stderr.write(`envdrift: wrote ${result.written.join(' and ')}: ${plural(inference.rules.length, 'rule')}${byKind.length > 0 ? ` (${byKind.join(', ')})` : ''} from ${scope}\n`);
        if (inference.differences.length > 0) process.stderr.write(`envdrift: ${plural(inference.differences.length, 'difference')} seen but not turned into rules ${inference.differences.length === 1 ? 'is' : 'are'} listed at the end of ${rulesFile}\n`);
        if (result.configHint) process.stderr.write(`envdrift: ${result.configHint}\n`);
        process.stderr.write(`envdrift: review the rules (each says what it was inferred from), then run: envdrift check${result.config !== 'envdrift.yaml' ? ` --config ${result.config}` : ''}\n`);
      }
      if (result.incomplete) {
        process.stderr.write(`envdrift: incomplete; these could not be read, so nothing was inferred from them:\n${inference.unread.map((line) => `  ${line}\n`).join('')}`);
        process.exitCode = ExitCode.incomplete;
      }
    },
  );
}
