import {
  coverageChange,
  coverageFigures,
  createCoverageEngine,
  timelineDates,
  timelinePoints,
  withAssumedDuration,
  type CogYear,
  type Coverage,
  type CoverageEngine,
  type DeployedRegion,
  type Reference,
  type TimelinePoint,
} from '@cls/core';
import type { AppContext, AppState, Change, PageEvents, Panel, Snapshot } from './context.ts';
import { ComparedMap } from './compared-map.ts';
import { communeOfFeature } from './context.ts';
import { CoverageLayers } from './coverage-layers.ts';
import { loadCommuneIndex, loadValidationReferences, type Manifest, type RegistryFile } from './data.ts';
import { byId } from './dom.ts';
import { Evented } from './evented.ts';
import { GeometrySwitch } from './geometry-switch.ts';
import { addPlaceNames, type maplibregl, type TileSpec } from './map-view.ts';
import { mapProblem, safely } from './page-problems.ts';
import { ChartPanel } from './panels/chart-panel.ts';
import { ComparePanel } from './panels/compare-panel.ts';
import { DatePanel } from './panels/date-panel.ts';
import { DetailPanel } from './panels/detail-panel.ts';
import { DocumentsPanel } from './panels/documents-panel.ts';
import { EditorPanel } from './panels/editor-panel.ts';
import { ExportsPanel } from './panels/exports-panel.ts';
import { FiguresPanel } from './panels/figures-panel.ts';
import { FiltersPanel, fitToDepartment } from './panels/filters-panel.ts';
import { LegendPanel } from './panels/legend-panel.ts';
import { NoRegistryPanel } from './panels/no-registry-panel.ts';
import { PortraitPanel } from './panels/portrait-panel.ts';
import { PriorityPanel } from './panels/priority-panel.ts';
import { RegistryPanel } from './panels/registry-panel.ts';
import { SearchPanel } from './panels/search-panel.ts';
import { SourcesPanel } from './panels/sources-panel.ts';
import { TablePanel } from './panels/table-panel.ts';
import { TabsPanel } from './panels/tabs-panel.ts';
import { TooltipPanel } from './panels/tooltip.ts';
import { hasRegistry } from './report-context.ts';
import { createStore, type Store } from './store.ts';
import { UrlSync } from './url-sync.ts';
import type { UrlState } from './url-state.ts';

/** Every key of the state: the first refresh draws them all. */
const ALL: Change[] = [
  'date',
  'since',
  'sideBySide',
  'selection',
  'department',
  'view',
  'highlight',
  'tab',
  'portrait',
  'snapshot',
];

/** What the page is made from, loaded by main.ts. */
export interface PageInputs {
  url: UrlState;
  region: DeployedRegion;
  manifest: Manifest;
  registry: RegistryFile;
  references: Map<CogYear, Reference>;
  map: maplibregl.Map;
  /** The tiles a map of this region draws a COG year with (the comparison date's map uses them too). */
  tiles: (cog: CogYear) => TileSpec;
  now: string;
}

/**
 * The page's controller: the state (a store synced with the link), the engine of the registry shown,
 * the snapshot every panel draws, and the refresh loop that recomputes and redraws it, one change at
 * a time. Panels are mounted like MapLibre controls and talk through the store and events.
 */
export class CoveragePage {
  readonly store: Store<AppState>;
  readonly events = new Evented<PageEvents>();
  private readonly ctx: AppContext;
  private readonly geometry: GeometrySwitch;
  private readonly urlSync: UrlSync<AppState>;
  private readonly cogYears: CogYear[];
  private snapshot: Snapshot | null = null;
  private panels: Array<[Panel, string]> = [];
  /** The panels that hold the analyst's work (the file read, the form): kept across registry changes. */
  private readonly keptPanels: Array<[Panel, string]> = [
    [new RegistryPanel(), 'bloc-registre'],
    [new EditorPanel(), 'bloc-edition'],
  ];
  private layers!: CoverageLayers;
  /** The comparison date's map, beside the main one while the two dates are side by side. */
  private compared!: ComparedMap;
  /** One refresh at a time, in order: each reads the latest state when it runs. */
  private queue = Promise.resolve();

