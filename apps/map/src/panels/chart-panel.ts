import { formatPercent, type TimelinePoint } from '@cls/core';
import { SnapshotPanel, type Snapshot } from '../context.ts';
import { dateAtChartX, renderChart } from '../chart.ts';
import { fill, frDate, h } from '../dom.ts';

/** What the chart's tooltip says of a month, in French. */
export function chartValueLines(p: TimelinePoint): string[] {
  return [
    `Population de la région couverte : ${formatPercent(p.figures.covered.populationShare, 1)}`,
    `Population prioritaire couverte : ${formatPercent(p.figures.priority.populationShare, 1)}`,
  ];
}

/** The widest the chart is drawn (its CSS max-width, 56rem). */
const MAX_WIDTH = 896;

/**
 * The coverage over time, with the current date marked (once the timeline is computed, after the
 * first draw). Drawn at its element's width, again when that changes (a phone turned, its tab shown).
 */
export class ChartPanel extends SnapshotPanel {
  private shown: Snapshot | null = null;
  /** The width drawn at, as measured when the element was last laid out (0: not measured yet). */
  private width = 0;
  private observer: ResizeObserver | null = null;

  protected override mounted(): void {
    if (typeof ResizeObserver === 'undefined') return;
    // Measured when the browser lays the element out, never on a slider step: reading its width
    // there would force a layout of the whole page (20 ms).
    this.observer = new ResizeObserver(() => {
      const w = this.chartWidth();
      if (w === this.width) return;
      this.width = w;
      if (this.shown) this.draw(this.shown);
    });
    this.observer.observe(this.el);
  }

  update(s: Snapshot): void {
    if (!s.points) {
      // Points of another department or registry being computed: the old chart is not shown as theirs.
      if (this.shown && this.shown.figures.department !== s.figures.department) {
        this.shown = null;
        fill(
          this.el,
          h('h2', {}, 'Évolution de la couverture'),
          h('p', { class: 'note', role: 'status' }, 'Calcul de l’évolution…'),
        );
      }
      return;
    }
    this.shown = s;
    this.draw(s);
  }

  override onRemove(): void {
    this.observer?.disconnect();
    super.onRemove();
  }

  private draw(s: Snapshot): void {
    this.width ||= this.chartWidth();
    const points = s.points!;
    const chart = renderChart(points, this.ctx.store.get().date, s.figures.priority.target, { width: this.width });
    const months = points.filter((p) => p.kind !== 'signature');
    const tip = h('div', {
      class: 'infobulle graphique-infobulle',
      role: 'tooltip',
      id: 'graph-infobulle',
      hidden: true,
    });
    /** The month point nearest the pointer, or null off the time axis. */
    const at = (e: MouseEvent): TimelinePoint | null => {
      const box = chart.getBoundingClientRect();
      const t = dateAtChartX(chart, (e.clientX - box.left) / Math.max(1, box.width));
      if (t === null) return null;
      let best = months[0]!;
      for (const p of months) if (Math.abs(Date.parse(p.date) - t) < Math.abs(Date.parse(best.date) - t)) best = p;
      return best;
    };
    chart.addEventListener('mousemove', (e) => {
      const p = at(e);
      if (!p) {
        tip.hidden = true;
        return;
      }
      fill(tip, h('strong', {}, frDate(p.date)), ...chartValueLines(p).map((l) => h('span', {}, l)));
      tip.dataset.date = p.date;
      tip.hidden = false;
      const box = this.el.getBoundingClientRect();
      tip.style.left = `${e.clientX - box.left + 12}px`;
      tip.style.top = `${e.clientY - box.top + 12}px`;
      chart.setAttribute('aria-describedby', 'graph-infobulle');
    });
    chart.addEventListener('mouseleave', () => {
      tip.hidden = true;
    });
    // A click on the chart shows the map at that date.
    chart.addEventListener('click', (e) => {
      const p = at(e);
      if (p) this.ctx.store.set({ date: p.date });
    });
    chart.style.cursor = 'pointer';
    fill(
      this.el,
      h('h2', {}, 'Évolution de la couverture'),
      h('div', { class: 'graphique' }, chart as unknown as HTMLElement, tip),
      h(
        'p',
        { class: 'note' },
        'Survoler la courbe donne les valeurs d’un mois ; un clic montre la carte à cette date.',
      ),
      this.twin(months),
    );
  }

  /** The chart's values as a table (its text alternative, and what a screen reader reads). */
  private twin(months: readonly TimelinePoint[]): HTMLElement {
    return h(
      'details',
      { id: 'graphique-tableau' },
      h('summary', {}, 'Les valeurs du graphique, en tableau'),
      h(
        'div',
        { class: 'tableau-defilant', tabindex: 0, role: 'region', 'aria-label': 'Valeurs du graphique, défilant' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Date'),
              h('th', { scope: 'col', class: 'nombre' }, 'Population de la région couverte'),
              h('th', { scope: 'col', class: 'nombre' }, 'Population prioritaire couverte'),
            ),
          ),
          h(
            'tbody',
            {},
            ...months.map((p) =>
              h(
                'tr',
                { 'data-date': p.date },
                h('td', {}, frDate(p.date)),
                h('td', { class: 'nombre' }, formatPercent(p.figures.covered.populationShare, 1)),
                h('td', { class: 'nombre' }, formatPercent(p.figures.priority.populationShare, 1)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** The element's width in CSS pixels (720 while it is hidden: its tab not shown). */
  private chartWidth(): number {
    const w = Math.floor(this.el.clientWidth);
    return w > 0 ? Math.min(w, MAX_WIDTH) : 720;
  }
}
