import { contractCount, figuresSentence, formatInteger, formatPercent, plural } from '@cls/core';
import type { AppContext, Panel, Snapshot } from '../context.ts';
import { capitalize, fill, frDate, h } from '../dom.ts';
import { gauge } from './gauge.ts';

/** The answer first: the ARS sentence, the gauge against the target with the gap, then the figures. */
export class FiguresPanel implements Panel {
  /** One short live region (the date and the share against the target), not the whole panel. */
  private live = h('p', { role: 'status', class: 'visuellement-cache', id: 'annonce' });
  private content = h('div', {});
  private el = h('div', {}, this.live, this.content);
  onAdd(_ctx: AppContext): HTMLElement {
    return this.el;
  }

  update(s: Snapshot): void {
    const f = s.figures;
    const p = f.priority;
    const dd = (key: string, value: number, text: string) =>
      h('dd', { 'data-fig': key, 'data-value': String(value) }, text);
    const dep = f.department ? f.byDepartment.find((d) => d.code === f.department) : null;
    const gap =
      p.gap === null
        ? null
        : h(
            'p',
            { class: 'ecart', id: 'ecart' },
            p.gap > 0
              ? `Il manque ${formatInteger(p.gap)} habitants pour atteindre ${formatPercent(p.target)} ` +
                  `(${formatPercent(p.populationShare, 1)} aujourd’hui).`
              : `Objectif de ${formatPercent(p.target)} atteint (${formatPercent(p.populationShare, 1)}).`,
          );
    this.live.textContent =
      `Au ${frDate(f.asOf)} : ${formatInteger(f.covered.population)} habitants couverts` +
      (p.known
        ? `, ${formatPercent(p.populationShare, 1)} de la ${p.measureLabel} (objectif ${formatPercent(p.target)}).`
        : '.');
    fill(
      this.content,
      h('h2', {}, `Chiffres au ${frDate(f.asOf)}${dep ? ` — ${dep.name} (${dep.code})` : ''}`),
      h('p', { class: 'phrase', id: 'phrase' }, figuresSentence(f)),
      p.known ? gauge(p.populationShare, p.target, p.measureLabel) : null,
      gap,
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
        h('dt', {}, 'Territoires PRAPS entièrement couverts'),
        dd(
          'praps',
          p.praps.covered,
          `${formatInteger(p.praps.covered)} / ${formatInteger(p.praps.count)}` +
            (p.praps.partlyCovered ? ` (${formatInteger(p.praps.partlyCovered)} en partie)` : ''),
        ),
        h('dt', {}, 'QPV entièrement couverts'),
        dd('qpv', p.qpv.covered, `${formatInteger(p.qpv.covered)} / ${formatInteger(p.qpv.count)}`),
        h('dt', {}, `${capitalize(p.measureLabel)} couverte`),
        dd(
          'prioritaire',
          p.populationCovered,
          `${formatInteger(p.populationCovered)} (${formatPercent(p.populationShare, 1)})`,
        ),
        h('dt', {}, `Écart à l’objectif de ${formatPercent(p.target)}`),
        dd(
          'ecart',
          p.gap ?? -1,
          p.gap === null ? 'non mesurable' : p.gap > 0 ? `${formatInteger(p.gap)} hab.` : 'atteint',
        ),
      ),
      ...p.notes.map((n) => h('p', { class: 'note' }, `Note : ${n}.`)),
      f.unverifiedInForce
        ? h(
            'p',
            { class: 'note non-verifie' },
            `${plural(f.unverifiedInForce, 'document en vigueur non vérifié', 'documents en vigueur non vérifiés')} ` +
              '(date déduite ou à confirmer).',
          )
        : null,
      f.cogExact
        ? null
        : h(
            'p',
            { class: 'note' },
            `Le COG ${f.asOf.slice(0, 4)} n’est pas livré : communes et populations du COG ${f.cog}.`,
          ),
    );
  }

  onRemove(): void {
    this.el.remove();
  }
}