  constructor(private readonly inputs: PageInputs) {
    const { url, manifest, registry, references, map, region, now } = inputs;
    this.cogYears = [...references.keys()].sort((a, b) => a - b);
    this.store = createStore<AppState>({ ...url, date: url.date ?? now, highlight: null });
    this.geometry = new GeometrySwitch(map, manifest, this.referenceFor);
    const { engine, dates } = this.engineOf(registry, url.assumed);
    this.ctx = {
      store: this.store,
      events: this.events,
      engine,
      registry,
      origin: { files: [], draft: null },
      manifest,
      shippedRegistry: hasRegistry(registry),
      region,
      map,
      dates,
      now,
      referenceFor: this.referenceFor,
      validationReferences: () => loadValidationReferences(manifest),
      snapshot: () => this.snapshot,
      select: (code, zoom) => this.select(code, zoom),
      fitTo: (keep) => this.fitTo(keep),
      useRegistry: (next, origin) => this.useRegistry(next, origin),
    };
    this.urlSync = new UrlSync<AppState>();
  }

  readonly referenceFor = (cog: CogYear): Reference => {
    const r = this.inputs.references.get(cog);
    if (!r) throw new Error(`COG ${cog} non chargé`);
    return r;
  };

  /** The figures drawn now (the browser tests read them), or null before the first draw. */
  figures() {
    return this.snapshot?.figures ?? null;
  }

  /** The commune tiles drawn now, or null before the first draw. */
  drawnGeometry() {
    return this.geometry.geometry;
  }

  /** The status a commune or an EPCI is drawn with on the comparison date's map (null: no such map). */
  comparedStatus(kind: 'communes' | 'epci', key: string): string | null {
    return this.compared.status(kind, key, this.snapshot);
  }

  /** The comparison date's map's view [west, south, east, north], or null: no such map. */
  comparedView(): [number, number, number, number] | null {
    return (this.compared.shown?.getBounds().toArray().flat() as [number, number, number, number]) ?? null;
  }

  /** The reference (COG year) of the coverage drawn now, or null before the first draw. */
  snapshotReference(): Reference | null {
    return this.snapshot?.coverage.reference ?? null;
  }

  /** Mounts the panels, draws the first state, then the place names and the chart's points. */
  async start(): Promise<void> {
    const { map } = this.inputs;
    this.mount();
    for (const [panel, id] of this.keptPanels) byId(id).append(panel.onAdd(this.ctx));
    this.store.subscribe((_, changed) => {
      // Another assumed duration is another model: every panel is computed again on it.
      if (changed.has('assumed'))
        this.useRegistry(
          this.ctx.origin.files.length || this.ctx.origin.draft ? this.ctx.registry : null,
          this.ctx.origin,
        );
      else void this.schedule(changed);
    });
    // The link follows the state, once each change is drawn (the refresh runs before the write).
    this.urlSync.addTo(this.store);
    map.on('click', (e) => this.onMapClick(e));
    map.on('mousemove', (e) => {
      map.getCanvas().style.cursor = map.queryRenderedFeatures(e.point, { layers: ['communes-fond', 'epci-fond'] })
        .length
        ? 'pointer'
        : '';
    });
    await this.schedule(ALL);
    performance.mark('cls:first-update');
    const { selection, department } = this.store.get();
    if (selection) this.select(selection, true);
    else fitToDepartment(this.ctx, department);
    map.once('idle', () => {
      window.__cls.firstDrawMs = performance.now();
      window.__cls.ready = true;
      byId('etat-chargement').hidden = true;
      // Place names once the colours are drawn: their glyphs and symbol placement cost about a second of
      // software WebGL, which the answer (the colours, the figures) does not wait for.
      addPlaceNames(map);
      map.once('idle', () => {
        window.__cls.namesMs = performance.now();
        // The other geometry years' commune indexes (about 50 kB each): a step into another year then
        // waits for no request.
        for (const c of this.inputs.manifest.tiles.communes) void loadCommuneIndex(c.index);
      });
      this.scheduleTimeline();
    });
  }

  /** The engine of a registry, and its dates: every signing date and month end, first document to today. */
  private engineOf(r: RegistryFile, assumed: number | null): { engine: CoverageEngine; dates: string[] } {
    const base = {
      documents: r.documents,
      priority: r.priority,
      referenceFor: this.referenceFor,
      cogYears: this.cogYears,
    };
    // An assumed duration for documents with no known end: the user's setting, off by default, said when on.
    const engine = createCoverageEngine(assumed ? withAssumedDuration(base, assumed) : base);
    const now = this.inputs.now;
    const dates = timelineDates(engine, { to: now }).map((d) => d.date);
    if (dates[dates.length - 1] !== now) dates.push(now);
    return { engine, dates };
  }

