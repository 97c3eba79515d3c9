import { SnapshotPanel, type Snapshot } from '../context.ts';
import { renderChart } from '../chart.ts';
import { fill, h } from '../dom.ts';

/** The coverage over time, with the current date marked (once the timeline is computed, after the first draw). */
export class ChartPanel extends SnapshotPanel {
  update(s: Snapshot): void {
    if (!s.points) return;
    fill(
      this.el,
      h('h2', {}, 'Évolution de la couverture'),
      renderChart(s.points, this.ctx.store.get().date, s.figures.priority.target) as unknown as HTMLElement,
    );
  }
}
