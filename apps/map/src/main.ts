import './style.css';
import {
  codeMapping,
  cogYearAt,
  coverageChange,
  coverageFigures,
  createCoverageEngine,
  timelineDates,
  timelinePoints,
  today,
  withAssumedDuration,
  type CogYear,
  type Coverage,
  type CoverageChange,
  type CoverageEngine,
  type CoverageFigures,
  type Reference,
  type TimelinePoint,
} from '@cls/core';
import {
  type AppContext,
  type AppState,
  type Change,
  communeOfFeature,
  type Geometry,
  type Panel,
  type Snapshot,
} from './context.ts';
import { CoverageLayers } from './coverage-layers.ts';
import {
  loadBaseData,
  loadCommuneIndex,
  loadDeployment,
  loadManifest,
  loadValidationReferences,
  tileSetsOf,
  type RegistryFile,
} from './data.ts';
import { byId } from './dom.ts';
import { regionToShow, showIdentity } from './identity.ts';
import { NoRegistryPanel } from './panels/no-registry-panel.ts';
import { hasRegistry } from './report-context.ts';
import { COMMUNE_FEATURES, EPCI_FEATURES, addPlaceNames, createMap, type maplibregl, showTiles } from './map-view.ts';
import { ChartPanel } from './panels/chart-panel.ts';
import { ComparePanel } from './panels/compare-panel.ts';
import { DatePanel } from './panels/date-panel.ts';
import { DetailPanel } from './panels/detail-panel.ts';
import { DocumentsPanel } from './panels/documents-panel.ts';
import { ExportsPanel } from './panels/exports-panel.ts';
import { FiguresPanel } from './panels/figures-panel.ts';
import { FiltersPanel, fitToDepartment } from './panels/filters-panel.ts';
import { LegendPanel } from './panels/legend-panel.ts';
import { EditorPanel } from './panels/editor-panel.ts';
import { PriorityPanel } from './panels/priority-panel.ts';
import { RegistryPanel } from './panels/registry-panel.ts';
import { SearchPanel } from './panels/search-panel.ts';
import { SourcesPanel } from './panels/sources-panel.ts';
import { TabsPanel } from './panels/tabs-panel.ts';
import { TablePanel } from './panels/table-panel.ts';
import { TooltipPanel } from './panels/tooltip.ts';
import { createStore } from './store.ts';
import { ignoredUrlParams, readUrlState, writeUrlState } from './url-state.ts';

declare global {
  /** What the browser tests read: readiness, timings, errors, figures and what the map shows. */
  interface Window {
    __cls: {
      ready: boolean;
      firstDrawMs: number | null;
      /** When the place names, added after the first draw, are drawn. */
      namesMs: number | null;
      steps: number[];
      errors: string[];
      dates: string[];
      figures: () => CoverageFigures | null;
      /** Keys (code, SIREN or territory id) of the features a layer draws in the current view. */
      rendered: (layer: string) => string[];
      /** The map's view [west, south, east, north]. */
      view: () => [number, number, number, number];
      /** Where a longitude/latitude is drawn, in CSS pixels from the map's top left corner. */
      project: (lon: number, lat: number) => [number, number];
      /** The status a commune (INSEE code) or an EPCI (SIREN) is drawn with. */
      featureStatus: (kind: 'communes' | 'epci', key: string) => string | null;
    };
  }
}
window.__cls = {
  ready: false,
  firstDrawMs: null,
  namesMs: null,
  steps: [],
  errors: [],
  dates: [],
  figures: () => null,
  rendered: () => [],
  view: () => [0, 0, 0, 0],
  project: () => [0, 0],
  featureStatus: () => null,
};

/** Every key of the state: the first refresh draws them all. */
const ALL: Change[] = ['date', 'since', 'selection', 'department', 'view', 'highlight', 'tab', 'snapshot'];

