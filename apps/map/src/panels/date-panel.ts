import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';
import { typedDateField, type TypedDateField } from './typed-date-field.ts';

/** Index of the last date of `dates` on or before `d` (0 when none). */
export function nearestIndex(dates: readonly string[], d: string): number {
  let best = 0;
  for (let i = 0; i < dates.length; i++) if (dates[i]! <= d) best = i;
  return best;
}

/** The date: a slider over every signing date and month end, a play button and an exact date field. */
export class DatePanel implements Panel {
  private el = h('div', { class: 'temps' });
  private timer: number | null = null;
  private slider: HTMLInputElement | null = null;
  private label: HTMLElement | null = null;
  private field: TypedDateField | null = null;
  private dates: readonly string[] = [];

  onAdd(ctx: AppContext): HTMLElement {
    const { store, dates, now } = ctx;
    const date = store.get().date;
    const slider = h('input', {
      type: 'range',
      id: 'curseur-date',
      min: 0,
      max: dates.length - 1,
      step: 1,
      value: Math.max(0, nearestIndex(dates, date)),
      'aria-describedby': 'date-courante',
      'aria-valuetext': frDate(date),
    });
    const label = h('p', { id: 'date-courante', class: 'date-courante' }, `Au ${frDate(date)}`);
    // One state, said by the label alone ("Lecture" / "Pause"): no aria-pressed beside a changing label.
    const play = h('button', { type: 'button', id: 'lecture' }, '▶ Lecture');
    const field = typedDateField({
      id: 'date-saisie',
      label: 'Date exacte (jj/mm/aaaa)',
      value: date,
      onDate: (d) => store.set({ date: d }),
    });
    slider.addEventListener('input', () => store.set({ date: dates[Number(slider.value)]! }));
    play.addEventListener('click', () => {
      if (this.timer !== null) {
        this.stop(play);
        return;
      }
      if (Number(slider.value) >= dates.length - 1) slider.value = '0';
      play.textContent = '❚❚ Pause';
      this.timer = window.setInterval(() => {
        const next = Number(slider.value) + 1;
        if (next >= dates.length) {
          this.stop(play);
          return;
        }
        store.set({ date: dates[next]! });
      }, 350);
    });
    this.slider = slider;
    this.label = label;
    this.field = field;
    fill(
      this.el,
      h('label', { for: 'curseur-date', class: 'visuellement-cache' }, 'Date'),
      label,
      slider,
      h('div', { class: 'ligne' }, play, field.input),
      field.error,
      h(
        'p',
        { class: 'note' },
        `Du ${frDate(dates[0]!)} à aujourd’hui (${frDate(now)}) : chaque fin de mois et chaque date de signature ; ` +
          'une date tapée après aujourd’hui est une projection.',
      ),
    );
    this.dates = dates;
    return this.el;
  }

  private stop(play: HTMLElement): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    play.textContent = '▶ Lecture';
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('date') || !this.slider || !this.label || !this.field) return;
    const date = s.figures.asOf;
    this.slider.value = String(nearestIndex(this.dates, date));
    this.slider.setAttribute('aria-valuetext', frDate(date));
    this.label.textContent = `Au ${frDate(date)}`;
    this.field.show(date);
  }

  onRemove(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.el.remove();
  }
}