  /**
   * The page's panels, each mounted into its element (MapLibre's controls are the model). Without a
   * registry (a region deployed without one), the blocks of figures say so instead of showing zeros.
   */
  private createPanels(): Array<[Panel, string]> {
    if (!hasRegistry(this.ctx.registry))
      return [
        [new NoRegistryPanel(), 'bloc-chiffres'],
        [new FiltersPanel(), 'bloc-filtres'],
        [new SearchPanel(), 'bloc-recherche'],
        [new NoRegistryPanel('Évolution'), 'bloc-graphique'],
        [new NoRegistryPanel('Tableau'), 'bloc-tableau'],
        [new NoRegistryPanel('Territoires prioritaires'), 'bloc-prioritaires'],
        [new NoRegistryPanel('Documents'), 'bloc-documents'],
        [new SourcesPanel(), 'bloc-sources'],
        [new TabsPanel(), 'bas-onglets'],
      ];
    return [
      [new FiguresPanel(), 'bloc-chiffres'],
      [new DatePanel(), 'bloc-date'],
      [new FiltersPanel(), 'bloc-filtres'],
      [new ComparePanel(), 'bloc-comparaison'],
      [new SearchPanel(), 'bloc-recherche'],
      [new DetailPanel(), 'bloc-detail'],
      [new ExportsPanel(), 'bloc-export'],
      [new LegendPanel(), 'legende'],
      [new ChartPanel(), 'bloc-graphique'],
      [new TablePanel(), 'bloc-tableau'],
      [new PriorityPanel(), 'bloc-prioritaires'],
      [new DocumentsPanel(), 'bloc-documents'],
      [new SourcesPanel(), 'bloc-sources'],
      [new TabsPanel(), 'bas-onglets'],
      [new TooltipPanel(), 'zone-carte'],
      [new PortraitPanel(), 'bloc-fiche'],
    ];
  }

  /** Mounts the panels on the registry shown, after removing the previous ones. */
  private mount(): void {
    // The skeletons the page showed while its data loaded (index.html) give way to the panels.
    for (const s of document.querySelectorAll('.squelette')) s.remove();
    for (const [panel] of this.panels) panel.onRemove();
    this.layers = new CoverageLayers(this.ctx, this.inputs.map);
    this.compared?.close();
    this.compared = new ComparedMap(this.ctx, this.inputs.tiles);
    this.panels = this.createPanels();
    for (const [panel, id] of this.panels) safely(id, () => byId(id).append(panel.onAdd(this.ctx)));
    // Without a registry there is no legend nor timeline: their boxes are not drawn empty over the map.
    byId('legende').hidden = !hasRegistry(this.ctx.registry);
    byId('bloc-date').hidden = !hasRegistry(this.ctx.registry);
    window.__cls.dates = this.ctx.dates;
  }

  /**
   * Shows another registry (null: the shipped one) at the same date, view and selection: figures,
   * map, chart and tables recomputed; the panels holding the analyst's work are told, not remounted.
   */
  private useRegistry(next: RegistryFile | null, origin: AppContext['origin']): void {
    void this.queue.then(() => {
      const shown = next ?? this.inputs.registry;
      const { engine, dates } = this.engineOf(shown, this.store.get().assumed);
      const legendBefore = hasRegistry(this.ctx.registry);
      Object.assign(this.ctx, { engine, dates, registry: shown, origin: next ? origin : { files: [], draft: null } });
      this.mount();
      this.snapshot = null;
      void this.schedule([...ALL, 'registry']);
      this.scheduleTimeline();
      // A registry loaded where there was none brings the legend and the timeline over the map: once
      // they are drawn, the view is fitted again so that they hide none of it (Bretagne's east was
      // under the legend).
      if (legendBefore !== hasRegistry(shown)) {
        const { selection, department } = this.store.get();
        if (!selection) void this.queue.then(() => fitToDepartment(this.ctx, department));
      }
    });
  }

  private schedule(changed: Iterable<Change>): Promise<void> {
    const set = new Set(changed);
    this.queue = this.queue
      .then(() => this.refresh(set))
      .catch((e: unknown) => {
        window.__cls.errors.push(String(e));
        mapProblem(this.inputs.map, `données de la carte non chargées (${String((e as Error)?.message ?? e)})`);
      });
    return this.queue;
  }

