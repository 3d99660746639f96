import type { KeyCategory, OverviewCell, OverviewColumn, OverviewEnvironment } from '../model/configuration-overview.js';
import type { Finding, Unevaluated } from '../model/report.js';
import { describeOrigin } from '../model/describe-origin.js';
import type { Severity } from '../model/inventory.js';
import { xmlAttribute as attr, xmlText as text } from './xml-escape.js';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_ICON: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
const CATEGORY_TITLE: Record<KeyCategory | 'service', string> = { service: 'Whole service', secret: 'Secrets', url: 'URLs', switch: 'Switches', other: 'Other' };
/** Findings and checks without a key belong to the service as a whole: they get a row of their own, first. */
const SERVICE_ROW = '\u0000service';
const GROUP_COLOURS = 8;

/** What a matrix cell points at: the findings and unevaluated checks of one key in one column. */
interface CellNotes {
  findings: Finding[];
  unevaluated: Unevaluated[];
}

/** One environment: its matrix, the panel that shows a clicked cell's findings, and what fits no cell. */
export function environmentSection(environment: OverviewEnvironment, index: number, findings: readonly Finding[], unevaluated: readonly Unevaluated[]): string {
  const notes = new Map<string, CellNotes>();
  const loose: CellNotes = { findings: [], unevaluated: [] };
  const place = (item: { service?: string; variant?: string; key?: string }) => {
    const column = columnOf(environment.columns, item);
    if (column === undefined) return loose;
    const id = `${item.key ?? SERVICE_ROW}\u0000${column}`;
    if (!notes.has(id)) notes.set(id, { findings: [], unevaluated: [] });
    return notes.get(id)!;
  };
  for (const finding of findings) place(finding).findings.push(finding);
  for (const item of unevaluated) place(item).unevaluated.push(item);
  const notesAt = (key: string, column: number) => notes.get(`${key}\u0000${column}`);

  const serviceRowNeeded = environment.columns.some((_, column) => notesAt(SERVICE_ROW, column) !== undefined);
  const rows = [
    ...(serviceRowNeeded ? [{ key: SERVICE_ROW, category: 'service' as const, cells: environment.columns.map(() => null) }] : []),
    ...environment.rows,
  ];
  const details: string[] = [];
  const body: string[] = [];
  let category: string | undefined;
  rows.forEach((row, rowIndex) => {
    if (row.category !== category) {
      category = row.category;
      body.push(`<tr class="category"><th scope="rowgroup" colspan="${environment.columns.length + 1}">${CATEGORY_TITLE[row.category]}</th></tr>`);
    }
    const label = row.key === SERVICE_ROW ? '(service)' : row.key;
    let attention = false;
    const cells = environment.columns.map((column, columnIndex) => {
      const cellNotes = notesAt(row.key, columnIndex);
      const standing = cellNotes?.findings.filter((finding) => !finding.suppressed) ?? [];
      if (standing.length > 0 || (cellNotes?.unevaluated.length ?? 0) > 0) attention = true;
      const detailsId = cellNotes ? `d-${index}-${rowIndex}-${columnIndex}` : undefined;
      if (cellNotes && detailsId) details.push(detailsBlock(detailsId, `${environment.name} · ${columnTitle(column)} · ${label}`, cellNotes));
      return cellHtml(row.cells[columnIndex] ?? null, column, cellNotes, detailsId);
    });
    const searchText = [label, ...row.cells.flatMap((cell) => (cell?.source.kind === 'secret' ? [cell.source.secret] : []))].join(' ').toLowerCase();
    body.push(`<tr class="row" data-key="${attr(label)}" data-attention="${attention}" data-search="${attr(searchText)}"><th scope="row" class="key mono">${text(label)}</th>${cells.join('')}</tr>`);
  });

  const head = environment.columns
    .map((column) => `<th scope="col" data-service="${attr(column.service)}" data-variant="${attr(column.variant)}">${text(column.service)}<span class="variant">${text(variantTitle(column))}</span></th>`)
    .join('');
  const title = `Environment ${environment.name}${environment.production ? ' (production)' : ''}`;
  return [
    `<section class="environment" data-environment="${attr(environment.name)}" aria-labelledby="env-${index}">`,
    `<h2 id="env-${index}">${text(title)}</h2>`,
    environment.columns.length === 0
      ? '<p class="notice">No service of this environment was read.</p>'
      : `<div class="matrix-wrap"><table class="matrix" role="grid" aria-labelledby="env-${index}"><thead><tr><th scope="col">key</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`,
    `<div class="panel" role="region" aria-live="polite" aria-label="${attr(`Findings in ${environment.name}`)}">`,
    '<p class="hint">Select a marked cell (click, or arrow keys and Enter) to see its findings.</p>',
    ...details,
    looseBlock(loose),
    '</div>',
    '</section>',
  ].join('\n');
}

/** The column a finding belongs to: its exact variant, else the service's first configuration. */
function columnOf(columns: readonly OverviewColumn[], item: { service?: string; variant?: string }): number | undefined {
  if (item.service === undefined) return undefined;
  const candidates = columns.flatMap((column, index) => (column.service === item.service ? [index] : []));
  return candidates.find((index) => columns[index]!.variant === item.variant) ?? candidates[0];
}

function variantTitle(column: OverviewColumn): string {
  if (column.unreadable !== undefined) return 'not read';
  return column.variant === '' ? 'no configuration' : column.variant;
}

