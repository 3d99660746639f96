import type { ConfigVariant } from '../model/inventory.js';
import { uniqueBy } from './infer-collections.js';
import { allKeys, occurrencesOf } from './infer-observe.js';
import { DESCRIBE_STATE, describeHolders, environmentSelector } from './infer-rule-parts.js';
import type { Context, InferredRule } from './infer-types.js';

/** `source` rules: keys that came from Secret Manager wherever they were deployed. */

export function sourceRules(context: Context): InferredRule[] {
  const deployedOccurrences = (key: string) => occurrencesOf(context, key).filter(({ read, entry }) => read.variants.some((variant) => isDeployed(variant) && variant.entries.includes(entry)));
  const secretKeys: string[] = [];
  const seen = new Map<string, string>();
  for (const key of allKeys(context)) {
    const occurrences = deployedOccurrences(key);
    if (occurrences.length === 0 || !occurrences.every(({ entry }) => entry.source.kind === 'secret')) continue;
    secretKeys.push(key);
    seen.set(key, describeHolders(uniqueBy(occurrences.map(({ read }) => read), (read) => `${read.environment}/${read.service}`)));
  }
  // Pinned versions and keys flipping between literal and secret are the recommended pack's business already.
  const rules: InferredRule[] = [];
  if (secretKeys.length > 0) {
    rules.push({
      id: 'init/secrets-stay-in-secret-manager',
      kind: 'source',
      severity: 'error',
      description: `These keys came from Secret Manager wherever they were deployed ${DESCRIBE_STATE}; a literal would put the value in the service spec.`,
      remediation: 'Reference {key} on {service} from Secret Manager again, as elsewhere; never paste the value into the service.',
      evidence: ['A secret reference in every deployed configuration (Cloud Run template and serving revisions) that sets it:', ...secretKeys.map((key) => `  ${key}: ${seen.get(key)}`)],
      deployed: true,
      ...environmentSelector(context, context.environments),
      options: { keys: secretKeys, from: 'secret' },
    });
  }
  return rules;
}

function isDeployed(variant: ConfigVariant): boolean {
  return variant.origin.kind === 'cloudrun' || variant.origin.kind === 'manifest';
}