async function start(): Promise<void> {
  performance.mark('cls:start');
  // Everything the first draw needs is requested at once: map, registry, references, geometry.
  const url = readUrlState(location.search);
  // The region: the link's when this deployment holds it, else its default; the header names its agency.
  const deployment = await loadDeployment();
  const region = regionToShow(url.region, deployment);
  showIdentity(region, deployment);
  url.region = region.code === deployment.defaultRegion ? null : region.code;
  const manifest = await loadManifest(region.code);
  const firstSets = tileSetsOf(
    manifest,
    cogYearAt(
      url.date ?? today(),
      manifest.years.map((y) => y.cog),
    ).cog,
  );
  void loadCommuneIndex(firstSets.index);
  const baseData = loadBaseData(manifest);
  // Creating the WebGL context blocks the main thread: the requests above are already in flight, and
  // the map fetches its first tiles (pre-cut by build:data) as soon as its style is set.
  const mapReady = createMap(
    byId('carte'),
    {
      ...manifest.tiles,
      communes: firstSets.communes,
      contours: firstSets.contours,
      regionName: region.name,
      attribution: [...new Set(manifest.geometry.map((g) => g.source.replace(/ \(.*\)$/, '')))].join(' ; '),
    },
    (m, e) => {
      const source = (e as { sourceId?: string }).sourceId;
      window.__cls.errors.push(`carte : ${source ?? ''} ${e.error?.message ?? 'erreur inconnue'}`);
      const what =
        source === 'communes' ? 'des communes' : source === 'contours' ? 'des EPCI, départements et noms' : null;
      mapProblem(
        m,
        what
          ? `une partie des contours ${what} n’a pas pu être chargée`
          : 'une partie de la carte n’a pas pu être dessinée',
      );
    },
  );
  const { registry, references } = await baseData;
  performance.mark('cls:data');
  const cogYears = [...references.keys()].sort((a, b) => a - b);
  const referenceFor = (cog: CogYear): Reference => {
    const r = references.get(cog);
    if (!r) throw new Error(`COG ${cog} non chargé`);
    return r;
  };
  const now = today();
  /** The engine of a registry, and its dates: every signing date and month end, first document to today. */
  function engineOf(r: RegistryFile, assumed: number | null): { engine: CoverageEngine; dates: string[] } {
    const base = { documents: r.documents, priority: r.priority, referenceFor, cogYears };
    // An assumed duration for documents with no known end: the user's setting, off by default, said when on.
    const e = createCoverageEngine(assumed ? withAssumedDuration(base, assumed) : base);
    const ds = timelineDates(e, { to: now }).map((d) => d.date);
    if (ds[ds.length - 1] !== now) ds.push(now);
    return { engine: e, dates: ds };
  }
  let { engine, dates } = engineOf(registry, url.assumed);
  // A wrong link is said, never silently shown as something else.
  const notices = ignoredUrlParams(location.search, Object.keys(region.departments), region, deployment.regions);
  if (url.department && !(url.department in region.departments)) url.department = null;
  if (url.selection) {
    // A merged commune resolves to its successor, as the CLI does; an unknown code is said and dropped.
    const ref = referenceFor(cogYearAt(url.date ?? now, cogYears).cog);
    const code = url.selection;
    const next = ref.successions[code]?.to;
    const known =
      code.length === 9 ? ref.epcis.some((e) => e.siren === code) : ref.communes.some((c) => c.code === code);
    if (!known && next && code.length === 5) {
      notices.push(`commune ${code} fusionnée : affichée sous ${next}`);
      url.selection = next;
    } else if (!known) {
      notices.push(
        `${code.length === 9 ? 'EPCI' : 'commune'} ${code} inconnu${code.length === 9 ? '' : 'e'} en ${ref.cog} : sélection ignorée`,
      );
      url.selection = null;
    }
  }
  if (notices.length) {
    const avis = byId('avis');
    avis.textContent = `Lien corrigé : ${notices.join(' ; ')}.`;
    avis.hidden = false;
  }
  const store = createStore<AppState>({ ...url, date: url.date ?? now, highlight: null });

  const map = await mapReady;
  performance.mark('cls:map-loaded');
  let geometry: Geometry | null = null;
  let snapshot: Snapshot | null = null;

  /** The commune tiles of the COG year's geometry, and each feature's code in that COG year. */
  async function ensureGeometry(cog: CogYear): Promise<Geometry> {
    const sets = tileSetsOf(manifest, cog);
    if (!geometry || geometry.baseYear !== sets.base) {
      const index = await loadCommuneIndex(sets.index);
      performance.mark('cls:geometry');
      showTiles(map, 'communes', sets.communes);
      geometry = { baseYear: sets.base, index, cog: null, target: [] };
    }
    if (geometry.cog !== cog) {
      const mapping = codeMapping(referenceFor(geometry.baseYear), referenceFor(cog));
      geometry = { ...geometry, cog, target: geometry.index.codes.map((code) => mapping.get(code)?.[0] ?? code) };
      showTiles(map, 'contours', sets.contours);
    }
    return geometry;
  }

  /**
   * Room left around what is fitted for the legend (top right), the timeline bar (bottom) and the
   * detail card (left), so that no coloured commune hides behind them; ignored where they would take
   * most of the map (a phone).
   */
  function overlayPadding(): { top: number; left: number; right: number; bottom: number } {
    const box = map.getContainer().getBoundingClientRect();
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
  function fitTo(keep?: (code: string) => boolean): void {
    const g = geometry;
    const padding = overlayPadding();
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
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity;
    g.target.forEach((code, i) => {
      if (!keep(code)) return;
      const b = g.index.bboxes[i]!;
      w = Math.min(w, b[0]);
      s = Math.min(s, b[1]);
      e = Math.max(e, b[2]);
      n = Math.max(n, b[3]);
    });
    if (w <= e)
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: { ...padding, top: padding.top + 20, left: padding.left + 20 }, duration: 0, maxZoom: 11 },
      );
  }

  function select(code: string | null, zoom: boolean): void {
    store.set({ selection: code });
    if (!zoom || !code) return;
    // Once the detail card is drawn: the zoom leaves room for it.
    void queue.then(() => {
      if (!snapshot) return;
      const ref = snapshot.coverage.reference;
      const members = new Set(code.length === 9 ? ref.epcis.find((e) => e.siren === code)?.members : [code]);
      fitTo((c) => members.has(c));
    });
  }

  /**
   * The page's panels, each mounted into its element (MapLibre's controls are the model). Without a
   * registry (a region deployed without one), the blocks of figures say so instead of showing zeros.
   */
  const createPanels = (): Array<[Panel, string]> =>
    hasRegistry(ctx.registry)
      ? [
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
        ]
      : [
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
  let panels: Array<[Panel, string]> = [];
  /** One context for the page: a registry change updates it in place. */
  const ctx: AppContext = {
    store,
    engine,
    registry,
    origin: { files: [], draft: null },
    manifest,
    shippedRegistry: hasRegistry(registry),
    region,
    map,
    dates,
    now,
    referenceFor,
    validationReferences: () => loadValidationReferences(manifest),
    snapshot: () => snapshot,
    select,
    fitTo,
    useRegistry,
    pickOnMap: null,
  };
  let layers: CoverageLayers;
  /** The panels that hold the analyst's work (the file read, the form): kept across registry changes. */
  const keptPanels: Array<[Panel, string]> = [
    [new RegistryPanel(), 'bloc-registre'],
    [new EditorPanel(), 'bloc-edition'],
  ];

  /** Mounts the panels on the registry shown, after removing the previous ones. */
  function mount(): void {
    for (const [panel] of panels) panel.onRemove();
    layers = new CoverageLayers(ctx);
    panels = createPanels();
    for (const [panel, id] of panels) safely(id, () => byId(id).append(panel.onAdd(ctx)));
    // Without a registry there is no legend nor timeline: their boxes are not drawn empty over the map.
    byId('legende').hidden = !hasRegistry(ctx.registry);
    byId('bloc-date').hidden = !hasRegistry(ctx.registry);
    window.__cls.dates = dates;
  }

  /**
   * Shows another registry (null: the shipped one) at the same date, view and selection: figures,
   * map, chart and tables recomputed; the panels holding the analyst's work are told, not remounted.
   */
  function useRegistry(next: RegistryFile | null, origin: AppContext['origin']): void {
    void queue.then(() => {
      const shown = next ?? registry;
      ({ engine, dates } = engineOf(shown, store.get().assumed));
      Object.assign(ctx, { engine, dates, registry: shown, origin: next ? origin : { files: [], draft: null } });
      mount();
      snapshot = null;
      void schedule([...ALL, 'registry']);
      scheduleTimeline();
    });
  }
  mount();
  for (const [panel, id] of keptPanels) byId(id).append(panel.onAdd(ctx));

  /**
   * The change view: both dates read in the geography of the date shown (the later one is compared
   * with the earlier whichever the user picked first), or null without a comparison date.
   */
  function changeBetween(since: string | null, shown: Coverage, department: string | null): CoverageChange | null {
    if (!since) return null;
    const other = engine.coverageAt(since, { cog: shown.cog });
    const [before, after] = since <= shown.asOf ? [other, shown] : [shown, other];
    return coverageChange(before, after, { department });
  }

  /**
   * The link in the address bar follows the state, written once the step is drawn and at most every
   * 150 ms: `history.replaceState` costs 6-36 ms here, and Chrome refuses it when called too often
   * (a slider dragged through a hundred dates).
   */
  let urlTimer: number | null = null;
  function writeUrlSoon(): void {
    if (urlTimer !== null) return;
    urlTimer = window.setTimeout(() => {
      urlTimer = null;
      history.replaceState(null, '', writeUrlState(store.get()) || location.pathname);
    }, 150);
  }

  /** Recomputes the snapshot when the date changed, then redraws the map and the panels. */
  async function refresh(changed: Set<Change>): Promise<void> {
    const stepStart = performance.now();
    if (snapshot && [...changed].every((c) => c === 'tab')) {
      // Another tab below the map: nothing to recompute or redraw.
      for (const [panel, id] of panels) safely(id, () => panel.update?.(snapshot!, changed));
      writeUrlSoon();
      return;
    }
    const state = store.get();
    if (!snapshot || changed.has('date') || changed.has('department')) {
      // The coverage depends on the date only; the department filter drives every figure.
      const c = snapshot && !changed.has('date') ? snapshot.coverage : engine.coverageAt(state.date);
      const g = await ensureGeometry(c.cog);
      const figures = coverageFigures(c, engine, { department: state.department });
      let points = snapshot?.points ?? null;
      // Another department: the chart's points are computed again, in slices, after this step is drawn.
      if (points && changed.has('department')) {
        points = null;
        scheduleTimeline();
      }
      snapshot = { coverage: c, figures, geometry: g, points, change: snapshot?.change ?? null };
      changed.add('snapshot');
    }
    if (changed.has('snapshot') || changed.has('since')) {
      const change = changeBetween(state.since, snapshot.coverage, state.department);
      snapshot = { ...snapshot, change };
      changed.add('snapshot');
    }
    layers.update(snapshot, changed);
    if (changed.has('selection') || changed.has('snapshot')) layers.select(state.selection, snapshot);
    for (const [panel, id] of [...panels, ...keptPanels]) safely(id, () => panel.update?.(snapshot!, changed));
    writeUrlSoon();
    if (changed.has('date')) {
      // A slider step: the engine, the panels and the repaint of the changed feature-states.
      map.once('render', () => {
        window.__cls.steps.push(performance.now() - stepStart);
      });
      map.triggerRepaint();
    }
  }
  // One refresh at a time, in order: each reads the latest state when it runs.
  let queue = Promise.resolve();
  const schedule = (changed: Iterable<Change>) => {
    const set = new Set(changed);
    queue = queue
      .then(() => refresh(set))
      .catch((e: unknown) => {
        window.__cls.errors.push(String(e));
        mapProblem(map, `données de la carte non chargées (${String((e as Error)?.message ?? e)})`);
      });
    return queue;
  };
  store.subscribe((_, changed) => {
    // Another assumed duration is another model: every panel is computed again on it.
    if (changed.has('assumed'))
      useRegistry(ctx.origin.files.length || ctx.origin.draft ? ctx.registry : null, ctx.origin);
    else void schedule(changed);
  });

  /** The chart needs the figures at every date: computed once the map is drawn, after the answer. */
  function scheduleTimeline(): void {
    const shownEngine = engine;
    const department = store.get().department;
    const current = () => engine === shownEngine && store.get().department === department;
    // In slices of about 12 ms, the page drawing between them: a 50,000-document registry takes
    // seconds to sweep, and the map must not freeze meanwhile. A newer request makes this one stop.
    const run = async () => {
      const points: TimelinePoint[] = [];
      let start = performance.now();
      for (const p of timelinePoints(shownEngine, { to: now, department })) {
        points.push(p);
        if (performance.now() - start > 12) {
          await new Promise((r) => setTimeout(r, 0));
          if (!current()) return;
          start = performance.now();
        }
      }
      void queue.then(() => {
        if (!snapshot || !current()) return;
        snapshot = { ...snapshot, points };
        void schedule(['points']);
      });
    };
    setTimeout(() => void run(), 0);
  }

  // Clicks on the map select a commune or an EPCI.
  map.on('click', (e) => {
    const view = store.get().view;
    const layer = view === 'epci' ? 'epci-fond' : 'communes-fond';
    const f = map.queryRenderedFeatures(e.point, { layers: [layer] })[0];
    if (!f || !geometry) return;
    const code = view === 'epci' ? String(f.properties.key) : communeOfFeature(geometry, f.id)!;
    if (ctx.pickOnMap) ctx.pickOnMap(code);
    else select(code, false);
  });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = map.queryRenderedFeatures(e.point, { layers: ['communes-fond', 'epci-fond'] }).length
      ? 'pointer'
      : '';
  });

  await schedule(ALL);
  performance.mark('cls:first-update');
  const { selection, department } = store.get();
  if (selection) select(selection, true);
  else fitToDepartment(ctx, department);
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
      for (const c of manifest.tiles.communes) void loadCommuneIndex(c.index);
    });
    scheduleTimeline();
  });
  window.__cls.figures = () => snapshot?.figures ?? null;
  // A layer not in the style yet (the place names before the first draw) renders nothing.
  window.__cls.rendered = (layer) =>
    map.getLayer(layer)
      ? [
          ...new Set(
            map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.code ?? f.properties.key)),
          ),
        ]
      : [];
  window.__cls.view = () => map.getBounds().toArray().flat() as [number, number, number, number];
  window.__cls.project = (lon, lat) => {
    const p = map.project([lon, lat]);
    return [p.x, p.y];
  };
  window.__cls.featureStatus = (kind, key) => {
    const i =
      kind === 'epci'
        ? (snapshot?.coverage.reference.epcis.findIndex((e) => e.siren === key) ?? -1)
        : (geometry?.target.indexOf(key) ?? -1);
    if (i < 0) return null;
    const target = kind === 'epci' ? EPCI_FEATURES : COMMUNE_FEATURES;
    const id = kind === 'epci' ? i : geometry!.index.firstId + i;
    return (map.getFeatureState({ ...target, id }).status as string | undefined) ?? null;
  };
}

