import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import {
  CHANGE_COLORS,
  CLASS_COLORS,
  STATUS_COLORS,
  type ChangeColorClass,
  type EpciClass,
  type MapStatus,
} from './palette.ts';

maplibregl.setWorkerUrl(workerUrl);
// Start the tile worker now, while the page fetches its data: the first tiles are requested from it.
maplibregl.prewarm();

const statusColor = (fallback: string) =>
  [
    'match',
    ['feature-state', 'status'],
    'cls',
    STATUS_COLORS.cls,
    'charte',
    STATUS_COLORS.charte,
    'expired',
    STATUS_COLORS.expired,
    // The change view between two dates (CHANGE_COLORS; `never` is drawn as `none`).
    'gained',
    CHANGE_COLORS.gained,
    'lost',
    CHANGE_COLORS.lost,
    'kept',
    CHANGE_COLORS.kept,
    fallback,
  ] as unknown as maplibregl.ExpressionSpecification;

const classColor = [
  'match',
  ['feature-state', 'status'],
  'full',
  CLASS_COLORS.full,
  'partial',
  CLASS_COLORS.partial,
  CLASS_COLORS.none,
] as unknown as maplibregl.ExpressionSpecification;

/** MapLibre's own texts in French (controls, cooperative gestures, attribution). */
export const FRENCH_UI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
  'AttributionControl.MapFeedback': 'Signaler un problème sur la carte',
  'NavigationControl.ResetBearing': 'Remettre le nord en haut',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'ScaleControl.Kilometers': 'km',
  'ScaleControl.Meters': 'm',
  'CooperativeGesturesHandler.WindowsHelpText': 'Ctrl + molette pour zoomer sur la carte',
  'CooperativeGesturesHandler.MacHelpText': '⌘ + molette pour zoomer sur la carte',
  'CooperativeGesturesHandler.MobileHelpText': 'Deux doigts pour déplacer la carte',
};

/** Pre-cut vector tiles (made by `pnpm build:data`): the zooms cut, where they are, and the tile sets shown first. */
export interface TileSpec {
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  /** Tile set folder of the commune polygons (`tiles/communes-<year>`). */
  communes: string;
  /** Tile set folder of the EPCI, department, PRAPS and QPV outlines and place names (`tiles/contours-<cog>`). */
  contours: string;
  /** Glyph folder (`glyphs`: `<font stack>/<start>-<end>.pbf`), relative to the page. */
  glyphs: string;
  /** The region's name, in the canvas's label. */
  regionName: string;
  /** The attribution of the commune polygons drawn (their source and licence). */
  attribution: string;
}

/** Absolute tile URL template of a tile set folder (MapLibre's worker fetches it, not the page). */
export const tileUrl = (path: string): string => `${new URL(`${path}/`, location.href).href}{z}/{x}/{y}.pbf`;

/** Shows another tile set in a vector source (nothing is reloaded when it is already shown). */
export function showTiles(map: maplibregl.Map, source: 'communes' | 'contours', path: string): void {
  const s = map.getSource(source) as maplibregl.VectorTileSource;
  const url = tileUrl(path);
  if (s.tiles?.[0] !== url) s.setTiles([url]);
}

const NOTHING: maplibregl.ExpressionSpecification = ['literal', []];

/** Place names: dark text on a white halo, readable over every fill and outline. */
const NAME_PAINT = { 'text-color': '#161616', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 };
const NAME_FONT = ['Noto Sans Regular'];
/** The larger population is written first when names collide. */
const BY_POPULATION: maplibregl.ExpressionSpecification = ['-', ['get', 'population']];

/**
 * Symbol layers of the place names cut into the outline tiles (see placeNames in @cls/geo). The last
 * is placed first where names collide: department names (all five at region zoom: NORD was dropped at
 * 1280×720), then towns, EPCI and communes.
 */
