import { approachesFor, formatInteger, type PriorityTerritoryState } from '@cls/core';
import { SnapshotPanel, type Change, type Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';

const STATE_LABELS: Record<PriorityTerritoryState['state'], string> = {
  full: 'entièrement couvert',
  partial: 'en partie',
  none: 'non couvert',
};
const ORDER: Record<PriorityTerritoryState['state'], number> = { none: 0, partial: 1, full: 2 };
/** EPCI named per territory; the others are counted. */
const NAMED = 3;

/**
 * The priority territories in force at the date (PRAPS, then QPV; the least covered first): state,
 * communes and population covered, and the EPCI to approach (those holding its uncovered communes,
 * most uncovered inhabitants first). Follows the department filter.
 */
export class PriorityPanel extends SnapshotPanel {
  private kind = h(
    'select',
    { id: 'prioritaires-type' },
    h('option', { value: '' }, 'PRAPS et QPV'),
    h('option', { value: 'praps' }, 'PRAPS'),
    h('option', { value: 'qpv' }, 'QPV'),
  );
  private body = h('tbody');
  private caption = h('caption', { class: 'etiquette' });
  private last: Snapshot | null = null;

  protected override mounted(): void {
    this.kind.addEventListener('change', () => this.last && this.draw(this.last));
    const table = h(
      'table',
      { id: 'tableau-prioritaires' },
      this.caption,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Territoire'),
          h('th', { scope: 'col' }, 'Type'),
          h('th', { scope: 'col' }, 'État'),
          h('th', { scope: 'col', class: 'nombre' }, 'Communes couvertes'),
          h('th', { scope: 'col', class: 'nombre' }, 'Population couverte'),
          h('th', { scope: 'col' }, 'EPCI à approcher'),
        ),
      ),
      this.body,
    );
    fill(
      this.el,
      h('h2', {}, 'Territoires prioritaires'),
      h('div', { class: 'filtre' }, h('label', { for: 'prioritaires-type' }, 'Afficher'), this.kind),
      h(
        'div',
        { class: 'tableau-defilant', tabindex: 0, role: 'region', 'aria-label': 'Territoires prioritaires, défilant' },
        table,
      ),
    );
  }

  private timer: number | null = null;

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('snapshot')) return;
    this.last = s;
    // Below the fold: drawn once the map has repainted, never in the way of a slider step.
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.draw(s);
    }, 0);
  }

  override onRemove(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    super.onRemove();
  }

  private draw(s: Snapshot): void {
    const { engine } = this.ctx;
    const p = s.figures.priority;
    const byId = new Map(engine.model.priority.map((t) => [t.id, t]));
    const rows = p.details
      .filter((d) => !this.kind.value || d.kind === this.kind.value)
      .sort((a, b) => (a.kind === b.kind ? ORDER[a.state] - ORDER[b.state] : a.kind === 'praps' ? -1 : 1));
    this.caption.textContent =
      `Territoires prioritaires en vigueur au ${frDate(s.figures.asOf)}${s.figures.department ? ` ayant des communes dans le département ${s.figures.department} (sa partie, puis le territoire entier)` : ''} : ` +
      `${rows.length}, les moins couverts d’abord`;
    fill(
      this.body,
      ...rows.map((d) => {
        const territory = byId.get(d.id);
        // With a department filter, the EPCI of the department's part; otherwise each named with its departments.
        const department = s.figures.department;
        const approaches = territory ? approachesFor(engine, s.coverage, territory, { department }) : [];
        // A PRAPS counts its communes' inhabitants; a QPV's own population is not its commune's.
        const named = approaches
          .slice(0, NAMED)
          .map(
            (a) =>
              (d.kind === 'praps' ? `${a.name} (${formatInteger(a.uncoveredPopulation)} hab. non couverts)` : a.name) +
              (department ? '' : ` [${a.departments.join(', ')}]`),
          );
        const more = approaches.length > NAMED ? ` et ${approaches.length - NAMED} autres` : '';
        return h(
          'tr',
          { 'data-id': d.id, 'data-etat': d.state },
          h('td', {}, d.label),
          h('td', {}, d.kind === 'praps' ? 'PRAPS' : 'QPV'),
          h(
            'td',
            {},
            d.whole
              ? `partie ${department} : ${STATE_LABELS[d.state]} ; territoire entier : ${STATE_LABELS[d.whole.state]}`
              : STATE_LABELS[d.state],
          ),
          h(
            'td',
            { class: 'nombre' },
            d.whole
              ? `partie ${department} : ${formatInteger(d.coveredCommunes)} / ${formatInteger(d.communes)} ; ` +
                  `entier : ${formatInteger(d.whole.coveredCommunes)} / ${formatInteger(d.whole.communes)}`
              : `${formatInteger(d.coveredCommunes)} / ${formatInteger(d.communes)}`,
          ),
          h(
            'td',
            { class: 'nombre' },
            d.population ? `${formatInteger(d.populationCovered)} / ${formatInteger(d.population)}` : 'inconnue',
          ),
          h('td', {}, named.length ? `${named.join(', ')}${more}` : '—'),
        );
      }),
    );
  }
}