/**
 * Runs a panel's work: a panel that throws says so in its own place, and the others go on (no panel
 * can take the page down).
 */
function safely(id: string, work: () => void): void {
  try {
    work();
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    window.__cls.errors.push(`${id} : ${message}`);
    const box = document.getElementById(id);
    if (box && !box.querySelector(':scope > .erreur-panneau')) {
      const p = document.createElement('p');
      p.className = 'erreur-panneau erreur';
      p.setAttribute('role', 'alert');
      p.textContent = `Ce bloc n’a pas pu être affiché (${message}) ; les autres chiffres ne sont pas touchés.`;
      box.prepend(p);
    }
  }
}

/**
 * A map that could not draw everything says so over the map, with a way to try again: the figures
 * (computed apart from the tiles) stay, the map is marked incomplete, never left white as if empty.
 */
function mapProblem(map: maplibregl.Map, detail: string): void {
  let box = document.getElementById('carte-incomplete');
  if (!box) {
    box = document.createElement('div');
    box.id = 'carte-incomplete';
    box.className = 'chargement erreur';
    box.setAttribute('role', 'alert');
    byId('zone-carte').append(box);
  }
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = 'Réessayer';
  retry.addEventListener('click', () => {
    box.hidden = true;
    // MapLibre keeps a failed tile as failed (a reload waits on its finished request): the tiles
    // are dropped (its tile managers' clearTiles, not in the public types) and requested anew.
    const managers = (map.style as unknown as { tileManagers?: Record<string, { clearTiles(): void }> }).tileManagers;
    for (const id of Object.keys(map.getStyle().sources)) managers?.[id]?.clearTiles();
    // A paint property set to its own value marks the sources to update on the next frame.
    map.setPaintProperty('fond', 'background-color', map.getPaintProperty('fond', 'background-color'));
  });
  box.replaceChildren(
    `Carte incomplète : ${detail}. Les chiffres ne dépendent pas des tuiles et restent justes. `,
    retry,
  );
  box.hidden = false;
}

window.addEventListener('error', (e) => window.__cls.errors.push(String(e.message)));
start().catch((e: unknown) => {
  const el = document.getElementById('etat-chargement');
  if (el) {
    // A blank map never looks normal: the error is said, with a way to try again.
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Réessayer';
    retry.addEventListener('click', () => location.reload());
    el.replaceChildren(`Erreur de chargement : ${(e as Error).message}. `, retry);
    el.setAttribute('role', 'alert');
    el.classList.add('erreur');
    el.hidden = false;
  }
  window.__cls.errors.push(String((e as Error).message));
  console.error(e);
});