const NAME_LAYERS: maplibregl.LayerSpecification[] = [
  {
    id: 'noms-epci',
    type: 'symbol',
    source: 'contours',
    'source-layer': 'places',
    minzoom: 8,
    maxzoom: 10,
    filter: ['==', ['get', 'kind'], 'epci'],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': NAME_FONT,
      'text-size': 12,
      'text-max-width': 9,
      'symbol-sort-key': BY_POPULATION,
    },
    paint: { ...NAME_PAINT, 'text-color': '#3a3a3a' },
  },
  {
    id: 'noms-communes',
    type: 'symbol',
    source: 'contours',
    'source-layer': 'names',
    minzoom: 9,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': NAME_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 9, 11, 12, 13],
      'text-max-width': 7,
      'symbol-sort-key': BY_POPULATION,
    },
    paint: NAME_PAINT,
  },
  {
    id: 'noms-villes',
    type: 'symbol',
    source: 'contours',
    'source-layer': 'places',
    maxzoom: 9,
    filter: ['==', ['get', 'kind'], 'commune'],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': NAME_FONT,
      'text-size': ['interpolate', ['linear'], ['get', 'population'], 10000, 11, 200000, 14],
      'symbol-sort-key': BY_POPULATION,
      'text-padding': 4,
      // Beside its point when a department name holds the centre (Amiens, Beauvais sit near theirs).
      'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
      'text-radial-offset': 0.6,
    },
    paint: NAME_PAINT,
  },
  {
    id: 'noms-departements',
    type: 'symbol',
    source: 'contours',
    'source-layer': 'places',
    maxzoom: 8,
    filter: ['==', ['get', 'kind'], 'department'],
    layout: {
      'text-field': ['upcase', ['get', 'name']],
      'text-font': NAME_FONT,
      'text-size': 13,
      'text-letter-spacing': 0.12,
      'text-max-width': 8,
      // Moves off a town it would hide rather than vanish.
      'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
      'text-radial-offset': 1,
    },
    paint: { ...NAME_PAINT, 'text-color': '#000091' },
  },
];

/**
 * The MapLibre map: no external tiles, fonts or glyphs (all from data/build); colours through
 * feature-state only. `onError` hears every error once the style is read (a tile that failed).
 */
