import { classCounts, formatInteger, formatPopulation, plural, statusCounts, type ClassCount } from '@cls/core';
import { SnapshotPanel, type Change, type Snapshot } from '../context.ts';
import { h } from '../dom.ts';
import { CLASS_COLORS, CLASS_LABELS, STATUS_COLORS, STATUS_LABELS } from '../palette.ts';

/**
 * The legend of the current view, with the communes (or EPCI) and inhabitants of each class at the
 * date; a class clicked is highlighted on the map (clicked again: all). Collapsible (closed at first
 * on a phone).
 */
export class LegendPanel extends SnapshotPanel {
  private details = h('details', { class: 'legende-details' });

  protected override mounted(): void {
    if (!matchMedia('(max-width: 900px)').matches) this.details.open = true;
    this.el.append(this.details);
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('view') && !changed.has('highlight') && !changed.has('snapshot')) return;
    const { store } = this.ctx;
    const { view, highlight } = store.get();
    const epci = view === 'epci';
    const counts: Record<string, ClassCount> = epci ? classCounts(s.figures.byEpci) : statusCounts(s.figures);
    const entries: Array<[string, string, string]> = epci
      ? (Object.keys(CLASS_COLORS) as Array<keyof typeof CLASS_COLORS>).map((k) => [
          k,
          CLASS_COLORS[k],
          CLASS_LABELS[k],
        ])
      : (Object.keys(STATUS_COLORS) as Array<keyof typeof STATUS_COLORS>).map((k) => [
          k,
          STATUS_COLORS[k],
          STATUS_LABELS[k],
        ]);
    const items = entries.map(([key, color, label]) => {
      const n = counts[key]!;
      const b = h(
        'button',
        {
          type: 'button',
          'data-status': key,
          'data-count': n.count,
          'aria-pressed': String(highlight === key),
          title: 'Mettre en évidence ces territoires',
        },
        h('span', { class: 'pastille', style: `background:${color}` }),
        h('span', { class: 'libelle' }, label),
        h(
          'span',
          { class: 'compte' },
          `${epci ? plural(n.count, 'EPCI', 'EPCI') : plural(n.count, 'commune', 'communes')}, ` +
            `${n.population >= 1_000_000 ? formatPopulation(n.population) : formatInteger(n.population)} hab.`,
        ),
      );
      b.addEventListener('click', () => {
        const current = store.get().highlight;
        store.set({ highlight: current === key ? null : (key as typeof current) });
      });
      return b;
    });
    this.details.replaceChildren(
      h('summary', { class: 'etiquette' }, epci ? 'Légende : EPCI par communes couvertes' : 'Légende'),
      h('p', { class: 'note' }, 'Cliquer une classe pour l’isoler sur la carte.'),
      ...items,
      h('p', { class: 'note' }, '— — contour bleu : territoire prioritaire PRAPS'),
      h('p', { class: 'note' }, '···· contour pointillé : commune avec QPV'),
    );
  }
}
