import { formatPopulation, plural } from '@cls/core';
import { SnapshotPanel, type Change, type Snapshot } from '../context.ts';
import { frDate, h } from '../dom.ts';
import { legendOf } from '../legend-entries.ts';

/**
 * The legend of the current view, with the communes (or EPCI) and inhabitants of each class at the
 * date; a class clicked is highlighted on the map (clicked again: all). Collapsible (closed at first
 * on a phone).
 */
export class LegendPanel extends SnapshotPanel {
  private details = h('details', { class: 'legende-details' });

  /** "Noms de lieux": shows or hides the place names (to read the colours under a town's name). */
  private names = h('input', { type: 'checkbox', id: 'afficher-noms', checked: true });

  protected override mounted(): void {
    this.names.addEventListener('change', () => {
      const visibility = this.names.checked ? 'visible' : 'none';
      for (const l of this.ctx.map.getStyle().layers)
        if (l.id.startsWith('noms-')) this.ctx.map.setLayoutProperty(l.id, 'visibility', visibility);
    });
    this.el.append(this.details);
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('view') && !changed.has('highlight') && !changed.has('snapshot')) return;
    const { store } = this.ctx;
    const { view, highlight, sideBySide } = store.get();
    // Open at first, folded on a phone and while two maps are side by side (it would hide half of one).
    if (changed.has('sideBySide')) this.details.open = !sideBySide && !matchMedia('(max-width: 900px)').matches;
    const epci = view === 'epci';
    const legend = legendOf(s, view);
    const items = legend.entries.map(({ key, color, label, ...n }) => {
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
          // The EPCI view: the inhabitants covered in the class's EPCI, out of their total.
          epci
            ? `${plural(n.count, 'EPCI', 'EPCI')}, ${formatPopulation('covered' in n ? Number(n.covered) : 0)} hab. couverts sur ${formatPopulation(n.population)}`
            : `${plural(n.count, 'commune', 'communes')}, ${formatPopulation(n.population)} hab.`,
        ),
      );
      b.addEventListener('click', () => {
        const current = store.get().highlight;
        store.set({ highlight: current === key ? null : (key as typeof current) });
      });
      return b;
    });
    this.details.replaceChildren(
      h('summary', { class: 'etiquette' }, legend.title + (s.pair ? ` (comptes au ${frDate(s.coverage.asOf)})` : '')),
      h('p', { class: 'note' }, 'Cliquer une classe pour l’isoler sur la carte.'),
      ...items,
      ...legend.outlines.map((o) => h('p', { class: 'note' }, o.text)),
      h('label', { class: 'case' }, this.names, ' Noms de lieux'),
    );
  }
}