export function createMap(
  container: HTMLElement,
  tiles: TileSpec,
  onError: (map: maplibregl.Map, e: maplibregl.ErrorEvent) => void,
): Promise<maplibregl.Map> {
  const source = (path: string): maplibregl.VectorSourceSpecification => ({
    type: 'vector',
    tiles: [tileUrl(path)],
    minzoom: tiles.minZoom,
    maxzoom: tiles.maxZoom,
    bounds: tiles.bounds,
  });
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      glyphs: `${new URL(`${tiles.glyphs}/`, location.href).href}{fontstack}/{range}.pbf`,
      sources: { communes: source(tiles.communes), contours: source(tiles.contours) },
      layers: [
        { id: 'fond', type: 'background', paint: { 'background-color': '#f6f6f6' } },
        {
          id: 'communes-fond',
          type: 'fill',
          source: 'communes',
          'source-layer': 'communes',
          paint: {
            'fill-color': statusColor(STATUS_COLORS.none),
            'fill-opacity': ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, 1],
          },
        },
        {
          id: 'epci-fond',
          type: 'fill',
          source: 'contours',
          'source-layer': 'epci',
          layout: { visibility: 'none' },
          paint: {
            'fill-color': classColor,
            'fill-opacity': ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, 1],
          },
        },
        {
          id: 'communes-trait',
          type: 'line',
          source: 'communes',
          'source-layer': 'communes',
          minzoom: 7.5,
          paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.2, 11, 1] },
        },
        {
          // A white casing under the QPV marks and the PRAPS outline: readable over any fill colour.
          id: 'qpv-halo',
          type: 'line',
          source: 'contours',
          'source-layer': 'qpv',
          filter: ['in', ['get', 'code'], NOTHING],
          paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 3.5, 10, 3] },
        },
        {
          id: 'qpv',
          type: 'line',
          source: 'contours',
          'source-layer': 'qpv',
          filter: ['in', ['get', 'code'], NOTHING],
          paint: {
            'line-color': '#1a1a1a',
            'line-width': ['interpolate', ['linear'], ['zoom'], 6, 2, 10, 1.6],
            'line-dasharray': [1, 1],
          },
        },
        {
          id: 'epci-trait',
          type: 'line',
          source: 'contours',
          'source-layer': 'epci',
          paint: { 'line-color': '#555555', 'line-width': 0.8 },
        },
        {
          id: 'prioritaires-halo',
          type: 'line',
          source: 'contours',
          'source-layer': 'priority',
          filter: ['in', ['get', 'key'], NOTHING],
          paint: { 'line-color': '#ffffff', 'line-width': 5.5, 'line-opacity': 0.9 },
        },
        {
          id: 'prioritaires-trait',
          type: 'line',
          source: 'contours',
          'source-layer': 'priority',
          filter: ['in', ['get', 'key'], NOTHING],
          paint: { 'line-color': '#000091', 'line-width': 2.5, 'line-dasharray': [3, 2] },
        },
        {
          id: 'departements-trait',
          type: 'line',
          source: 'contours',
          'source-layer': 'departments',
          paint: { 'line-color': '#161616', 'line-width': 1.8 },
        },
        {
          // The perimeter of the document being edited, as it grows.
          id: 'perimetre',
          type: 'fill',
          source: 'communes',
          'source-layer': 'communes',
          filter: ['in', ['get', 'code'], NOTHING],
          paint: { 'fill-color': '#e1000f', 'fill-opacity': 0.35, 'fill-outline-color': '#e1000f' },
        },
        {
          id: 'selection',
          type: 'line',
          source: 'communes',
          'source-layer': 'communes',
          filter: ['in', ['get', 'code'], NOTHING],
          paint: { 'line-color': '#e1000f', 'line-width': 3 },
        },
        {
          id: 'selection-epci',
          type: 'line',
          source: 'contours',
          'source-layer': 'epci',
          filter: ['==', ['get', 'key'], ''],
          paint: { 'line-color': '#e1000f', 'line-width': 3 },
        },
      ],
    },
    bounds: [
      [tiles.bounds[0], tiles.bounds[1]],
      [tiles.bounds[2], tiles.bounds[3]],
    ],
    fitBoundsOptions: { padding: 20 },
    // The polygons' own attribution (CARTElette's ODbL asks for it where they are shown), and the code tables'.
    attributionControl: { compact: false, customAttribution: tiles.attribution },
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    maxZoom: 13,
    minZoom: 6,
    // Place names appear at once: MapLibre fades them in over 300 ms, and each frame of the fade is a whole
    // redraw (about 150 ms each in software WebGL: the names came 2.3–2.8 s after the colours).
    fadeDuration: 0,
    // The canvas's label (MapLibre gives it role="region"): the table below is its accessible equivalent.
    locale: {
      ...FRENCH_UI,
      'Map.Title': `Carte des communes de la région ${tiles.regionName} colorées selon leur couverture par un CLS`,
    },
    // On a phone, one finger scrolls the page, two move the map: the map never traps the scroll.
    cooperativeGestures: matchMedia('(max-width: 900px)').matches,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  return new Promise((resolve, reject) => {
    // Style parsed: feature-states and filters can be set before the first tiles arrive, so that the
    // first frame drawn is already coloured ('load' would wait for a first grey frame).
    let loaded = false;
    map.once('style.load', () => {
      loaded = true;
      resolve(map);
    });
    // Before the style: the page cannot start. After: a tile or a glyph that failed, said by the page.
    map.on('error', (e) => (loaded ? onError(map, e) : reject(e.error)));
  });
}

/** Adds the place names over everything (see NAME_LAYERS); the page does it once the colours are drawn. */
export function addPlaceNames(map: maplibregl.Map): void {
  for (const layer of NAME_LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

/** Shows only the features whose property is one of `values` (PRAPS in force, communes with a QPV in force, selection). */
export function showOnly(map: maplibregl.Map, layer: string, property: string, values: readonly string[]): void {
  map.setFilter(layer, ['in', ['get', property], ['literal', [...values]]]);
}

/**
 * Where the features keyed by feature-state live: communes (id = the geometry year's first id + position in its tile
 * index), EPCI (id = index in the COG reference).
 */
export const COMMUNE_FEATURES = { source: 'communes', sourceLayer: 'communes' } as const;
export const EPCI_FEATURES = { source: 'contours', sourceLayer: 'epci' } as const;

/** What a feature's `status` state holds: a commune's status or change, an EPCI's class. */
export type FeatureStatus = MapStatus | EpciClass | ChangeColorClass;

/** Sets the status of features by id (firstId + position) through feature-state, only where it changed. */
export function applyStatuses(
  map: maplibregl.Map,
  features: typeof COMMUNE_FEATURES | typeof EPCI_FEATURES,
  statuses: readonly FeatureStatus[],
  previous: FeatureStatus[] | null,
  firstId = 0,
): FeatureStatus[] {
  for (let i = 0; i < statuses.length; i++) {
    if (previous && previous[i] === statuses[i]) continue;
    map.setFeatureState({ ...features, id: firstId + i }, { status: statuses[i] });
  }
  return [...statuses];
}

export type { maplibregl };
