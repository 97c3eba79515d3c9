import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { STATUS_COLORS, type MapStatus } from './palette.ts';

maplibregl.setWorkerUrl(workerUrl);

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const statusColor = (fallback: string) => ['match', ['feature-state', 'status'], 'cls', STATUS_COLORS.cls, 'charte', STATUS_COLORS.charte, 'expired', STATUS_COLORS.expired, fallback] as unknown as maplibregl.ExpressionSpecification;

/** Polygons of a region at zoom 6-13: a coarser tiling tolerance and buffer than the defaults. */
const SOURCE_OPTIONS = { tolerance: 0.5, buffer: 32, maxzoom: 12 } as const;

/** The MapLibre map: no external tiles, fonts or glyphs; colours through feature-state only. */
export function createMap(container: HTMLElement): Promise<maplibregl.Map> {
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        communes: { type: 'geojson', data: EMPTY, ...SOURCE_OPTIONS },
        epci: { type: 'geojson', data: EMPTY, ...SOURCE_OPTIONS },
        departements: { type: 'geojson', data: EMPTY, ...SOURCE_OPTIONS },
        prioritaires: { type: 'geojson', data: EMPTY, ...SOURCE_OPTIONS },
        qpv: { type: 'geojson', data: EMPTY, ...SOURCE_OPTIONS },
      },
      layers: [
        { id: 'fond', type: 'background', paint: { 'background-color': '#f6f6f6' } },
        { id: 'communes-fond', type: 'fill', source: 'communes', paint: { 'fill-color': statusColor(STATUS_COLORS.none), 'fill-opacity': ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, 1] } },
        { id: 'epci-fond', type: 'fill', source: 'epci', layout: { visibility: 'none' }, paint: { 'fill-color': statusColor(STATUS_COLORS.none), 'fill-opacity': ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, 1] } },
        { id: 'communes-trait', type: 'line', source: 'communes', minzoom: 7.5, paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.2, 11, 1] } },
        { id: 'qpv', type: 'line', source: 'qpv', paint: { 'line-color': '#1a1a1a', 'line-width': 1.6, 'line-dasharray': [1, 1] } },
        { id: 'epci-trait', type: 'line', source: 'epci', paint: { 'line-color': '#555555', 'line-width': 0.8 } },
        { id: 'prioritaires-trait', type: 'line', source: 'prioritaires', paint: { 'line-color': '#000091', 'line-width': 2.5, 'line-dasharray': [3, 2] } },
        { id: 'departements-trait', type: 'line', source: 'departements', paint: { 'line-color': '#161616', 'line-width': 1.8 } },
        { id: 'selection', type: 'line', source: 'communes', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#e1000f', 'line-width': 3 } },
        { id: 'selection-epci', type: 'line', source: 'epci', filter: ['==', ['get', 'key'], ''], paint: { 'line-color': '#e1000f', 'line-width': 3 } },
      ],
    },
    bounds: [[1.38, 48.83], [4.26, 51.09]],
    fitBoundsOptions: { padding: 20 },
    attributionControl: { compact: false, customAttribution: 'IGN ADMIN EXPRESS, INSEE/DGCL — Licence Ouverte 2.0' },
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    maxZoom: 13,
    minZoom: 6,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  return new Promise((resolve, reject) => {
    map.once('load', () => resolve(map));
    map.once('error', (e) => reject(e.error));
  });
}

/** Sets the status of features by id through feature-state, only where it changed. */
export function applyStatuses(map: maplibregl.Map, source: string, statuses: readonly MapStatus[], previous: MapStatus[] | null): MapStatus[] {
  for (let i = 0; i < statuses.length; i++) {
    if (previous && previous[i] === statuses[i]) continue;
    map.setFeatureState({ source, id: i }, { status: statuses[i] });
  }
  return [...statuses];
}

export type { maplibregl };
