import {
  communeStates,
  coverageClass,
  coveredShare,
  formatInteger,
  formatPercent,
  plural,
  priorityTerritoriesOf,
} from '@cls/core';
import { type AppContext, type Change, communeOfFeature, type Panel, type Snapshot } from '../context.ts';
import { fill, h } from '../dom.ts';
import type { maplibregl } from '../map-view.ts';
import { CLASS_LABELS, STATE_STATUS, STATUS_LABELS } from '../palette.ts';

/** The lines a tooltip shows for a commune (INSEE code) or an EPCI (SIREN) at the snapshot's date. */
export function tooltipLines(ctx: AppContext, s: Snapshot, key: string): string[] {
  const ref = s.coverage.reference;
  if (key.length === 9) {
    const e = ref.epcis.find((x) => x.siren === key);
    const area = s.figures.byEpci.find((x) => x.code === key);
    if (!e || !area) return [];
    return [
      `${e.name} (EPCI ${e.siren})`,
      `${CLASS_LABELS[coverageClass(area)]} : ${formatInteger(area.coveredCommunes)} / ` +
        `${formatInteger(area.communes)} communes, ${formatPercent(coveredShare(area), 1)} de la population`,
    ];
  }
  const i = ref.communes.findIndex((c) => c.code === key);
  if (i < 0) return [];
  const c = ref.communes[i]!;
  const cov = s.coverage.communes[i]!;
  const status = STATE_STATUS[communeStates(s.coverage)[i]!]!;
  const prio = priorityTerritoriesOf(ctx.engine, key, s.coverage.asOf);
  const praps = prio.filter((t) => t.kind === 'praps').length;
  const qpv = prio.filter((t) => t.kind === 'qpv').length;
  const docs = cov.documents.length
    ? plural(cov.documents.length, 'document en vigueur', 'documents en vigueur')
    : cov.expiredDocuments.length
      ? plural(cov.expiredDocuments.length, 'document terminé', 'documents terminés')
      : '';
  return [
    `${c.name} (${c.code}), ${formatInteger(c.population)} hab.`,
    STATUS_LABELS[status] + (docs ? ` — ${docs}` : ''),
    praps || qpv
      ? `Prioritaire : ${[praps ? 'territoire PRAPS' : '', qpv ? `${qpv} QPV` : ''].filter(Boolean).join(', ')}`
      : 'Hors territoire prioritaire',
  ];
}

/** Hovering a commune or an EPCI shows its name, code, status, documents and priority membership. */
export class TooltipPanel implements Panel {
  private el = h('div', { class: 'infobulle', role: 'tooltip', id: 'infobulle', hidden: true });
  private ctx: AppContext | null = null;
  private onMove = (e: maplibregl.MapMouseEvent) => this.show(e);
  private onLeave = () => this.hide();

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    ctx.map.on('mousemove', this.onMove);
    ctx.map.getCanvas().addEventListener('mouseleave', this.onLeave);
    return this.el;
  }

  private show(e: maplibregl.MapMouseEvent): void {
    const ctx = this.ctx!;
    const s = ctx.snapshot();
    const { view, selection } = ctx.store.get();
    // While a detail card is open, the card speaks: a tooltip over the map would cover its territory.
    if (selection) {
      this.hide();
      return;
    }
    const layer = view === 'epci' ? 'epci-fond' : 'communes-fond';
    const f = s && ctx.map.queryRenderedFeatures(e.point, { layers: [layer] })[0];
    if (!s || !f) {
      this.hide();
      return;
    }
    const key = view === 'epci' ? String(f.properties.key) : communeOfFeature(s.geometry, f.id)!;
    const lines = tooltipLines(ctx, s, key);
    if (!lines.length) {
      this.hide();
      return;
    }
    fill(this.el, h('strong', {}, lines[0]!), ...lines.slice(1).map((l) => h('span', {}, l)));
    this.el.hidden = false;
    this.el.style.left = `${e.point.x + 14}px`;
    this.el.style.top = `${e.point.y + 14}px`;
    ctx.map.getCanvas().setAttribute('aria-describedby', 'infobulle');
  }

  private hide(): void {
    this.el.hidden = true;
    this.ctx?.map.getCanvas().removeAttribute('aria-describedby');
  }

  update(_s: Snapshot, changed: ReadonlySet<Change>): void {
    if (changed.has('date') || changed.has('view') || changed.has('selection')) this.hide();
  }

  onRemove(): void {
    this.ctx?.map.off('mousemove', this.onMove);
    this.ctx?.map.getCanvas().removeEventListener('mouseleave', this.onLeave);
    this.el.remove();
  }
}
