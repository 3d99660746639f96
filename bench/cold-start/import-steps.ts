/**
 * Child script of the cold-start benchmark: loads what `envdrift check` loads, in the order it loads it, and
 * times each step in this one process, so a shared dependency is counted once, where the CLI first pays for
 * it. Prints one JSON line: `{ steps: [{ name, ms, error? }] }`. Run from the repository root.
 *
 * Envdrift's modules are imported through computed specifiers on purpose: if a module moves or an export is
 * renamed, this step reports an error at run time instead of breaking `tsc` for the whole project.
 */
interface Step {
  name: string;
  ms: number;
  error?: string;
}

const steps: Step[] = [{ name: 'node bootstrap until the entry script runs', ms: performance.now() }];
const dist = new URL('../../src/', import.meta.url).href;
const load = (path: string): Promise<Record<string, unknown>> => import(path.startsWith('./') ? dist + path.slice(2) : path) as Promise<Record<string, unknown>>;

async function step(name: string, work: () => Promise<void>): Promise<void> {
  const started = performance.now();
  try {
    await work();
    steps.push({ name, ms: performance.now() - started });
  } catch (error) {
    steps.push({ name, ms: performance.now() - started, error: String((error as Error)?.message ?? error).split('\n')[0] });
  }
}

type Fn = (...args: unknown[]) => unknown;

await step('import yargs (+ yargs/helpers)', async () => {
  await load('yargs');
  await load('yargs/helpers');
});
await step('import yaml', async () => void (await load('yaml')));
await step('import dotenv', async () => void (await load('dotenv')));
await step("import envdrift's own modules (cli/check-command and all it imports)", async () => {
  await Promise.all(['./cli/check-command.js', './files/user-error.js', './engine/verdict.js', './cli/tool-version.js'].map(load));
});
await step('schema validators: load precompiled (or compile with Ajv)', async () => {
  const { compileSchema } = await load('./files/compile-schema.js');
  const { configSchema } = await load('./config/config-schema.js');
  const { rulesFileSchema } = await load('./rules/rule-schema.js');
  (compileSchema as Fn)(configSchema);
  (compileSchema as Fn)(rulesFileSchema);
});
let report: unknown;
await step('runCheck on the example (read + validate config, rules, .env; evaluate)', async () => {
  const { runCheck } = await load('./check/run-check.js');
  report = ((await (runCheck as Fn)({ cwd: process.cwd(), configPath: 'examples/envdrift.yaml' })) as { report: unknown }).report;
});
await step('render the text report', async () => {
  const { reporters } = await load('./reporters/index.js');
  ((reporters as Record<string, Fn>).text as Fn)(report, { toolVersion: 'bench', color: false, failOn: 'error' });
});
process.stdout.write(`${JSON.stringify({ steps })}\n`);
