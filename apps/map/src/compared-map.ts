import type { CogYear } from '@cls/core';
import type { AppContext, Change, Snapshot } from './context.ts';
import { CoverageLayers, drawnStatus } from './coverage-layers.ts';
import { frDate, h } from './dom.ts';
import { GeometrySwitch } from './geometry-switch.ts';
import { addPlaceNames, createMap, type maplibregl, type TileSpec } from './map-view.ts';
import { mapError } from './page-problems.ts';
import { fitToDepartment } from './panels/filters-panel.ts';

/** Every key: the first draw of the comparison map draws them all. */
const FIRST_DRAW: ReadonlySet<Change> = new Set<Change>(['date', 'department', 'view', 'highlight', 'snapshot']);

/**
 * The comparison date's map, beside the page's own while the two dates are side by side (Kepler's
 * split map is the model): the same style and tiles, coloured by the other date's coverage, its
 * camera locked to the main map's both ways, each map labelled with its date. The earlier date is on
 * the left.
 */
export class ComparedMap {
  private map: maplibregl.Map | null = null;
  private opening: Promise<maplibregl.Map> | null = null;
  private layers: CoverageLayers | null = null;
  private geometry: GeometrySwitch | null = null;
  private readonly container = h('div', { id: 'carte-comparee', class: 'carte-comparee' });
  private readonly labels = {
    shown: h('p', { class: 'date-carte', id: 'date-carte' }),
    compared: h('p', { class: 'date-carte', id: 'date-carte-comparee' }),
  };
  private unsync: (() => void) | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly tiles: (cog: CogYear) => TileSpec,
  ) {}

  /** Draws the snapshot's other date (opening the map the first time), or closes the map without one. */
  async update(s: Snapshot, changed: ReadonlySet<Change>): Promise<void> {
    const pair = s.pair;
    if (!pair) {
      this.close();
      return;
    }
    const fresh = !this.map;
    const map = this.map ?? (await this.open(pair.coverage.cog));
    if (map !== this.map) return; // closed while it opened
    const later = pair.coverage.asOf > s.coverage.asOf;
    this.ctx.map.getContainer().dataset.cote = later ? 'gauche' : 'droite';
    this.container.dataset.cote = later ? 'droite' : 'gauche';
    this.labels.shown.textContent = `Au ${frDate(s.coverage.asOf)}`;
    this.labels.compared.textContent = `Au ${frDate(pair.coverage.asOf)}`;
    const geometry = await this.geometry!.ensure(pair.coverage.cog);
    const other: Snapshot = { ...pair, geometry, points: null, change: null, pair: null };
    this.layers!.update(other, fresh ? FIRST_DRAW : changed);
    if (fresh || changed.has('selection') || changed.has('snapshot'))
      this.layers!.select(this.ctx.store.get().selection, other);
    if (fresh) this.refit();
  }

  /** Each half frames what the whole map framed (the region, the department filtered), unless a territory is selected. */
  private refit(): void {
    const { selection, department } = this.ctx.store.get();
    if (!selection) fitToDepartment(this.ctx, department);
  }

  /** The status a commune (INSEE code) or an EPCI (SIREN) is drawn with on this map (the browser tests read it). */
  status(kind: 'communes' | 'epci', key: string, s: Snapshot | null): string | null {
    const g = this.geometry?.geometry ?? null;
    if (!this.map || !s?.pair) return null;
    return drawnStatus(this.map, g, s.pair.coverage.reference, kind, key);
  }

  /** The comparison map, or null while the dates are not side by side. */
  get shown(): maplibregl.Map | null {
    return this.map;
  }

  private open(cog: CogYear): Promise<maplibregl.Map> {
    if (this.opening) return this.opening;
    const main = this.ctx.map.getContainer();
    main.dataset.cote = 'droite';
    this.container.dataset.cote = 'gauche';
    main.before(this.container);
    main.append(this.labels.shown);
    this.container.append(this.labels.compared);
    this.ctx.map.resize();
    this.opening = createMap(this.container, this.tiles(cog), mapError).then((map) => {
      if (!this.opening) {
        map.remove();
        return map;
      }
      this.map = map;
      this.layers = new CoverageLayers(this.ctx, map);
      this.geometry = new GeometrySwitch(map, this.ctx.manifest, this.ctx.referenceFor);
      map.getCanvas().setAttribute('aria-label', 'Carte de la date de comparaison');
      this.unsync = lockCameras(this.ctx.map, map);
      map.once('idle', () => addPlaceNames(map));
      return map;
    });
    return this.opening;
  }

  /** Back to one map: the comparison map removed, the main map given the whole width again. */
  close(): void {
    if (!this.opening) return;
    this.opening = null;
    this.unsync?.();
    this.unsync = null;
    this.map?.remove();
    this.map = null;
    this.layers = null;
    this.geometry = null;
    this.container.remove();
    this.labels.shown.remove();
    delete this.ctx.map.getContainer().dataset.cote;
    this.ctx.map.resize();
    this.refit();
  }
}

/** Moves each map with the other (centre, zoom, bearing), from now on; returns what undoes it. */
function lockCameras(a: maplibregl.Map, b: maplibregl.Map): () => void {
  let moving = false;
  const follow = (from: maplibregl.Map, to: maplibregl.Map) => () => {
    if (moving) return;
    moving = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    moving = false;
  };
  const aToB = follow(a, b);
  const bToA = follow(b, a);
  a.on('move', aToB);
  b.on('move', bToA);
  aToB();
  return () => {
    a.off('move', aToB);
    b.off('move', bToA);
  };
}
