import {
  communeStates,
  coverageClass,
  coveredShare,
  formatInteger,
  formatPercent,
  priorityTerritoriesOf,
  regionLabel,
  signedPhrase,
  type Epci,
  type Reference,
  DOC_LABELS,
} from '@cls/core';
import { SnapshotPanel, type Change, type Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';
import { CLASS_LABELS, STATE_STATUS, STATUS_LABELS } from '../palette.ts';

/**
 * The selected commune or EPCI as a card over the map (a bottom sheet on a phone): population,
 * status, priority territories, documents with their sources. It opens on a selection, takes the
 * focus when the user selected (not on a link's first draw), and closes with its button or Échap.
 */
export class DetailPanel extends SnapshotPanel {
  private drawn = false;
  private body = h('div', { class: 'fiche-contenu' });

  protected override mounted(): void {
    const close = h(
      'button',
      { type: 'button', class: 'fermer', id: 'fermer-detail', 'aria-label': 'Fermer le détail' },
      '×',
    );
    close.addEventListener('click', () => this.close());
    this.el.className = 'fiche';
    this.el.id = 'fiche-detail';
    this.el.setAttribute('role', 'dialog');
    this.el.setAttribute('aria-modal', 'false');
    this.el.setAttribute('aria-labelledby', 'detail-nom');
    this.el.hidden = true;
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    this.el.append(close, this.body);
  }

  /** Closes the card: clears the selection, and gives the focus back to the map. */
  private close(): void {
    this.ctx.store.set({ selection: null });
    this.ctx.map.getCanvas().focus();
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('selection') && !changed.has('snapshot') && !changed.has('date')) return;
    const first = !this.drawn;
    this.drawn = true;
    const { selection } = this.ctx.store.get();
    this.el.hidden = !selection;
    if (!selection) return;
    this.draw(s, selection);
    if (changed.has('selection') && !first) this.el.querySelector<HTMLElement>('h2')?.focus();
  }

  /** « Fiche du territoire »: opens the territory's portrait (its own link, `?fiche=`). */
  private portraitButton(code: string): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'secondaire', id: 'ouvrir-fiche' }, 'Fiche du territoire');
    b.addEventListener('click', () => this.ctx.store.set({ portrait: code }));
    return b;
  }

  private draw(s: Snapshot, selection: string): void {
    const { store, registry, engine } = this.ctx;
    const { date } = store.get();
    const box = this.body;
    const coverage = s.coverage;
    const ref = coverage.reference;
    // The model's documents: with an assumed duration, their assumed ends.
    const docById = new Map([...registry.documents, ...engine.model.documents].map((d) => [d.id, d]));
    const docList = (ids: readonly string[], expired = false) =>
      h(
        'ul',
        { class: 'docs' },
        ...ids.map((id) => {
          const d = docById.get(id)!;
          return h(
            'li',
            {},
            `${DOC_LABELS[d.docType]} – ${d.territory} – signé ${signedPhrase(d.signedOn, d.signedPrecision)}` +
              (d.endsOn
                ? `, ${expired ? 'terminé' : 'jusqu’au'} ${frDate(d.endsOn)}${d.assumedEnd ? ' (fin supposée)' : ''} `
                : ', fin inconnue '),
            h('a', { href: d.sourceUrl, target: '_blank', rel: 'noopener noreferrer' }, 'source'),
            d.verified ? null : h('span', { class: 'non-verifie' }, ' (non vérifié)'),
          );
        }),
      );
    if (selection.length === 9) {
      const e = ref.epcis.find((x) => x.siren === selection);
      const area = s.figures.byEpci.find((x) => x.code === selection);
      if (!e || !area) {
        fill(
          box,
          h('h2', { id: 'detail-nom', tabindex: -1 }, 'Détail'),
          h('p', {}, `EPCI ${selection} absent du COG ${coverage.cog}.`),
        );
        return;
      }
      const members = new Set(e.members);
      const ids = [...new Set(coverage.communes.filter((c) => members.has(c.code)).flatMap((m) => m.documents))];
      fill(
        box,
        h('h2', { id: 'detail-nom', tabindex: -1 }, `${e.name} (${e.siren})`),
        this.portraitButton(e.siren),
        h(
          'p',
          {},
          `${e.type}, ${formatInteger(area.communes)} communes dans la région, ` +
            `${formatInteger(area.population)} habitants (${ref.populationYear}).`,
        ),
        h(
          'p',
          {},
          `${CLASS_LABELS[coverageClass(area)]} : ${formatInteger(area.coveredCommunes)} / ` +
            `${formatInteger(area.communes)} communes, ${formatPercent(coveredShare(area), 1)} de la population.`,
        ),
        crossRegion(e, ref),
        h('p', { class: 'etiquette' }, ids.length ? 'Documents en vigueur' : 'Aucun document en vigueur'),
        docList(ids),
      );
      return;
    }
    const i = ref.communes.findIndex((x) => x.code === selection);
    const c = ref.communes[i];
    if (!c) {
      fill(
        box,
        h('h2', { id: 'detail-nom', tabindex: -1 }, 'Détail'),
        h('p', {}, `Commune ${selection} absente du COG ${coverage.cog}.`),
      );
      return;
    }
    const cov = coverage.communes[i]!;
    const epci = ref.epcis.find((e) => e.siren === c.epci);
    const prio = priorityTerritoriesOf(engine, c.code, date);
    const praps = prio.filter((t) => t.kind === 'praps').map((t) => t.label);
    const qpv = prio.filter((t) => t.kind === 'qpv').map((t) => `${t.label} (${t.id})`);
    fill(
      box,
      h('h2', { id: 'detail-nom', tabindex: -1 }, `${c.name} (${c.code})`),
      this.portraitButton(c.code),
      h(
        'p',
        {},
        `Population municipale ${ref.populationYear} : ${formatInteger(c.population)} habitants. ` +
          `EPCI : ${epci ? `${epci.name} (${epci.siren})` : 'aucun'}. Département ${c.department}.`,
      ),
      h('p', {}, `Statut : ${STATUS_LABELS[STATE_STATUS[communeStates(coverage)[i]!]!]}.`),
      h(
        'p',
        {},
        praps.length || qpv.length
          ? `Territoires prioritaires : ${[
              ...(praps.length ? [`PRAPS ${praps.join(', ')}`] : []),
              ...(qpv.length ? [`quartiers prioritaires (QPV) ${qpv.join(', ')}`] : []),
            ].join(' ; ')}.`
          : 'Territoire prioritaire : aucun (ni PRAPS, ni quartier prioritaire).',
      ),
      h('p', { class: 'etiquette' }, cov.documents.length ? 'Documents en vigueur' : 'Aucun document en vigueur'),
      docList(cov.documents),
      cov.expiredDocuments.length ? h('p', { class: 'etiquette' }, 'Documents terminés') : null,
      cov.expiredDocuments.length ? docList(cov.expiredDocuments, true) : null,
    );
  }
}

/**
 * An EPCI that straddles regions: its real extent said (the map draws and counts only its communes
 * in the region shown), or null.
 */
function crossRegion(e: Epci, ref: Reference): HTMLElement | null {
  const others = (ref.regionsOfEpci[e.siren] ?? []).filter((r) => r !== ref.region);
  if (!others.length) return null;
  return h(
    'p',
    { class: 'note', id: 'detail-interregional' },
    `EPCI interrégional : il s’étend aussi sur ${others.map(regionLabel).join(', ')} ` +
      `(${formatInteger(e.members.length)} communes et ${formatInteger(e.population)} habitants en tout) ; ` +
      'seules ses communes de la région sont dessinées et comptées.',
  );
}
