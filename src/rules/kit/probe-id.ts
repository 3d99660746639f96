import { createHash } from 'node:crypto';
import type { Rule } from '../rule-types.js';

const digests = new WeakMap<Rule, string>();

/**
 * The id under which a rule's probe result is stored on a value. It carries a digest of the rule's content,
 * so a result stored in a snapshot is only ever reused by the very same rule, never by an edited one.
 */
export function probeId(rule: Rule, name: string): string {
  let digest = digests.get(rule);
  if (digest === undefined) {
    const { definedAt: _definedAt, ...content } = rule;
    digest = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
    digests.set(rule, digest);
  }
  return `${rule.id}@${digest}:${name}`;
}
