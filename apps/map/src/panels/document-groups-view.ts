import { documentCommuneRows, formatInteger } from '@cls/core';
import type { DocumentGrouping, DocumentGroups, DocumentGroupSort } from '@cls/tables';
import type { AppContext, Snapshot } from '../context.ts';
import { download, fill, h } from '../dom.ts';
import { exportName } from './exports-panel.ts';

const GROUPINGS: Array<[DocumentGrouping | '', string]> = [
  ['', 'Aucun (la liste des documents)'],
  ['department', 'Département'],
  ['epci', 'EPCI'],
  ['territory', 'Territoire prioritaire'],
  ['type', 'Type de document'],
  ['year', 'Année de signature'],
];

/**
 * The registry's documents regrouped at the date shown (by department, EPCI, priority territory,
 * type or year), with arquero through @cls/tables (loaded when first asked): sortable columns, the
 * total, the CSV `cls documents --by … --format csv` writes. A department's or an EPCI's row shows
 * it on the map.
 */
export class DocumentGroupsView {
  readonly el = h('div', { class: 'regroupement' });
  /** Told when a grouping is chosen or dropped (the list hides its own table meanwhile). */
  onGrouping: (grouped: boolean) => void = () => {};
  private by: DocumentGrouping | null = null;
  private sort: { key: DocumentGroupSort; descending: boolean } = { key: 'label', descending: false };
  private readonly table = h('div', {});

  constructor(private readonly ctx: AppContext) {
    const select = h(
      'select',
      { id: 'documents-regrouper' },
      ...GROUPINGS.map(([v, t]) => h('option', { value: v }, t)),
    );
    select.addEventListener('change', () => {
      this.by = (select.value || null) as DocumentGrouping | null;
      this.sort = { key: 'label', descending: false };
      this.onGrouping(this.by !== null);
      void this.draw();
    });
    fill(
      this.el,
      h('div', { class: 'filtre' }, h('label', { for: 'documents-regrouper' }, 'Regrouper par'), select),
      this.table,
    );
  }

  /** Draws the grouped table at the snapshot's date (nothing while no grouping is chosen). */
  async draw(s: Snapshot | null = this.ctx.snapshot()): Promise<void> {
    const by = this.by;
    if (!by || !s) {
      fill(this.table);
      return;
    }
    const tables = await import('@cls/tables');
    if (by !== this.by) return;
    const { engine, registry } = this.ctx;
    const groups = tables.groupDocuments(documentCommuneRows(engine, s.coverage, registry.undated), by, {
      asOf: s.coverage.asOf,
      ...tables.groupLabels(engine, s.coverage),
      sort: this.sort.key,
      descending: this.sort.descending,
    });
    const header = tables.DOCUMENT_GROUP_COLUMNS.map(([key, label]) => {
      const active = this.sort.key === key;
      const b = h('button', { type: 'button', class: 'tri', 'data-tri': key }, label);
      b.addEventListener('click', () => {
        // Names A to Z first, measures largest first; a second click turns the order round.
        this.sort = { key, descending: active ? !this.sort.descending : key !== 'label' };
        void this.draw();
      });
      const sort = active ? (this.sort.descending ? 'descending' : 'ascending') : undefined;
      return h('th', { scope: 'col', 'aria-sort': sort }, b);
    });
    const cells = (g: DocumentGroups['total']) =>
      tables.DOCUMENT_GROUP_COLUMNS.slice(1).map(([k]) =>
        h('td', { class: 'nombre', 'data-col': k }, formatInteger(g[k] as number)),
      );
    const csv = h('button', { type: 'button', class: 'secondaire', id: 'export-regroupement' }, 'Ce tableau (CSV)');
    csv.addEventListener('click', () => {
      // The table is the whole region's (the department filter is not applied to it): no department in the name.
      const { view } = this.ctx.store.get();
      download(
        exportName(`documents-par-${by}`, groups.asOf, 'csv', { region: this.ctx.region.code, view }),
        tables.documentGroupsCsv(groups),
        'text/csv;charset=utf-8',
      );
    });
    fill(
      this.table,
      h(
        'div',
        { class: 'tableau-defilant', tabindex: 0, role: 'region', 'aria-label': 'Documents regroupés, défilant' },
        h(
          'table',
          { id: 'tableau-regroupe', 'data-par': by },
          h(
            'caption',
            { class: 'etiquette' },
            `${tables.documentGroupsTitle(groups)} ; cliquer un en-tête pour trier.`,
          ),
          h('thead', {}, h('tr', {}, ...header)),
          h(
            'tbody',
            {},
            ...groups.groups.map((g) => {
              // A department's or an EPCI's name shows it on the map (a button: the keyboard reaches it).
              const key = g.key;
              if (!key || (by !== 'department' && by !== 'epci'))
                return h('tr', { 'data-cle': key ?? '' }, h('th', { scope: 'row' }, g.label), ...cells(g));
              const name = h('button', { type: 'button', class: 'lien-ligne', title: 'Voir sur la carte' }, g.label);
              name.addEventListener('click', () =>
                by === 'epci' ? this.ctx.select(key, true) : this.ctx.store.set({ department: key }),
              );
              return h('tr', { 'data-cle': key }, h('th', { scope: 'row' }, name), ...cells(g));
            }),
          ),
          h(
            'tfoot',
            {},
            h('tr', { class: 'total' }, h('th', { scope: 'row' }, groups.total.label), ...cells(groups.total)),
          ),
        ),
      ),
      h('p', { class: 'note' }, tables.DOCUMENT_GROUPS_NOTE),
      csv,
    );
  }
}
