import { SnapshotPanel, type Snapshot } from '../context.ts';
import { renderChart } from '../chart.ts';
import { fill, h } from '../dom.ts';

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
    const chart = renderChart(s.points!, this.ctx.store.get().date, s.figures.priority.target, { width: this.width });
    fill(this.el, h('h2', {}, 'Évolution de la couverture'), chart as unknown as HTMLElement);
  }

  /** The element's width in CSS pixels (720 while it is hidden: its tab not shown). */
  private chartWidth(): number {
    const w = Math.floor(this.el.clientWidth);
    return w > 0 ? Math.min(w, MAX_WIDTH) : 720;
  }
}
