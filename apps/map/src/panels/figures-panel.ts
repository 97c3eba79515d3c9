import {
  assumedDurationNote,
  comparedFigureText,
  compareWithPublished,
  completenessLine,
  contractCount,
  figuresSentence,
  formatInteger,
  formatPercent,
  gapSentence,
  openEndedLine,
  type PublishedComparison,
  projectionNote,
  publishedHeading,
  territoryCount,
} from '@cls/core';
import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { capitalize, fill, frDate, h } from '../dom.ts';
import { reportContextOf } from '../report-context.ts';
import { gauge } from './gauge.ts';

/** Years offered by default for documents with no known end (a CLS usually runs five years). */
const DEFAULT_ASSUMED_YEARS = 5;

/**
 * The published figures near the date, right under the sentence: who published what, when, the link,
 * and what the registry finds for the same measure, with the gap (a measure whose definition is not
 * published is quoted, not recomputed).
 */
export function publishedBlock(comparisons: readonly PublishedComparison[]): HTMLElement | null {
  if (comparisons.length === 0) return null;
  return h(
    'section',
    { class: 'publie-ecran', id: 'publie', 'aria-label': 'Chiffres publiés à cette date' },
    ...comparisons.flatMap((c) => [
      h(
        'p',
        { class: 'publie-titre' },
        `${publishedHeading(c)} — `,
        h('a', { href: c.published.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, 'source'),
      ),
      c.counted ? h('p', { class: 'note' }, `${capitalize(c.counted)}.`) : null,
      h(
        'ul',
        { class: 'publie-lignes' },
        ...c.rows.map((r) =>
          h('li', { 'data-mesure': r.measure, 'data-definition': r.definition }, comparedFigureText(r)),
        ),
      ),
      h('details', {}, h('summary', {}, 'Citation'), h('q', {}, c.published.quote)),
    ]),
  );
}

/**
 * The answer first: the ARS sentence, the published figures of that date, the gauge against the
 * target with the gap, what the registry holds, then the figures.
 */
export class FiguresPanel implements Panel {
  /** One short live region (the date and the share against the target), not the whole panel. */
  private live = h('p', { role: 'status', class: 'visuellement-cache', id: 'annonce' });
  private content = h('div', {});
  private el = h('div', {}, this.live, this.content);
  private ctx: AppContext | null = null;

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    return this.el;
  }

  update(s: Snapshot, changed?: ReadonlySet<Change>): void {
    // Drawn again only when the figures are new: the chart's points, a tab or a highlight change none
    // of them (redrawing then replaced the elements a reader or a test was looking at).
    if (changed && !changed.has('snapshot') && !changed.has('registry')) return;
    const f = s.figures;
    const p = f.priority;
    const ctx = this.ctx;
    const report = ctx ? reportContextOf(ctx, s) : {};
    const comparisons = report.published ? compareWithPublished(f, report.published, { model: report.model }) : [];
    const dd = (key: string, value: number, text: string) =>
      h('dd', { 'data-fig': key, 'data-value': String(value) }, text);
    const dep = f.department ? f.byDepartment.find((d) => d.code === f.department) : null;
    const gapText = gapSentence(f);
    const projection = report.today ? projectionNote(f.asOf, report.today) : null;
    const open = report.openEnded ? openEndedLine(report.openEnded) : null;
    const assumed = report.model ? assumedDurationNote(report.model) : null;
    const part = dep ? ` (partie ${dep.name})` : '';
    this.live.textContent =
      `Au ${frDate(f.asOf)} : ${formatInteger(f.covered.population)} habitants couverts` +
      (p.known
        ? `, ${formatPercent(p.populationShare, 1)} de la ${p.measureLabel} (objectif ${formatPercent(p.target)}).`
        : '.');
    fill(
      this.content,
      h(
        'h2',
        {},
        // The region is named by the header above (the agency's name): a department filter is named here.
        `Chiffres au ${frDate(f.asOf)}${projection ? ' (projection)' : ''}${dep ? ` — ${dep.name} (${dep.code})` : ''}`,
      ),
      h('p', { class: 'phrase', id: 'phrase' }, figuresSentence(f)),
      publishedBlock(comparisons),
      projection ? h('p', { class: 'note alerte-note', id: 'projection' }, projection) : null,
      p.known ? gauge(p.populationShare, p.target, p.measureLabel) : null,
      gapText ? h('p', { class: 'ecart', id: 'ecart' }, gapText) : null,
      report.registry
        ? h('p', { class: 'note', id: 'completude-chiffres' }, completenessLine(report.registry, f, { short: true }))
        : null,
      open || assumed ? this.openEndedBlock(open, assumed) : null,
      h(
        'dl',
        { class: 'chiffres' },
        h('dt', {}, 'CLS en vigueur'),
        dd('cls', contractCount(f), formatInteger(contractCount(f))),
        h('dt', {}, 'Chartes d’engagement'),
        dd('chartes', f.documents.charte, formatInteger(f.documents.charte)),
        h('dt', {}, 'Avenants'),
        dd('avenants', f.documents.avenant, formatInteger(f.documents.avenant)),
        h('dt', {}, 'Communes couvertes'),
        dd(
          'communes',
          f.covered.communes,
          `${formatInteger(f.covered.communes)} / ${formatInteger(f.region.communes)}`,
        ),
        h('dt', {}, 'Population couverte'),
        dd(
          'population',
          f.covered.population,
          `${formatInteger(f.covered.population)} (${formatPercent(f.covered.populationShare, 1)})`,
        ),
        h('dt', {}, `Territoires PRAPS entièrement couverts${part}`),
        dd(
          'praps',
          p.praps.covered,
          territoryCount(p.praps.covered, p.praps.count) +
            (p.praps.partlyCovered ? `, ${formatInteger(p.praps.partlyCovered)} en partie` : ''),
        ),
        h('dt', {}, `Quartiers prioritaires (QPV) entièrement couverts${part}`),
        dd('qpv', p.qpv.covered, territoryCount(p.qpv.covered, p.qpv.count)),
        h('dt', {}, `${capitalize(p.measureLabel)} couverte`),
        dd(
          'prioritaire',
          p.populationCovered,
          `${formatInteger(p.populationCovered)} (${formatPercent(p.populationShare, 1)})`,
        ),
        h('dt', {}, p.known ? `Écart à l’objectif de ${formatPercent(p.target)}` : 'Écart à l’objectif'),
        dd(
          'ecart',
          p.gap ?? -1,
          p.gap === null
            ? 'non mesurable'
            : p.gap > 0
              ? `${formatInteger(p.gap)} hab.`
              : f.department
                ? 'dépassé ici'
                : 'atteint',
        ),
      ),
      ...p.notes.map((n) => h('p', { class: 'note' }, `Note : ${n}.`)),
      f.cogExact
        ? null
        : h(
            'p',
            { class: 'note' },
            `Le COG ${f.asOf.slice(0, 4)} n’est pas livré : communes et populations du COG ${f.cog}.`,
          ),
    );
  }

  /** The documents with no known end, and the setting that assumes a duration (off by default, said when on). */
  private openEndedBlock(open: string | null, assumed: string | null): HTMLElement {
    const ctx = this.ctx;
    const years = ctx?.store.get().assumed ?? null;
    const on = h('input', { type: 'checkbox', id: 'duree-supposee', checked: years !== null });
    const n = h('input', {
      type: 'number',
      id: 'duree-annees',
      min: 1,
      max: 20,
      value: years ?? DEFAULT_ASSUMED_YEARS,
      'aria-label': 'Durée supposée, en années',
    });
    const apply = () => {
      const v = Number(n.value);
      ctx?.store.set({ assumed: on.checked && Number.isInteger(v) && v >= 1 && v <= 20 ? v : null });
    };
    on.addEventListener('change', apply);
    n.addEventListener('change', () => on.checked && apply());
    return h(
      'div',
      { class: 'fin-inconnue', id: 'fin-inconnue' },
      open ? h('p', { class: 'note non-verifie' }, open) : null,
      assumed ? h('p', { class: 'note alerte-note', id: 'duree-appliquee' }, `${capitalize(assumed)}.`) : null,
      h(
        'details',
        { class: 'reglage-duree', ...(years !== null ? { open: true } : {}) },
        h('summary', { class: 'note' }, 'Supposer une durée…'),
        h(
          'p',
          { class: 'note' },
          on,
          h('label', { for: 'duree-supposee' }, ' Appliquer une durée de '),
          n,
          ' ans (hypothèse, dite dans chaque export)',
        ),
      ),
    );
  }

  onRemove(): void {
    this.el.remove();
  }
}
