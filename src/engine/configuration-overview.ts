import type { ConfigVariant, EnvironmentInventory, Entry, Inventory, Origin } from '../inventory/types.js';
import type { Finding } from './report-types.js';
import { groupByValue } from './value-groups.js';

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

const URL_KEY = /(^|_)(URLS?|URIS?|ENDPOINTS?|HOSTS?|HOSTNAME|ORIGINS?|DOMAINS?|ISSUER|AUDIENCE|REDIRECT)(_|$)/i;
const SWITCH_KEY = /(^|_)(ENABLE|ENABLED|DISABLE|DISABLED|SKIP|BYPASS|DEBUG|MODE|FLAG|FEATURE|TEST|TESTING|ALLOW|SIMULATION|DRY_RUN|VERBOSE)(_|$)/i;
const SWITCH_VALUE = /^(true|false|yes|no|on|off|0|1)$/i;
const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Builds the overview of every environment; keys that findings name but no configuration holds get a row too. */
export function configurationOverview(inventory: Inventory, findings: readonly Finding[], isSensitiveKey: (key: string) => boolean): ConfigurationOverview {
  return { environments: inventory.environments.map((environment) => overviewOf(environment, findings, isSensitiveKey)) };
}

function overviewOf(environment: EnvironmentInventory, findings: readonly Finding[], isSensitiveKey: (key: string) => boolean): OverviewEnvironment {
  const columns: OverviewColumn[] = [];
  const variants: Array<ConfigVariant | undefined> = [];
  for (const service of environment.services) {
    if (service.unreadable !== undefined || service.variants.length === 0) {
      columns.push({ service: service.name, variant: '', primary: true, ...(service.unreadable !== undefined && { unreadable: service.unreadable }) });
      variants.push(undefined);
      continue;
    }
    service.variants.forEach((variant, index) => {
      columns.push({ service: service.name, variant: variant.name, primary: index === 0, origin: variant.origin });
      variants.push(variant);
    });
  }

  const keys = new Set<string>();
  for (const variant of variants) for (const entry of variant?.entries ?? []) keys.add(entry.key);
  for (const finding of findings) if (finding.environment === environment.name && finding.key !== undefined) keys.add(finding.key);

  // The last entry of a key wins, as in the services themselves (duplicates are findings of their own).
  const winners = variants.map((variant) => new Map(variant?.entries.map((entry) => [entry.key, entry])));
  const rows = [...keys].map((key): OverviewRow => {
    const entries = winners.map((byKey) => byKey.get(key));
    const groups = groupByValue(entries.filter((entry): entry is Entry => entry?.value !== undefined));
    const letters = new Map(groups.flatMap((group) => group.entries.map((entry) => [entry, group.label] as const)));
    const letterOf = (entry: Entry) => letters.get(entry);
    return { key, category: categoryOf(key, entries, isSensitiveKey), cells: entries.map((entry) => (entry === undefined ? null : cellOf(entry, letterOf(entry)))) };
  });
  rows.sort((a, b) => KEY_CATEGORIES.indexOf(a.category) - KEY_CATEGORIES.indexOf(b.category) || a.key.localeCompare(b.key));
  return { name: environment.name, production: environment.production, columns, rows };
}

function cellOf(entry: Entry, valueGroup: string | undefined): OverviewCell {
  const source = entry.source;
  return {
    source: source.kind === 'literal'
      ? { kind: 'literal' }
      : {
          kind: 'secret',
          secret: source.secret,
          version: source.version,
          ...(source.resolvedVersion !== undefined && { resolvedVersion: source.resolvedVersion }),
          ...(source.state !== undefined && { state: source.state }),
        },
    ...(valueGroup !== undefined && { valueGroup }),
    ...(entry.value && (entry.value.surroundingWhitespace || entry.value.containsNewline) && { whitespace: true }),
    ...(entry.unreadable !== undefined && { unreadable: entry.unreadable }),
    origin: entry.origin,
  };
}

/** Judged by the key's name and, for keys that are not sensitive, by the shape of their plain values. */
function categoryOf(key: string, entries: ReadonlyArray<Entry | undefined>, isSensitiveKey: (key: string) => boolean): KeyCategory {
  const present = entries.filter((entry): entry is Entry => entry !== undefined);
  if (isSensitiveKey(key) || present.some((entry) => entry.source.kind === 'secret')) return 'secret';
  const texts = present.flatMap((entry) => (entry.value?.text === undefined ? [] : [entry.value.text.trim()]));
  if (URL_KEY.test(key) || (texts.length > 0 && texts.every((text) => URL_VALUE.test(text)))) return 'url';
  if (SWITCH_KEY.test(key) || (texts.length > 0 && texts.every((text) => SWITCH_VALUE.test(text)))) return 'switch';
  return 'other';
}
