import { formatPopulation, plural, twoDatesRows, type ClassCount, type CoverageChange } from '@cls/core';
import type { AppContext, Change, ComparedDate, Panel, Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';
import { gauge } from './gauge.ts';
import { typedDateField, type TypedDateField } from './typed-date-field.ts';

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
 * The figures of both dates, earlier first, each with its gauge against the target (a meter), and
 * the change between them: what the side-by-side view shows beside its two maps.
 */
function twoDatesBlock(s: Snapshot, pair: ComparedDate): HTMLElement {
  const [before, after] = pair.coverage.asOf <= s.coverage.asOf ? [pair.figures, s.figures] : [s.figures, pair.figures];
  const rows = twoDatesRows(before, after);
  const dates = [before.asOf, after.asOf];
  const p = after.priority;
  return h(
    'div',
    { id: 'deux-dates' },
    p.known
      ? h(
          'div',
          { class: 'jauges-deux-dates' },
          ...[before, after].map((f, i) =>
            h(
              'div',
              { 'data-date': f.asOf },
              h('p', { class: 'etiquette' }, `Au ${frDate(f.asOf)}`),
              gauge(
                f.priority.populationShare,
                f.priority.target,
                f.priority.measureLabel,
                `jauge-${i ? 'apres' : 'avant'}`,
              ),
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'tableau-defilant', tabindex: 0, role: 'region', 'aria-label': 'Les deux dates, défilant' },
      h(
        'table',
        { class: 'tableau-deux-dates' },
        h('caption', { class: 'etiquette' }, 'Les deux dates'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Mesure'),
            ...dates.map((d) => h('th', { scope: 'col' }, frDate(d))),
            h('th', { scope: 'col' }, 'Évolution'),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              { 'data-mesure': r.key },
              h('th', { scope: 'row' }, r.label),
              h('td', { 'data-date': dates[0], 'data-value': String(r.before ?? '') }, r.text[0]),
              h('td', { 'data-date': dates[1], 'data-value': String(r.after ?? '') }, r.text[1]),
              h('td', {}, r.change),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * Compare two dates: a second date (the URL's `depuis`) turns the commune view into a change view
 * (newly covered, no longer covered, covered at both dates, at neither), with its counts; « Côte à
 * côte » draws each date on a map of its own instead, with the figures of both.
 */
export class ComparePanel implements Panel {
  private el = h('div', {});
  private field: TypedDateField | null = null;
  private stop = h('button', { type: 'button', class: 'secondaire', id: 'arreter-comparaison' }, 'Arrêter');
  private sideBySide = h(
    'button',
    { type: 'button', class: 'secondaire', id: 'cote-a-cote', 'aria-pressed': 'false' },
    'Côte à côte',
  );
  private summary = h('p', { id: 'resume-comparaison', class: 'note' });
  private both = h('div', {});
  private ctx: AppContext | null = null;

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    const { store } = ctx;
    // Typed as the main date field is (jj/mm/aaaa): the browser's date field read typed digits by its locale.
    this.field = typedDateField({
      id: 'date-comparaison',
      value: store.get().since,
      onDate: (since) => store.set({ since, highlight: null }),
    });
    this.stop.addEventListener('click', () => store.set({ since: null, sideBySide: false, highlight: null }));
    this.sideBySide.addEventListener('click', () =>
      store.set({ sideBySide: !store.get().sideBySide, highlight: null }),
    );
    fill(
      this.el,
      h('label', { for: 'date-comparaison' }, 'Comparer avec la date du'),
      h('div', { class: 'ligne' }, this.field.input, this.sideBySide, this.stop),
      this.field.error,
      this.summary,
      this.both,
    );
    return this.el;
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!this.ctx || !this.field || (!changed.has('since') && !changed.has('snapshot') && !changed.has('sideBySide')))
      return;
    const { since, sideBySide } = this.ctx.store.get();
    this.field.show(since);
    this.stop.hidden = !since;
    this.sideBySide.hidden = !since;
    this.sideBySide.setAttribute('aria-pressed', String(!!since && sideBySide));
    const c = s.change ?? s.pair?.change ?? null;
    fill(this.both, s.pair ? twoDatesBlock(s, s.pair) : null);
    this.summary.hidden = !c;
    this.summary.textContent = c ? changeSentence(c) : '';
    if (c) for (const [k, n] of Object.entries(c.counts)) this.summary.setAttribute(`data-${k}`, String(n.count));
  }

  onRemove(): void {
    this.el.remove();
  }
}
