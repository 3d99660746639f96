import { keyFamily } from '../rules/kit/disagreement.js';
import type { ConfigVariant, EnvironmentInventory, Entry, Inventory } from '../model/inventory.js';
import { KEY_CATEGORIES, type ConfigurationOverview, type KeyCategory, type OverviewCell, type OverviewColumn, type OverviewEnvironment, type OverviewRow } from '../model/configuration-overview.js';
import type { Finding } from '../model/report.js';

/** The letter a value has in this run's findings (src/engine/value-letters.ts), so the grid and the text agree. */
type ValueLetter = (environment: string, family: string, fingerprint: string) => string;

const URL_KEY = /(^|_)(URLS?|URIS?|ENDPOINTS?|HOSTS?|HOSTNAME|ORIGINS?|DOMAINS?|ISSUER|AUDIENCE|REDIRECT)(_|$)/i;
const SWITCH_KEY = /(^|_)(ENABLE|ENABLED|DISABLE|DISABLED|SKIP|BYPASS|DEBUG|MODE|FLAG|FEATURE|TEST|TESTING|ALLOW|SIMULATION|DRY_RUN|VERBOSE)(_|$)/i;
const SWITCH_VALUE = /^(true|false|yes|no|on|off|0|1)$/i;
const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Builds the overview of every environment; keys that findings name but no configuration holds get a row too. */
export function configurationOverview(inventory: Inventory, findings: readonly Finding[], isSensitiveKey: (key: string) => boolean, valueLetter: ValueLetter): ConfigurationOverview {
  return { environments: inventory.environments.map((environment) => overviewOf(environment, findings, isSensitiveKey, valueLetter)) };
}

function overviewOf(environment: EnvironmentInventory, findings: readonly Finding[], isSensitiveKey: (key: string) => boolean, valueLetter: ValueLetter): OverviewEnvironment {
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
    // Letters from the run's registry: a value the findings call A is A in the grid too; a value no finding
    // lettered gets the next letter of its family, in column order.
    const letterOf = (entry: Entry) => (entry.value ? valueLetter(environment.name, keyFamily(key), entry.value.fingerprint) : undefined);
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