function columnTitle(column: OverviewColumn): string {
  return `${column.service} (${variantTitle(column)})`;
}

function cellHtml(cell: OverviewCell | null, column: OverviewColumn, notes: CellNotes | undefined, detailsId: string | undefined): string {
  const standing = notes?.findings.filter((finding) => !finding.suppressed) ?? [];
  const worst = SEVERITY_ORDER.find((severity) => standing.some((finding) => finding.severity === severity));
  const classes = ['cell', ...(notes ? ['has-findings'] : []), ...(worst ? [`sev-${worst}`] : [])];
  const parts: string[] = [];
  if (column.unreadable !== undefined) parts.push('<span class="mark unknown">? not read</span>');
  else if (cell === null) parts.push('<span class="absent">— absent</span>');
  else {
    if (cell.valueGroup !== undefined) {
      parts.push(`<span class="chip ${groupClass(cell.valueGroup)}" title="value group ${attr(cell.valueGroup)}"><span class="visually-hidden">value </span>${text(cell.valueGroup)}</span>`);
    }
    if (cell.whitespace) parts.push('<span class="mark warning" title="the value starts or ends with whitespace or holds a line break">␣ whitespace</span>');
    parts.push(`<span class="source">${text(sourceText(cell))}</span>`);
    if (cell.unreadable !== undefined && cell.source.kind === 'secret' && cell.source.state === undefined) parts.push('<span class="mark unknown">? value not read</span>');
  }
  for (const severity of SEVERITY_ORDER) {
    const count = standing.filter((finding) => finding.severity === severity).length;
    if (count > 0) parts.push(`<span class="mark ${severity}">${SEVERITY_ICON[severity]} ${count} ${severity}${count === 1 || severity === 'info' ? '' : 's'}</span>`);
  }
  const suppressed = (notes?.findings.length ?? 0) - standing.length;
  if (suppressed > 0) parts.push(`<span class="mark">${suppressed} suppressed</span>`);
  if ((notes?.unevaluated.length ?? 0) > 0) parts.push(`<span class="mark unknown">? ${notes!.unevaluated.length} not evaluated</span>`);
  const data = detailsId ? ` data-details="${detailsId}" aria-expanded="false" aria-controls="${detailsId}"` : '';
  const severity = worst ? ` data-severity="${worst}"` : '';
  return `<td class="${classes.join(' ')}" tabindex="-1" role="gridcell"${data}${severity}${cell?.valueGroup !== undefined ? ` data-group="${attr(cell.valueGroup)}"` : ''}>${parts.join(' ')}</td>`;
}

/** "literal", or "secret jwt-secret-staging @ latest (→ 3, DISABLED)": where the value comes from, never the value. */
function sourceText(cell: OverviewCell): string {
  if (cell.source.kind === 'literal') return 'literal';
  const facts = [cell.source.resolvedVersion !== undefined && cell.source.resolvedVersion !== cell.source.version ? `→ ${cell.source.resolvedVersion}` : '', cell.source.state === 'ENABLED' ? '' : (cell.source.state ?? '')].filter(Boolean);
  return `secret ${cell.source.secret} @ ${cell.source.version}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}

/** Colours repeat after eight groups; the letter never does, so colour is never the only signal. */
function groupClass(label: string): string {
  const index = /^[A-Z]$/.test(label) ? label.charCodeAt(0) - 65 : Number(label.replace('#', '')) - 1;
  return `g${(index % GROUP_COLOURS) + 1}`;
}

function detailsBlock(id: string, title: string, notes: CellNotes): string {
  return [`<div class="details" id="${id}" hidden>`, `<h3>${text(title)}</h3>`, notesList(notes), '</div>'].join('\n');
}

function looseBlock(notes: CellNotes): string {
  if (notes.findings.length === 0 && notes.unevaluated.length === 0) return '';
  return ['<div class="details loose">', '<h3>About the environment as a whole</h3>', notesList(notes), '</div>'].join('\n');
}

export function notesList(notes: CellNotes): string {
  const items = [
    ...notes.findings.map(findingItem),
    ...notes.unevaluated.map((item) => `<li><span class="mark unknown">? not evaluated</span> <code>${text(item.ruleId)}</code>${item.variant ? ` [${text(item.variant)}]` : ''}: ${text(item.reason)}</li>`),
  ];
  return `<ul>${items.join('\n')}</ul>`;
}

function findingItem(finding: Finding): string {
  const variant = finding.variant && finding.variant !== '.env' ? ` [${text(finding.variant)}]` : '';
  const suppressed = finding.suppressed
    ? ` <span class="mark">suppressed until ${text(finding.suppressed.expires)}: ${text(finding.suppressed.reason)} (${text(finding.suppressed.source)})</span>`
    : '';
  return [
    `<li class="finding" data-rule="${attr(finding.ruleId)}"><span class="mark ${finding.severity}">${SEVERITY_ICON[finding.severity]} ${finding.severity}</span> <code>${text(finding.ruleId)}</code>${suppressed}`,
    `<div>${text(finding.message)}${variant}</div>`,
    ...(finding.detail !== finding.message ? [`<div>${text(finding.detail)}</div>`] : []),
    `<span class="where">at ${text(describeOrigin(finding.location))}</span>`,
    ...finding.related.map((related) => `<span class="related">see ${text(describeOrigin(related.origin))}: ${text(related.note)}</span>`),
    `<span class="fix">fix: ${text(finding.remediation)}</span></li>`,
  ].join('\n');
}
