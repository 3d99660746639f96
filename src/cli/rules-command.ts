import type { Argv } from 'yargs';

export function rulesCommand(cli: Argv): Argv {
  return cli
    .command(
      'rules',
      'List every rule a check applies (built-in checks, packs, your rule files) with its origin and severity',
      (command) =>
        command
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: ./envdrift.yaml; without one, every shipped pack)' })
          .option('format', { alias: 'f', type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' }),
      async (argv) => {
        const { ruleCatalog } = await import('../catalog/rule-catalog.js');
        const catalog = ruleCatalog(process.cwd(), argv.config);
        if (argv.format === 'json') {
          process.stdout.write(`${JSON.stringify(catalog.map(({ rule: _rule, ...entry }) => entry), null, 2)}\n`);
          return;
        }
        const width = (pick: (entry: (typeof catalog)[number]) => string) => Math.max(...catalog.map((entry) => pick(entry).length));
        const idWidth = width((entry) => entry.id);
        const originWidth = width((entry) => entry.origin);
        const kindWidth = width((entry) => entry.kind);
        // A severity the config sets says where, so "why is this an error here?" has its answer in the listing.
        const severityText = (entry: (typeof catalog)[number]) => (entry.severitySetAt ? `${entry.severity} (set in ${entry.severitySetAt})` : entry.severity);
        const severityWidth = width(severityText);
        for (const entry of catalog) {
          process.stdout.write(`${entry.id.padEnd(idWidth)}  ${entry.origin.padEnd(originWidth)}  ${entry.kind.padEnd(kindWidth)}  ${severityText(entry).padEnd(severityWidth)}  ${firstSentence(entry.description)}\n`);
        }
      },
    )
    .command(
      'explain <rule>',
      'Print the documentation of a rule: what it checks, its options, a failing and a passing example',
      (command) =>
        command
          .positional('rule', { type: 'string', demandOption: true, describe: 'A rule id, e.g. recommended/trimmed-values' })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: ./envdrift.yaml; without one, every shipped pack)' }),
      async (argv) => {
        const { explainRule, ruleCatalog } = await import('../catalog/rule-catalog.js');
        process.stdout.write(explainRule(ruleCatalog(process.cwd(), argv.config), argv.rule));
      },
    );
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0] ?? text;
  return sentence.length > 100 ? `${sentence.slice(0, 97)}...` : sentence;
}
