import {
  formatInteger,
  compareWithPublished,
  comparisonLines,
  completenessLine,
  coverageFigures,
  sortedDepartments,
  DOC_TYPES,
  listRegistry,
  plural,
  type RegistryRow,
  DOC_LABELS,
} from '@cls/core';
import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';
import { registryCompleteness } from '../report-context.ts';
import { DocumentGroupsView } from './document-groups-view.ts';

type SortKey = 'territory' | 'docType' | 'signed' | 'departments' | 'verified';

const COLUMNS: Array<[SortKey | null, string]> = [
  ['territory', 'Territoire'],
  ['docType', 'Type'],
  ['signed', 'Signature'],
  [null, 'Fin'],
  [null, 'Génération'],
  ['departments', 'Départements'],
  ['verified', 'Vérifié'],
  [null, 'Source et citation'],
];

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Orders two rows by a column; undated documents come after dated ones whatever the direction. */
export function compareRows(a: RegistryRow, b: RegistryRow, key: SortKey): number {
  switch (key) {
    case 'signed':
      if (!a.signed || !b.signed) return (a.signed ? 0 : 1) - (b.signed ? 0 : 1);
      return a.signed.date < b.signed.date ? -1 : a.signed.date > b.signed.date ? 1 : 0;
    case 'verified':
      return Number(b.verified) - Number(a.verified);
    case 'departments':
      return collator.compare(a.departments.join(','), b.departments.join(','));
    case 'docType':
      return DOC_TYPES.indexOf(a.docType) - DOC_TYPES.indexOf(b.docType);
    default:
      return collator.compare(a.territory, b.territory);
  }
}

/**
 * The registry as a table: every row, dated and undated, sortable by column and filterable by type,
 * department and verification, with its source and quote; above it, the registry's completeness and
 * the published figures set beside what the registry gives at their date.
 */
/** Rows of the Documents table drawn at once. */
const PAGE_ROWS = 300;