  /** Recomputes the snapshot when the date or the department changed, then redraws the map and the panels. */
  private async refresh(changed: Set<Change>): Promise<void> {
    const stepStart = performance.now();
    const { map } = this.inputs;
    const all = [...this.panels, ...this.keptPanels];
    if (this.snapshot && [...changed].every((c) => c === 'tab')) {
      // Another tab below the map: nothing to recompute or redraw.
      for (const [panel, id] of all) safely(id, () => panel.update?.(this.snapshot!, changed));
      return;
    }
    const state = this.store.get();
    const engine = this.ctx.engine;
    let snapshot = this.snapshot;
    if (!snapshot || changed.has('date') || changed.has('department')) {
      // The coverage depends on the date only; the department filter drives every figure.
      const c = snapshot && !changed.has('date') ? snapshot.coverage : engine.coverageAt(state.date);
      const g = await this.geometry.ensure(c.cog);
      const figures = coverageFigures(c, engine, { department: state.department });
      let points = snapshot?.points ?? null;
      // Another department: the chart's points are computed again, in slices, after this step is drawn.
      if (points && changed.has('department')) {
        points = null;
        this.scheduleTimeline();
      }
      snapshot = {
        coverage: c,
        figures,
        geometry: g,
        points,
        change: snapshot?.change ?? null,
        pair: snapshot?.pair ?? null,
      };
      changed.add('snapshot');
    }
    if (changed.has('snapshot') || changed.has('since') || changed.has('sideBySide')) {
      snapshot = { ...snapshot, ...this.compare(state, snapshot.coverage) };
      changed.add('snapshot');
    }
    await this.compared.update(snapshot, changed);
    this.snapshot = snapshot;
    this.layers.update(snapshot, changed);
    if (changed.has('selection') || changed.has('snapshot')) this.layers.select(state.selection, snapshot);
    for (const [panel, id] of all) safely(id, () => panel.update?.(snapshot, changed));
    if (changed.has('date')) {
      // A slider step: the engine, the panels and the repaint of the changed feature-states.
      map.once('render', () => {
        window.__cls.steps.push(performance.now() - stepStart);
      });
      map.triggerRepaint();
    }
  }

  /**
   * The comparison date: both dates read in the geography of the date shown (the later one is
   * compared with the earlier whichever the user picked first), with the other date's figures when
   * the two are drawn side by side; null without a comparison date.
   */
  private compare(state: AppState, shown: Coverage): Pick<Snapshot, 'change' | 'pair'> {
    const { since, department, sideBySide } = state;
    if (!since) return { change: null, pair: null };
    const { engine } = this.ctx;
    const other = engine.coverageAt(since, { cog: shown.cog });
    const [before, after] = since <= shown.asOf ? [other, shown] : [shown, other];
    const change = coverageChange(before, after, { department });
    if (!sideBySide) return { change, pair: null };
    return { change: null, pair: { coverage: other, figures: coverageFigures(other, engine, { department }), change } };
  }

  /** The chart needs the figures at every date: computed once the map is drawn, after the answer. */
  private scheduleTimeline(): void {
    const shownEngine = this.ctx.engine;
    const department = this.store.get().department;
    const current = () => this.ctx.engine === shownEngine && this.store.get().department === department;
    // In slices of about 12 ms, the page drawing between them: a 50,000-document registry takes
    // seconds to sweep, and the map must not freeze meanwhile. A newer request makes this one stop.
    const run = async () => {
      const points: TimelinePoint[] = [];
      let start = performance.now();
      for (const p of timelinePoints(shownEngine, { to: this.inputs.now, department })) {
        points.push(p);
        if (performance.now() - start > 12) {
          await new Promise((r) => setTimeout(r, 0));
          if (!current()) return;
          start = performance.now();
        }
      }
      void this.queue.then(() => {
        if (!this.snapshot || !current()) return;
        this.snapshot = { ...this.snapshot, points };
        void this.schedule(['points']);
      });
    };
    setTimeout(() => void run(), 0);
  }

  /** A click on the map selects a commune or an EPCI, or gives it to the panel picking codes. */
  private onMapClick(e: maplibregl.MapMouseEvent): void {
    const view = this.store.get().view;
    const layer = view === 'epci' ? 'epci-fond' : 'communes-fond';
    const f = this.inputs.map.queryRenderedFeatures(e.point, { layers: [layer] })[0];
    const g = this.geometry.geometry;
    if (!f || !g) return;
    const code = view === 'epci' ? String(f.properties.key) : communeOfFeature(g, f.id)!;
    if (this.events.listens('pick')) this.events.fire('pick', code);
    else this.select(code, false);
  }

