import type { Origin } from './inventory.js';

/**
 * What was found where, without a single value: per environment, one column per configuration (a service's
 * template or `.env`, and each serving revision that differs from it) and one row per key, each cell saying
 * whether the key is there, whether it is a literal or a secret reference, and which value group (A, B, …)
 * it falls in. It is what a grid report draws, so a person sees "backend and auth hold different JWT
 * secrets" at a glance. Letters are given per row, in column order, as `match` and `distinct` give them.
 */
export interface ConfigurationOverview {
  environments: OverviewEnvironment[];
}

export interface OverviewEnvironment {
  name: string;
  production: boolean;
  columns: OverviewColumn[];
  rows: OverviewRow[];
}

export interface OverviewColumn {
  service: string;
  /** The variant's name as findings use it (`.env`, `template`, `revision backend-00042-xyz`). */
  variant: string;
  /** True for a service's first configuration (its template or `.env`); false for a serving revision. */
  primary: boolean;
  origin?: Origin;
  /** Why the service could not be read at all; its cells are then unknown, not absent. */
  unreadable?: string;
}

/** How rows are grouped: secrets first (the incidents were about them), then URLs, switches, the rest. */
export type KeyCategory = 'secret' | 'url' | 'switch' | 'other';
export const KEY_CATEGORIES: readonly KeyCategory[] = ['secret', 'url', 'switch', 'other'];

export interface OverviewRow {
  key: string;
  category: KeyCategory;
  /** One per column, in column order; `null` where the key is absent (or the column could not be read). */
  cells: Array<OverviewCell | null>;
}

export interface OverviewCell {
  source: { kind: 'literal' } | { kind: 'secret'; secret: string; version: string; resolvedVersion?: string; state?: string };
  /** A, B, …: cells of a row with the same letter hold the same value. Absent when the value was not read. */
  valueGroup?: string;
  /** True when the value starts or ends with whitespace or holds a line break (what `trimmed` rules catch). */
  whitespace?: boolean;
  unreadable?: string;
  origin: Origin;
}
