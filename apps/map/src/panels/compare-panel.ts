import { formatPopulation, plural, type ClassCount, type CoverageChange } from '@cls/core';
import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';

const inhabitants = (n: ClassCount) => `${formatPopulation(n.population)} hab.`;

/** The change between the two dates in one French sentence, e.g. "Du 30/06/2019 au 24/11/2026 : 650 communes…". */
export function changeSentence(c: CoverageChange): string {
  const { gained, lost, kept } = c.counts;
  return (
    `Du ${frDate(c.from)} au ${frDate(c.to)} : ` +
    `${plural(gained.count, 'commune nouvellement couverte', 'communes nouvellement couvertes')} ` +
    `(${inhabitants(gained)}), ` +
    `${plural(lost.count, 'commune qui ne l’est plus', 'communes qui ne le sont plus')} (${inhabitants(lost)}), ` +
    `${plural(kept.count, 'commune couverte', 'communes couvertes')} aux deux dates` +
    (c.upgraded.count
      ? `, dont ${plural(c.upgraded.count, 'passée', 'passées')} d’une charte à un CLS (${inhabitants(c.upgraded)})`
      : '') +
    '. Les deux dates sont lues dans la géographie de la plus récente.'
  );
}

/**
 * Compare two dates: a second date (the URL's `depuis`) turns the commune view into a change view
 * (newly covered, no longer covered, covered at both dates, at neither), with its counts.
 */
export class ComparePanel implements Panel {
  private el = h('div', {});
  private input = h('input', { type: 'date', id: 'date-comparaison' });
  private stop = h('button', { type: 'button', class: 'secondaire', id: 'arreter-comparaison' }, 'Arrêter');
  private summary = h('p', { id: 'resume-comparaison', class: 'note' });
  private ctx: AppContext | null = null;

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    const { store, dates, now } = ctx;
    this.input.min = dates[0]!;
    this.input.max = now;
    this.input.addEventListener('change', () => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(this.input.value)) store.set({ since: this.input.value, highlight: null });
    });
    this.stop.addEventListener('click', () => store.set({ since: null, highlight: null }));
    fill(
      this.el,
      h('label', { for: 'date-comparaison' }, 'Comparer avec la date du'),
      h('div', { class: 'ligne' }, this.input, this.stop),
      this.summary,
    );
    return this.el;
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!this.ctx || (!changed.has('since') && !changed.has('snapshot'))) return;
    const { since } = this.ctx.store.get();
    this.input.value = since ?? '';
    this.stop.hidden = !since;
    const c = s.change;
    this.summary.hidden = !c;
    this.summary.textContent = c ? changeSentence(c) : '';
    if (c) for (const [k, n] of Object.entries(c.counts)) this.summary.setAttribute(`data-${k}`, String(n.count));
  }

  onRemove(): void {
    this.el.remove();
  }
}