/** A source link's host, or the text itself when it is not a URL a browser parses (never an exception). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 40);
  }
}

export class DocumentsPanel implements Panel {
  private el = h('div', {});
  private rows: RegistryRow[] = [];
  private filters = { type: '', department: '', verified: '' };
  private sort: { key: SortKey; ascending: boolean } = { key: 'signed', ascending: true };
  private body = h('tbody', {});
  private head = h('tr', {});
  private caption = h('caption', { class: 'etiquette' });
  /** Rows drawn (a page at a time), and the button that draws more. */
  private shown = PAGE_ROWS;
  private more = h('div', { class: 'ligne' });

  private ctx: AppContext | null = null;
  private built = false;
  private groupsView: DocumentGroupsView | null = null;

  /**
   * Drawn when its tab is first shown: listing a 50,000-row registry and the figures at each
   * published date cost seconds that the first screen does not wait for.
   */
  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    if (ctx.store.get().tab === 'documents') this.build(ctx);
    return this.el;
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!this.built && this.ctx && changed.has('tab') && this.ctx.store.get().tab === 'documents') this.build(this.ctx);
    // The grouped table is of the date shown: drawn again when the figures change, only while its tab
    // is shown (never on the slider steps of a hidden tab), and when the tab comes back.
    else if (this.built && (changed.has('snapshot') || changed.has('tab')) && this.ctx?.store.get().tab === 'documents')
      void this.groupsView?.draw(s);
  }

  private build(ctx: AppContext): void {
    this.built = true;
    const { registry, engine, now } = ctx;
    const latest = Math.max(...engine.model.cogYears);
    this.rows = listRegistry(registry.documents, registry.undated, ctx.referenceFor(latest));
    const select = (id: string, label: string, key: keyof typeof this.filters, options: Array<[string, string]>) => {
      const s = h('select', { id }, ...options.map(([v, t]) => h('option', { value: v }, t)));
      s.addEventListener('change', () => {
        this.filters[key] = s.value;
        this.shown = PAGE_ROWS;
        this.draw();
      });
      return h('div', { class: 'filtre' }, h('label', { for: id }, label), s);
    };
    const filters = h(
      'div',
      { class: 'ligne filtres-documents' },
      select('documents-type', 'Type', 'type', [
        ['', 'Tous'],
        ...DOC_TYPES.map((t): [string, string] => [t, DOC_LABELS[t]]),
      ]),
      select('documents-departement', 'Département', 'department', [
        ['', 'Tous'],
        ...sortedDepartments(ctx.region.departments).map(([c, n]): [string, string] => [c, `${c} – ${n}`]),
      ]),
      select('documents-verifie', 'Vérification', 'verified', [
        ['', 'Tous'],
        ['yes', 'Vérifiés'],
        ['no', 'Non vérifiés'],
      ]),
    );
    const completeness = completenessLine(registryCompleteness(registry));
    // Each published figure beside what the registry gives at its date (the CLI's words, see comparisonLines).
    const published = registry.published.filter((p) => p.date <= now);
    const lines = published.flatMap((p) =>
      comparisonLines(
        compareWithPublished(coverageFigures(engine.coverageAt(p.date), engine), [p], { model: engine.model }),
      ),
    );
    const table = h('table', { id: 'tableau-documents' }, this.caption, h('thead', {}, this.head), this.body);
    const list = h(
      'div',
      { class: 'tableau-defilant', tabindex: 0, role: 'region', 'aria-label': 'Documents du registre, défilant' },
      table,
    );
    this.groupsView = new DocumentGroupsView(ctx);
    this.groupsView.onGrouping = (grouped) => {
      for (const el of [filters, list, this.more]) el.hidden = grouped;
    };
    fill(
      this.el,
      h('h2', {}, 'Documents du registre'),
      h('p', { id: 'completude' }, completeness),
      lines.length
        ? h(
            'details',
            { class: 'publie' },
            h('summary', {}, `Chiffres publiés et ce que le registre en retrouve (${published.length})`),
            h(
              'ul',
              {},
              ...lines.map((l) => h('li', { class: l.startsWith('  ') ? 'sous' : '' }, l.replace(/^\s*- /, ''))),
            ),
          )
        : null,
      this.groupsView.el,
      filters,
      list,
      this.more,
    );
    this.draw();
  }

  /** The rows that pass the filters, in the chosen order. */
  visibleRows(): RegistryRow[] {
    const { type, department, verified } = this.filters;
    const { key, ascending } = this.sort;
    return this.rows
      .filter(
        (r) =>
          (!type || r.docType === type) &&
          (!department || r.departments.includes(department)) &&
          (!verified || r.verified === (verified === 'yes')),
      )
      .sort((a, b) => {
        const c = compareRows(a, b, key);
        // Undated rows stay last in both directions.
        return key === 'signed' && (!a.signed || !b.signed) ? c : ascending ? c : -c;
      });
  }

  private draw(): void {
    const rows = this.visibleRows();
    const undated = rows.filter((r) => !r.signed).length;
    this.caption.textContent =
      `Registre : ${plural(rows.length, 'document', 'documents')} affichés sur ${this.rows.length} ` +
      `(${plural(rows.length - undated, 'daté', 'datés')}, ${plural(undated, 'sans date', 'sans date')})` +
      ' ; cliquer un en-tête pour trier.';
    fill(
      this.head,
      ...COLUMNS.map(([key, label]) => {
        if (!key) return h('th', { scope: 'col' }, label);
        const active = this.sort.key === key;
        const b = h('button', { type: 'button', class: 'tri', 'data-tri': key }, label);
        b.addEventListener('click', () => {
          this.sort = { key, ascending: active ? !this.sort.ascending : true };
          this.shown = PAGE_ROWS;
          this.draw();
        });
        const sort = active ? (this.sort.ascending ? 'ascending' : 'descending') : undefined;
        return h('th', { scope: 'col', 'aria-sort': sort }, b);
      }),
    );
    // A long registry (50 000 rows) is drawn a page at a time: the tab opens at once, the rest on demand.
    const page = rows.slice(0, this.shown);
    fill(
      this.more,
      rows.length > page.length
        ? this.moreButton(
            `Afficher ${formatInteger(Math.min(PAGE_ROWS, rows.length - page.length))} lignes de plus (${formatInteger(page.length)} sur ${formatInteger(rows.length)} affichées)`,
          )
        : null,
    );
    fill(
      this.body,
      ...page.map((r) =>
        h(
          'tr',
          { 'data-id': r.id },
          h('td', {}, r.territory),
          h('td', {}, DOC_LABELS[r.docType]),
          h('td', { class: r.signed ? '' : 'sans-date' }, r.signedText),
          h('td', {}, r.endsOn ? frDate(r.endsOn) : r.signed ? 'fin inconnue' : ''),
          h('td', { class: 'nombre' }, r.generation ?? ''),
          h('td', {}, r.departments.join(', ')),
          h('td', {}, r.verified ? 'oui' : 'non'),
          h(
            'td',
            { class: 'source' },
            h('a', { href: r.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, hostOf(r.sourceUrl)),
            r.evidence ? h('q', {}, r.evidence) : null,
          ),
        ),
      ),
    );
  }

  private moreButton(label: string): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'secondaire', id: 'documents-plus' }, label);
    b.addEventListener('click', () => {
      this.shown += PAGE_ROWS;
      this.draw();
    });
    return b;
  }

  onRemove(): void {
    this.el.remove();
  }
}
