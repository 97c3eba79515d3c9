import type { CoverageFigures } from '@cls/core';

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
      dates: readonly string[];
      figures: () => CoverageFigures | null;
      /** Keys (code, SIREN or territory id) of the features a layer draws in the current view. */
      rendered: (layer: string) => string[];
      /** The map's view [west, south, east, north]. */
      view: () => [number, number, number, number];
      /** Where a longitude/latitude is drawn, in CSS pixels from the map's top left corner. */
      project: (lon: number, lat: number) => [number, number];
      /** The status a commune (INSEE code) or an EPCI (SIREN) is drawn with. */
      featureStatus: (kind: 'communes' | 'epci', key: string) => string | null;
      /** The same, on the comparison date's map while two dates are side by side (null: none). */
      comparedStatus: (kind: 'communes' | 'epci', key: string) => string | null;
      /** The comparison date's map's view [west, south, east, north], or null: no such map. */
      comparedView: () => [number, number, number, number] | null;
      /** The MapLibre map itself: for the frame benchmark (bench:frame) and to give a bare map the tile set drawn. */
      map: import('maplibre-gl').Map | null;
    };
  }
}

/** Sets the hooks' empty values, before anything loads (an early error is recorded too). */
export function initTestHooks(): void {
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
    comparedStatus: () => null,
    comparedView: () => null,
    map: null,
  };
  window.addEventListener('error', (e) => window.__cls.errors.push(String(e.message)));
}
