import type { Severity } from '../model/inventory.js';

/** Fields every rule has, whatever its kind. Kind-specific options sit beside them in the same mapping. */
export interface RuleBase {
  id: string;
  kind: string;
  severity: Severity;
  description: string;
  /** Optional headline with `{environment}`, `{service}`, `{key}`, `{variant}` placeholders. */
  message?: string;
  remediation: string;
  /** Environment names or globs; all when absent. */
  environments?: string[];
  /** When true, only environments marked `production: true` in envdrift.yaml. */
  production?: boolean;
  /** true: only deployed configuration (Cloud Run, manifests); false: only local `.env` files. Both when absent. */
  deployed?: boolean;
  /** Service names or globs; all when absent. */
  services?: string[];
  /** Treat the keys this rule names as secrets even if their names do not look like it. */
  sensitive?: boolean;
  /** Where the rule was written, for problems found after loading. */
  definedAt: { file: string; line: number; column: number };
}

export type Rule = RuleBase & Record<string, unknown>;

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const MESSAGE_PLACEHOLDERS = ['environment', 'service', 'key', 'variant'] as const;
