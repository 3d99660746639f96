import type { ConfigVariant, Entry, Severity } from '../model/inventory.js';

/** The types `envdrift init`'s inference shares: what it returns, what it is given, and what each rule kind reads. */

export interface InferredRule {
  id: string;
  kind: 'require' | 'equals' | 'match' | 'source';
  severity: Severity;
  description: string;
  remediation: string;
  /** Comment lines written above the rule: what it was inferred from. */
  evidence: string[];
  environments?: string[];
  services?: string[];
  deployed?: boolean;
  /** The kind's options, in the order they are written. */
  options: Record<string, unknown>;
}

export interface Inference {
  rules: InferredRule[];
  /** Seen but not turned into rules (a key on a service in one environment only, values that differ, …). */
  differences: string[];
  /** What could not be read, so nothing was inferred from it. */
  unread: string[];
  /** The environments and services inference could use. */
  environments: string[];
  services: string[];
}

export interface InferOptions {
  isSensitiveKey: (key: string) => boolean;
  /**
   * Every environment the config declares. When inference saw fewer (`--env`), rules name the environments
   * they were inferred from instead of applying to all.
   */
  declaredEnvironments: readonly string[];
  /** Ids of the value probes init asks sources to answer: not empty, and a flag-like value (`true`, `1`, …). */
  probes: { nonEmpty: string; flagLike: string };
}

/** One readable service of one environment, with each variant's winning entry per key. */
export interface ServiceRead {
  environment: string;
  service: string;
  variants: ConfigVariant[];
  winners: Array<Map<string, Entry>>;
}

export interface Context {
  reads: ServiceRead[];
  environments: string[];
  services: string[];
  options: InferOptions;
  differences: string[];
  /** Inference saw every declared environment, so a rule for all of them needs no `environments` selector. */
  inferredAll: boolean;
}
