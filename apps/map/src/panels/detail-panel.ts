import {
  communeStates,
  coverageClass,
  coveredShare,
  formatInteger,
  formatPercent,
  priorityTerritoriesOf,
  signedPhrase,
} from '@cls/core';
import { SnapshotPanel, type Change, type Snapshot } from '../context.ts';
import { fill, frDate, h } from '../dom.ts';
import { CLASS_LABELS, DOC_LABELS, STATE_STATUS, STATUS_LABELS } from '../palette.ts';

/** The selected commune or EPCI: population, status, priority territories, documents with their sources. */
export class DetailPanel extends SnapshotPanel {
  protected override mounted(): void {
    fill(this.el, h('h2', {}, 'Détail'), h('p', { class: 'note' }, 'Cherchez ou cliquez une commune ou un EPCI.'));
  }

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('selection') && !changed.has('snapshot') && !changed.has('date')) return;
    const { store, registry, engine } = this.ctx;
    const { selection, date } = store.get();
    const box = this.el;
    const coverage = s.coverage;
    if (!selection) {
      fill(box, h('h2', {}, 'Détail'), h('p', { class: 'note' }, 'Cherchez ou cliquez une commune ou un EPCI.'));
      return;
    }
    const ref = coverage.reference;
    const docById = new Map(registry.documents.map((d) => [d.id, d]));
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
              (d.endsOn ? `, ${expired ? 'terminé' : 'jusqu’au'} ${frDate(d.endsOn)} ` : ' '),
            h('a', { href: d.sourceUrl, target: '_blank', rel: 'noopener noreferrer' }, 'source'),
            d.verified ? null : h('span', { class: 'non-verifie' }, ' (non vérifié)'),
          );
        }),
      );
    if (selection.length === 9) {
      const e = ref.epcis.find((x) => x.siren === selection);
      const area = s.figures.byEpci.find((x) => x.code === selection);
      if (!e || !area) {
        fill(box, h('h2', {}, 'Détail'), h('p', {}, `EPCI ${selection} absent du COG ${coverage.cog}.`));
        return;
      }
      const members = new Set(e.members);
      const ids = [...new Set(coverage.communes.filter((c) => members.has(c.code)).flatMap((m) => m.documents))];
      fill(
        box,
        h('h2', { id: 'detail-nom' }, `${e.name} (${e.siren})`),
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
        h('p', { class: 'etiquette' }, ids.length ? 'Documents en vigueur' : 'Aucun document en vigueur'),
        docList(ids),
      );
      return;
    }
    const i = ref.communes.findIndex((x) => x.code === selection);
    const c = ref.communes[i];
    if (!c) {
      fill(box, h('h2', {}, 'Détail'), h('p', {}, `Commune ${selection} absente du COG ${coverage.cog}.`));
      return;
    }
    const cov = coverage.communes[i]!;
    const epci = ref.epcis.find((e) => e.siren === c.epci);
    const prio = priorityTerritoriesOf(engine, c.code, date);
    const praps = prio.filter((t) => t.kind === 'praps').map((t) => t.label);
    const qpv = prio.filter((t) => t.kind === 'qpv').map((t) => `${t.label} (${t.id})`);
    fill(
      box,
      h('h2', { id: 'detail-nom' }, `${c.name} (${c.code})`),
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
        `Territoire prioritaire : ${praps.length ? praps.join(', ') : 'non'}` +
          `${qpv.length ? ` ; QPV : ${qpv.join(', ')}` : ''}.`,
      ),
      h('p', { class: 'etiquette' }, cov.documents.length ? 'Documents en vigueur' : 'Aucun document en vigueur'),
      docList(cov.documents),
      cov.expiredDocuments.length ? h('p', { class: 'etiquette' }, 'Documents terminés') : null,
      cov.expiredDocuments.length ? docList(cov.expiredDocuments, true) : null,
    );
  }
}
