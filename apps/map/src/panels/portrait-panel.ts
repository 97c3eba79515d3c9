import {
  DOC_TYPES,
  formatInteger,
  formatPercent,
  signedPhrase,
  territoryHistory,
  territoryPortrait,
  toCsv,
  type TerritoryPortrait,
  DOC_LABELS,
} from '@cls/core';
import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { download, fill, frDate, h } from '../dom.ts';
import { STATUS_LABELS } from '../palette.ts';
import { exportName } from './exports-panel.ts';
import { vectorMapSvg } from '../vector-map.ts';

/** Points of the territory's own history drawn at most (the dates of the timeline, thinned evenly). */
const HISTORY_POINTS = 120;

/**
 * The portrait of a territory (« Fiche du territoire »): a commune or an EPCI, opened from its card
 * or from the search, with its own link (`?fiche=CODE`). Its size and coverage beside its
 * department's and its region's, its rank, its history, every document touching it, the priority
 * territories it holds, what the gap planner says, a small map of it in its department; printable on
 * one A4 portrait page and exportable (CSV of its figures, SVG of its map).
 */
export class PortraitPanel implements Panel {
  private el = h('section', {
    id: 'fiche',
    class: 'portrait',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'fiche-nom',
    hidden: true,
  });
  private ctx!: AppContext;
  private shown: { code: string; date: string; registry: unknown } | null = null;
  private opener: HTMLElement | null = null;
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !this.el.hidden) this.close();
  };

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    document.addEventListener('keydown', this.onKey);
    return this.el;
  }

  onRemove(): void {
    document.removeEventListener('keydown', this.onKey);
    document.body.classList.remove('fiche-ouverte');
    this.el.remove();
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    const { portrait, date } = this.ctx.store.get();
    if (!portrait) {
      this.el.hidden = true;
      document.body.classList.remove('fiche-ouverte');
      this.shown = null;
      return;
    }
    const same = this.shown?.code === portrait && this.shown.date === date && this.shown.registry === this.ctx.registry;
    if (same && !changed.has('portrait')) return;
    this.shown = { code: portrait, date, registry: this.ctx.registry };
    if (changed.has('portrait')) this.opener = document.activeElement as HTMLElement | null;
    const p = territoryPortrait(this.ctx.engine, portrait, s.coverage.asOf);
    this.el.hidden = false;
    document.body.classList.add('fiche-ouverte');
    if (!p) {
      fill(
        this.el,
        this.closeButton(),
        h('h2', { id: 'fiche-nom', tabindex: -1 }, 'Fiche du territoire'),
        h('p', { role: 'alert' }, `Territoire ${portrait} inconnu au COG ${s.coverage.cog}.`),
      );
      return;
    }
    this.draw(p, s);
    if (changed.has('portrait')) this.el.querySelector<HTMLElement>('#fiche-nom')?.focus();
  }

  private closeButton(): HTMLButtonElement {
    const b = h(
      'button',
      { type: 'button', class: 'fermer', id: 'fiche-fermer', 'aria-label': 'Fermer la fiche' },
      '×',
    );
    b.addEventListener('click', () => this.close());
    return b;
  }

  private close(): void {
    this.ctx.store.set({ portrait: null });
    this.opener?.focus();
  }

  private draw(p: TerritoryPortrait, s: Snapshot): void {
    const kindLabel = p.kind === 'epci' ? `EPCI (${p.type}), SIREN ${p.code}` : `Commune, code INSEE ${p.code}`;
    const share = p.population ? p.coveredPopulation / p.population : 0;
    const status =
      p.status !== null
        ? STATUS_LABELS[p.status]
        : p.coveredCommunes === p.communes
          ? 'Entièrement couvert'
          : p.coveredCommunes
            ? 'Partiellement couvert'
            : 'Aucune commune couverte';
    const comparison = h(
      'table',
      { id: 'fiche-comparaison' },
      h('caption', {}, `Part de la population couverte au ${frDate(p.asOf)}`),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'Territoire'), h('th', { scope: 'col', class: 'nombre' }, 'Part')),
      ),
      h(
        'tbody',
        {},
        h(
          'tr',
          { 'data-niveau': 'territoire' },
          h('th', { scope: 'row' }, p.name),
          h('td', { class: 'nombre' }, formatPercent(share, 1)),
        ),
        ...p.departments.map((d) =>
          h(
            'tr',
            { 'data-niveau': 'departement' },
            h('th', { scope: 'row' }, `${d.name} (${d.code})`),
            h('td', { class: 'nombre' }, formatPercent(d.share, 1)),
          ),
        ),
        h(
          'tr',
          { 'data-niveau': 'region' },
          h('th', { scope: 'row' }, `Région ${this.ctx.region.name}`),
          h('td', { class: 'nombre' }, formatPercent(p.region.share, 1)),
        ),
      ),
    );
    const printButton = h('button', { type: 'button', class: 'secondaire', id: 'fiche-imprimer' }, 'Imprimer la fiche');
    printButton.addEventListener('click', () => window.print());
    const csvButton = h('button', { type: 'button', class: 'secondaire', id: 'fiche-csv' }, 'Exporter (CSV)');
    csvButton.addEventListener('click', () =>
      download(
        exportName(`fiche-${p.code}`, p.asOf, 'csv', { region: this.ctx.region.code }),
        portraitCsv(p, this.ctx.region.name),
        'text/csv;charset=utf-8',
      ),
    );
    const mapBox = h(
      'figure',
      { id: 'fiche-carte', class: 'fiche-carte' },
      h('p', { class: 'note' }, 'Carte en préparation…'),
    );
    const svgButton = h('button', { type: 'button', class: 'secondaire', id: 'fiche-svg' }, 'Carte (SVG)');
    let svg = '';
    svgButton.addEventListener('click', () => {
      if (svg)
        download(
          exportName(`fiche-${p.code}-carte`, p.asOf, 'svg', { region: this.ctx.region.code }),
          svg,
          'image/svg+xml;charset=utf-8',
        );
    });
    fill(
      this.el,
      this.closeButton(),
      h('p', { class: 'etiquette' }, 'Fiche du territoire'),
      h('h2', { id: 'fiche-nom', tabindex: -1 }, p.name),
      h(
        'p',
        { id: 'fiche-identite' },
        `${kindLabel} ; ${p.departments.map((d) => `${d.name} (${d.code})`).join(', ')} ; ` +
          `${formatInteger(p.communes)} commune${p.communes > 1 ? 's' : ''}, ${formatInteger(p.population)} habitants ` +
          `(population municipale ${p.populationYear}, COG ${p.cog})` +
          (p.epci ? ` ; EPCI : ${p.epci.name} (${p.epci.code})` : '') +
          '.',
      ),
      h('div', { class: 'ligne' }, printButton, csvButton, svgButton),
      h(
        'p',
        { id: 'fiche-etat', class: 'phrase' },
        `Au ${frDate(p.asOf)} : ${status.toLowerCase()} — ${formatInteger(p.coveredCommunes)} / ${formatInteger(p.communes)} ` +
          `communes, ${formatInteger(p.coveredPopulation)} habitants couverts (${formatPercent(share, 1)}).`,
      ),
      comparison,
      p.rank
        ? h(
            'p',
            { id: 'fiche-rang' },
            `Rang ${p.rank.position} sur ${p.rank.of} EPCI du département ${p.rank.department} par part de population couverte.`,
          )
        : null,
      h('h3', {}, 'Ce que dit le plan'),
      h('p', { id: 'fiche-plan' }, planSentence(p)),
      h('h3', {}, 'Évolution de sa couverture'),
      this.history(p),
      h('h3', {}, 'Documents'),
      this.documents(p),
      h('h3', {}, 'Territoires prioritaires'),
      priorityList(p),
      h('h3', {}, 'Dans son département'),
      mapBox,
    );
    // The small map: the territory outlined in its department (the polygons load on first use).
    void vectorMapSvg(this.ctx, s, { frame: 'inset', department: p.departments[0]?.code, highlight: p.code })
      .then((text) => {
        svg = text;
        fill(
          mapBox,
          h('img', {
            src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`,
            alt: `Carte : ${p.name} dans son département, communes colorées selon leur couverture au ${frDate(p.asOf)}`,
          }),
        );
      })
      .catch((e: unknown) =>
        fill(mapBox, h('p', { class: 'erreur' }, `Carte impossible : ${(e as Error)?.message ?? e}.`)),
      );
  }

  /** The territory's covered share at each date of the timeline, as a small line chart and its table. */
  private history(p: TerritoryPortrait): HTMLElement {
    const all = this.ctx.dates.filter((d) => d <= p.asOf);
    const step = Math.max(1, Math.ceil(all.length / HISTORY_POINTS));
    const dates = all.filter((_, i) => i % step === 0 || i === all.length - 1);
    const points = territoryHistory(this.ctx.engine, p.code, dates);
    const w = 560;
    const hgt = 120;
    const x = (i: number) => 40 + (i / Math.max(1, points.length - 1)) * (w - 50);
    const y = (v: number) => 10 + (1 - v) * (hgt - 30);
    const d = points.map((q, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(q.share).toFixed(1)}`).join('');
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('id', 'fiche-historique');
    const first = points[0];
    const last = points[points.length - 1];
    svg.setAttribute(
      'aria-label',
      first && last
        ? `Part de la population couverte, de ${formatPercent(first.share, 0)} au ${frDate(first.date)} à ${formatPercent(last.share, 0)} au ${frDate(last.date)}`
        : 'Pas de date',
    );
    const add = (tag: string, attrs: Record<string, string>, text?: string) => {
      const el = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      if (text) el.textContent = text;
      svg.append(el);
    };
    for (const v of [0, 0.5, 1]) {
      add('line', { x1: '40', x2: String(w - 10), y1: String(y(v)), y2: String(y(v)), stroke: '#dddddd' });
      add('text', { x: '4', y: String(y(v) + 4), 'font-size': '11' }, formatPercent(v, 0));
    }
    if (first && last) {
      add('text', { x: '40', y: String(hgt - 4), 'font-size': '11' }, frDate(first.date));
      add(
        'text',
        { x: String(w - 10), y: String(hgt - 4), 'font-size': '11', 'text-anchor': 'end' },
        frDate(last.date),
      );
    }
    add('path', { d, fill: 'none', stroke: 'var(--accent)', 'stroke-width': '2' });
    const changes = points.filter((q, i) => i === 0 || q.share !== points[i - 1]!.share);
    return h(
      'div',
      {},
      svg as unknown as HTMLElement,
      h(
        'details',
        {},
        h('summary', {}, 'Les valeurs (à chaque changement)'),
        h(
          'table',
          { id: 'fiche-historique-tableau' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col', class: 'nombre' }, 'Part couverte')),
          ),
          h(
            'tbody',
            {},
            ...changes.map((q) =>
              h(
                'tr',
                { 'data-date': q.date },
                h('td', {}, frDate(q.date)),
                h('td', { class: 'nombre' }, formatPercent(q.share, 1)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /** Every document touching the territory: dates at their precision, end or « fin inconnue », source and quote. */
  private documents(p: TerritoryPortrait): HTMLElement {
    if (!p.documents.length)
      return h('p', { id: 'fiche-documents' }, 'Aucun document du registre ne le touche à cette date.');
    const order = (t: string) => DOC_TYPES.indexOf(t as (typeof DOC_TYPES)[number]);
    return h(
      'table',
      { id: 'fiche-documents' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Document', 'Signature', 'Fin', 'Génération', 'En vigueur', 'Source'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...[...p.documents]
          .sort(
            (a, b) =>
              a.document.signedOn.localeCompare(b.document.signedOn) ||
              order(a.document.docType) - order(b.document.docType),
          )
          .map(({ document: d, inForce, communes }) =>
            h(
              'tr',
              { 'data-id': d.id },
              h(
                'td',
                {},
                `${DOC_LABELS[d.docType]} — ${d.territory}${communes < p.communes ? ` (${communes} commune${communes > 1 ? 's' : ''})` : ''}`,
              ),
              h('td', {}, `signé ${signedPhrase(d.signedOn, d.signedPrecision)}${d.verified ? '' : ' (non vérifié)'}`),
              h('td', {}, d.endsOn ? frDate(d.endsOn) : 'fin inconnue'),
              h('td', {}, d.generation === null ? '—' : String(d.generation)),
              h('td', {}, inForce ? 'oui' : 'non'),
              h(
                'td',
                {},
                h('a', { href: d.sourceUrl, target: '_blank', rel: 'noopener noreferrer' }, 'source'),
                d.evidence ? h('span', { class: 'citation' }, d.evidence) : null,
              ),
            ),
          ),
      ),
    );
  }
}

/** The priority territories it holds, PRAPS then QPV, each kind in one line (a territory may hold twenty QPV). */
function priorityList(p: TerritoryPortrait): HTMLElement {
  if (!p.priority.length)
    return h('p', { id: 'fiche-prioritaires' }, 'Aucun territoire prioritaire connu n’y est en vigueur à cette date.');
  const line = (kind: 'praps' | 'qpv', label: string) => {
    const ts = p.priority.filter((t) => t.kind === kind);
    return ts.length
      ? h('li', { 'data-kind': kind }, `${label} (${ts.length}) : ${ts.map((t) => `${t.label} (${t.id})`).join(', ')}`)
      : null;
  };
  return h(
    'ul',
    { class: 'docs', id: 'fiche-prioritaires' },
    line('praps', 'PRAPS'),
    line('qpv', 'Quartiers prioritaires'),
  );
}

/** What the gap planner says about a territory, in French. */
export function planSentence(p: TerritoryPortrait): string {
  if (!p.planKnown) return 'Aucun territoire prioritaire connu à cette date : le plan ne peut rien en dire.';
  const who = p.kind === 'epci' ? 'cet EPCI' : p.epci ? `son EPCI (${p.epci.name})` : 'son EPCI';
  if (!p.plan)
    return `Un CLS sur ${who} n’ajouterait aucun habitant des territoires prioritaires : ils y sont déjà couverts, ou il n’en compte pas.`;
  return (
    `Un CLS sur ${who} ajouterait ${formatInteger(p.plan.addedPopulation)} habitants des territoires prioritaires ` +
    `(rang ${p.plan.rank} du plan ; avec les précédents, ${formatPercent(p.plan.cumulativeShare, 1)} de la population visée)` +
    (p.plan.renewal ? ' ; un document y a pris fin : un renouvellement le couvrirait de nouveau.' : '.')
  );
}

/** The portrait's figures as a CSV (through the product's one writer): the territory, its department, its region. */
export function portraitCsv(p: TerritoryPortrait, regionName: string): string {
  const share = p.population ? p.coveredPopulation / p.population : 0;
  return toCsv([
    [
      ['mesure', 'valeur'],
      ['territoire', p.name],
      ['code', p.code],
      ['type', p.type],
      ['date', p.asOf],
      ['cog', p.cog],
      ['annee_population', p.populationYear],
      ['communes', p.communes],
      ['communes_couvertes', p.coveredCommunes],
      ['population', p.population],
      ['population_couverte', p.coveredPopulation],
      ['part_population_couverte', share],
      ...p.departments.map((d) => [`part_population_couverte_departement_${d.code}`, d.share]),
      [`part_population_couverte_region_${p.region.code}`, p.region.share],
      ['rang_departement', p.rank ? `${p.rank.position}/${p.rank.of}` : ''],
      ['documents', p.documents.map((d) => d.document.id).join('|')],
      ['territoires_prioritaires', p.priority.map((t) => t.id).join('|')],
      ['plan_population_prioritaire_ajoutee', p.plan?.addedPopulation ?? ''],
      ['region', regionName],
    ],
  ]);
}
