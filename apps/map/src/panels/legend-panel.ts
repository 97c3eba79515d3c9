import { SnapshotPanel, type Change, type Snapshot } from '../context.ts';
import { fill, h } from '../dom.ts';
import { CLASS_COLORS, CLASS_LABELS, STATUS_COLORS, STATUS_LABELS } from '../palette.ts';

/** The legend of the current view; a class clicked is highlighted on the map (clicked again: all). */
export class LegendPanel extends SnapshotPanel {
  protected override mounted(): void {
    this.render();
  }

  private render(): void {
    const { store } = this.ctx;
    const { view, highlight } = store.get();
    const entries: Array<[string, string, string]> =
      view === 'epci'
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
      const b = h(
        'button',
        {
          type: 'button',
          'data-status': key,
          'aria-pressed': String(highlight === key),
          title: 'Mettre en évidence ces territoires',
        },
        h('span', { class: 'pastille', style: `background:${color}` }),
        label,
      );
      b.addEventListener('click', () => {
        const current = store.get().highlight;
        store.set({ highlight: current === key ? null : (key as typeof current) });
      });
      return b;
    });
    fill(
      this.el,
      h(
        'p',
        { class: 'etiquette' },
        view === 'epci' ? 'EPCI, par communes couvertes (cliquer pour isoler)' : 'Légende (cliquer pour isoler)',
      ),
      ...items,
      h('p', { class: 'note' }, '— — contour bleu : territoire prioritaire PRAPS'),
      h('p', { class: 'note' }, '···· contour pointillé : commune avec QPV'),
    );
  }

  update(_s: Snapshot, changed: ReadonlySet<Change>): void {
    if (changed.has('view') || changed.has('highlight')) this.render();
  }
}
