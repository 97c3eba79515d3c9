import { coveredShare, formatInteger, formatPercent } from '@cls/core';
import { SnapshotPanel, type Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';

/** The accessible view of the map: coverage by department or by EPCI, following the department filter. */
export class TablePanel extends SnapshotPanel {
  update(s: Snapshot): void {
    const { view } = this.ctx.store.get();
    const { figures } = s;
    // The figures already follow the department filter (its EPCI by their communes there).
    const rows = view === 'epci' ? figures.byEpci : figures.byDepartment;
    const caption = view === 'epci' ? 'Couverture par EPCI' : 'Couverture par département';
    const t = h(
      'table',
      { id: 'tableau' },
      h('caption', { class: 'etiquette' }, `${caption} au ${frDate(figures.asOf)}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Code'),
          h('th', { scope: 'col' }, 'Nom'),
          h('th', { scope: 'col', class: 'nombre' }, 'Communes couvertes'),
          h('th', { scope: 'col', class: 'nombre' }, 'Population couverte'),
          h('th', { scope: 'col', class: 'nombre' }, 'Part'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            {},
            h('td', {}, r.code),
            h('td', {}, r.name),
            h('td', { class: 'nombre' }, `${formatInteger(r.coveredCommunes)} / ${formatInteger(r.communes)}`),
            h('td', { class: 'nombre' }, formatInteger(r.coveredPopulation)),
            h('td', { class: 'nombre' }, formatPercent(coveredShare(r), 1)),
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
