/**
 * Every rule shipped in a pack has a page in docs/rules/<pack>/<name>.md with a failing and a passing
 * example, and the examples behave as documented: each is run through the real engine (from a snapshot of
 * the services it describes) and must produce exactly the findings of that rule it says it does.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { runCheck } from '../src/check/run-check.js';
import { packageRoot } from '../src/files/package-root.js';
import { availablePacks, packFile } from '../src/rules/load-rules.js';
import { snapshotOf, type DeployedService } from './support/case-snapshot.js';
import { createWorkspace } from './support/workspace.js';

/** An example as a rule page writes it, in a ```yaml envdrift-example block. */
interface RuleExample {
  /** environment → service → the service's configuration. */
  environments: Record<string, Record<string, DeployedService & { urls?: string[] }>>;
  /** Environments marked production (besides one named production, which is one anyway). */
  production?: string[];
  /** The findings of this rule, as "environment/service KEY". */
  expect: string[];
}

const EXAMPLE_BLOCK = /```yaml envdrift-example\n([\s\S]*?)```/g;

/**
 * The parameters every example of a pack runs with (rule pages say so): for `auth`, auth issues tokens,
 * backend and frontend consume them, and netra-backend is the identity auth accepts.
 */
export const EXAMPLE_PACK_PARAMETERS: Record<string, Record<string, unknown>> = {
  auth: { producer: 'auth', consumers: ['backend', 'frontend'], identities: ['netra-backend'] },
};
const workspace = createWorkspace();
after(() => workspace.dispose());

export function rulePagePath(ruleId: string): string {
  return join(packageRoot, 'docs', 'rules', `${ruleId}.md`);
}

for (const pack of availablePacks()) {
  const rules = (parse(readFileSync(packFile(pack), 'utf8')) as { rules: Array<{ id: string }> }).rules;
  describe(`pack ${pack}`, () => {
    for (const rule of rules) {
      test(`${rule.id} is documented, and its examples behave as documented`, async () => {
        const page = rulePagePath(rule.id);
        assert.ok(existsSync(page), `${page} is missing`);
        const text = readFileSync(page, 'utf8');
        const examples = [...text.matchAll(EXAMPLE_BLOCK)].map((match) => parse(match[1]!) as RuleExample);
        assert.ok(examples.some((example) => example.expect.length > 0), 'no failing example');
        assert.ok(examples.some((example) => example.expect.length === 0), 'no passing example');
        for (const [index, example] of examples.entries()) {
          const found = await findingsOf(pack, rule.id, example, `${rule.id.replace(/\W/g, '-')}-${index}`);
          assert.deepEqual(found.sort(), [...example.expect].sort(), `example ${index + 1} of ${page}`);
        }
      });
    }
  });
}

async function findingsOf(pack: string, ruleId: string, example: RuleExample, dir: string): Promise<string[]> {
  const environments: Record<string, { production?: boolean; services: Record<string, { urls?: string[]; dotenv: string[] }> }> = {};
  const services: Record<string, DeployedService> = {};
  for (const [environment, declared] of Object.entries(example.environments)) {
    environments[environment] = { ...(example.production?.includes(environment) && { production: true }), services: {} };
    for (const [service, spec] of Object.entries(declared)) {
      environments[environment].services[service] = { dotenv: ['unused.env'], ...(spec.urls && { urls: spec.urls }) };
      services[`${environment}/${service}`] = spec;
    }
  }
  const packUse = EXAMPLE_PACK_PARAMETERS[pack] ? { [pack]: EXAMPLE_PACK_PARAMETERS[pack] } : pack;
  workspace.write(`${dir}/envdrift.yaml`, stringify({ version: 1, packs: [packUse], environments }));
  workspace.write(`${dir}/snapshot.json`, JSON.stringify(snapshotOf(services, environments)));
  const { report } = await runCheck({ cwd: workspace.path(dir), snapshotPath: 'snapshot.json' });
  return report.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.environment}/${finding.service} ${finding.key}`);
}
