import { type AreaFigures, coverageClass, coveredShare, formatInteger, formatPercent } from '@cls/core';
import { type Change, SnapshotPanel, type Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';

type SortKey = 'code' | 'name' | 'communes' | 'population' | 'share';
const COLUMNS: Array<[SortKey, string, boolean]> = [
  ['code', 'Code', false],
  ['name', 'Nom', false],
  ['communes', 'Communes couvertes', true],
  ['population', 'Population couverte', true],
  ['share', 'Part', true],
];
const value = (r: AreaFigures, key: SortKey): number | string =>
  key === 'code'
    ? r.code
    : key === 'name'
      ? r.name
      : key === 'communes'
        ? r.coveredCommunes
        : key === 'population'
          ? r.coveredPopulation
          : coveredShare(r);

/**
 * The accessible view of the map: coverage by department or by EPCI, following the department filter;
 * sortable by any column (the EPCI by name first), with the totals; a row's name selects its
 * territory and frames it on the map; the legend's highlighted class is highlighted in its rows.
 */
export class TablePanel extends SnapshotPanel {
  private sort: { key: SortKey; ascending: boolean } | null = null;
  private last: Snapshot | null = null;

  update(s: Snapshot, changed?: ReadonlySet<Change>): void {
    this.last = s;
    // The chart's points or a tab change nothing here (redrawing replaced the rows under a reader).
    if (changed && !['snapshot', 'view', 'highlight', 'registry'].some((k) => changed.has(k as Change))) return;
    this.draw(s);
  }

  private draw(s: Snapshot): void {
    const { view, highlight } = this.ctx.store.get();
    const { figures } = s;
    // The figures already follow the department filter (its EPCI by their communes there).
    const all = view === 'epci' ? figures.byEpci : figures.byDepartment;
    const sort = this.sort ?? { key: view === 'epci' ? 'name' : 'code', ascending: true };
    const collator = new Intl.Collator('fr');
    const rows = [...all].sort((a, b) => {
      const [x, y] = [value(a, sort.key), value(b, sort.key)];
      const c = typeof x === 'number' ? x - (y as number) : collator.compare(x, y as string);
      return sort.ascending ? c : -c;
    });
    const caption = view === 'epci' ? 'Couverture par EPCI' : 'Couverture par département';
    const total = all.reduce(
      (t, r) => ({
        communes: t.communes + r.communes,
        covered: t.covered + r.coveredCommunes,
        population: t.population + r.population,
        coveredPopulation: t.coveredPopulation + r.coveredPopulation,
      }),
      { communes: 0, covered: 0, population: 0, coveredPopulation: 0 },
    );
    const head = COLUMNS.map(([key, label, number]) => {
      const active = sort.key === key;
      const b = h('button', { type: 'button', class: 'tri', 'data-tri': key }, label);
      b.addEventListener('click', () => {
        this.sort = { key, ascending: active ? !sort.ascending : !number };
        if (this.last) this.draw(this.last);
      });
      return h(
        'th',
        {
          scope: 'col',
          class: number ? 'nombre' : '',
          'aria-sort': active ? (sort.ascending ? 'ascending' : 'descending') : undefined,
        },
        b,
      );
    });
    const select = (r: AreaFigures) => {
      if (view === 'epci') this.ctx.select(r.code, true);
      else {
        // A department: framed on the map (its figures are one click away in the filter).
        const ref = s.coverage.reference;
        const inDep = new Set(ref.communes.filter((c) => c.department === r.code).map((c) => c.code));
        this.ctx.fitTo((code) => inDep.has(code));
      }
    };
    const t = h(
      'table',
      { id: 'tableau' },
      h(
        'caption',
        { class: 'etiquette' },
        `${caption} au ${frDate(figures.asOf)} ; cliquer un en-tête pour trier, un nom pour le voir sur la carte`,
      ),
      h('thead', {}, h('tr', {}, ...head)),
      h(
        'tbody',
        {},
        ...rows.map((r) => {
          const name = h('button', { type: 'button', class: 'lien-ligne', 'data-code': r.code }, r.name);
          name.addEventListener('click', () => select(r));
          // The legend's class, highlighted on the map, is highlighted here too (EPCI view).
          const cls = view === 'epci' ? coverageClass(r) : null;
          return h(
            'tr',
            {
              'data-code': r.code,
              'data-classe': cls ?? undefined,
              class: cls && cls === highlight ? 'surligne' : undefined,
            },
            h('td', {}, r.code),
            h('td', {}, name),
            h('td', { class: 'nombre' }, `${formatInteger(r.coveredCommunes)} / ${formatInteger(r.communes)}`),
            h('td', { class: 'nombre' }, formatInteger(r.coveredPopulation)),
            h('td', { class: 'nombre' }, formatPercent(coveredShare(r), 1)),
          );
        }),
      ),
      h(
        'tfoot',
        {},
        h(
          'tr',
          { id: 'tableau-total' },
          h(
            'th',
            { scope: 'row', colspan: 2 },
            `Total (${formatInteger(all.length)} ${view === 'epci' ? 'EPCI' : 'départements'})`,
          ),
          h('td', { class: 'nombre' }, `${formatInteger(total.covered)} / ${formatInteger(total.communes)}`),
          h('td', { class: 'nombre' }, formatInteger(total.coveredPopulation)),
          h(
            'td',
            { class: 'nombre' },
            formatPercent(total.population ? total.coveredPopulation / total.population : 0, 1),
          ),
        ),
      ),
    );
    // Scrollable, so reachable with the keyboard (RGAA / axe: scrollable-region-focusable).
    const scroller = h(
      'div',
      { class: 'tableau-defilant', tabindex: 0, role: 'region', 'aria-label': `${caption}, défilant` },
      t,
    );
    fill(this.el, h('h2', {}, 'Tableau (vue accessible de la carte)'), scroller);
  }
}