  private select(code: string | null, zoom: boolean): void {
    this.store.set({ selection: code });
    if (!code) return;
    // Once the detail card is drawn: the zoom leaves room for it; without a zoom (a click on the map),
    // the map moves aside when the card would cover the territory it describes (it opened over Calais).
    void this.queue.then(() => {
      if (!this.snapshot) return;
      const ref = this.snapshot.coverage.reference;
      const members = new Set(code.length === 9 ? ref.epcis.find((e) => e.siren === code)?.members : [code]);
      if (zoom) this.fitTo((c) => members.has(c));
      else this.keepClearOfCard((c) => members.has(c));
    });
  }

  /** Pans the map right when the detail card, open beside it, covers the communes whose code passes `keep`. */
  private keepClearOfCard(keep: (code: string) => boolean): void {
    const { map } = this.inputs;
    const card = document.getElementById('fiche-detail')?.getBoundingClientRect();
    const b = this.boundsOf(keep);
    const box = map.getContainer().getBoundingClientRect();
    // A phone's card is a bottom sheet: the map is not moved under it.
    if (!card || !b || card.width === 0 || card.width > box.width / 2.5) return;
    const [x0, y0] = [box.left, box.top];
    const nw = map.project([b[0], b[3]]);
    const se = map.project([b[2], b[1]]);
    const covered = nw.x + x0 < card.right && se.x + x0 > card.left && nw.y + y0 < card.bottom && se.y + y0 > card.top;
    const shift = card.right - (nw.x + x0) + 20;
    // Moved only when the territory then fits right of the card (a territory wider than that is fitted instead).
    if (covered && se.x + shift < box.width) map.panBy([-shift, 0], { duration: 0 });
    else if (covered) this.fitTo(keep);
  }

  /** The bounds [west, south, east, north] of the communes drawn whose COG-year code passes `keep`, or null. */
  private boundsOf(keep: (code: string) => boolean): [number, number, number, number] | null {
    const g = this.geometry.geometry;
    if (!g) return null;
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity;
    g.cogCodes.forEach((code, i) => {
      if (!keep(code)) return;
      const b = g.index.bboxes[i]!;
      w = Math.min(w, b[0]);
      s = Math.min(s, b[1]);
      e = Math.max(e, b[2]);
      n = Math.max(n, b[3]);
    });
    return w <= e ? [w, s, e, n] : null;
  }

  /**
   * Room left around what is fitted for the legend (top right), the timeline bar (bottom) and the
   * detail card (left), so that no coloured commune hides behind them; ignored where they would take
   * most of the map (a phone).
   */
  private overlayPadding(): { top: number; left: number; right: number; bottom: number } {
    const box = this.inputs.map.getContainer().getBoundingClientRect();
    const legend = byId('legende').getBoundingClientRect();
    const bar = byId('bloc-date').getBoundingClientRect();
    // No card without a registry (the detail panel is not mounted): nothing to leave room for.
    const card = document.getElementById('fiche-detail')?.getBoundingClientRect() ?? new DOMRect();
    const right = legend.width > 0 && legend.width < box.width / 3 ? box.right - legend.left + 10 : 20;
    const bottom = bar.height > 0 && bar.height < box.height / 4 ? box.bottom - bar.top + 10 : 20;
    // The detail card, when open beside the map (not as a phone's bottom sheet).
    const left =
      card.width > 0 && card.width < box.width / 2.5 && card.bottom <= box.bottom ? card.right - box.left + 10 : 20;
    return { top: 20, left, right, bottom };
  }

  /** Zooms on the communes drawn whose COG-year code passes `keep` (bboxes from the tile index), or the region. */
  private fitTo(keep?: (code: string) => boolean): void {
    const { map, manifest } = this.inputs;
    const g = this.geometry.geometry;
    const padding = this.overlayPadding();
    if (!keep || !g) {
      const b = manifest.tiles.bounds;
      map.fitBounds(
        [
          [b[0], b[1]],
          [b[2], b[3]],
        ],
        { padding, duration: 0 },
      );
      return;
    }
    const b = this.boundsOf(keep);
    if (b)
      map.fitBounds(
        [
          [b[0], b[1]],
          [b[2], b[3]],
        ],
        { padding: { ...padding, top: padding.top + 20, left: padding.left + 20 }, duration: 0, maxZoom: 11 },
      );
  }
}
