import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * The reference of the map's budgets: a bare MapLibre map (the app's own copy of maplibre-gl), served by
 * the page's server in the same browser run, on a canvas of the page's map size. Background only, or
 * with the commune tiles the page draws as one constant fill.
 */
export interface BareMapOptions {
  /** Canvas size in CSS pixels (the page's `#carte`). */
  size: readonly [number, number];
  /** The view [west, south, east, north]; default: centred on Hauts-de-France at zoom 7. */
  view?: readonly [number, number, number, number];
  /** A commune tile set folder of the build (`tiles/32/communes-2024`): drawn as one constant fill. */
  communes?: string;
}

/** What the bare page exposes: its map, when it was first still, its repaints and what it draws. */
export interface BareWindow {
  __bare: {
    map: { triggerRepaint(): void; once(e: string, f: () => void): void; loaded(): boolean; isMoving(): boolean };
    idleMs: number | null;
    repaints: number[];
    /** Sets the fill's colour and resolves at the second animation frame after the frame that drew it. */
    repaint(color: string): Promise<void>;
    /** Communes drawn in the view (a bare map that draws none measures nothing: see below). */
    rendered(): number;
  };
}

const dist = join(import.meta.dirname, '../../apps/map/node_modules/maplibre-gl/dist');

/** The page's HTML. The tile template is appended to a resolved URL: `new URL('…/{z}/…')` escapes the braces. */
function html({ size, view, communes }: BareMapOptions): string {
  const sources = communes
    ? `{ communes: { type: 'vector', tiles: [new URL('./${communes}/', location.href).href + '{z}/{x}/{y}.pbf'], minzoom: 6, maxzoom: 11 } }`
    : '{}';
  const fill = communes
    ? `, { id: 'communes', type: 'fill', source: 'communes', 'source-layer': 'communes', paint: { 'fill-color': '#ececec' } }`
    : '';
  const camera = view ? `bounds: ${JSON.stringify(view)}` : 'center: [2.8, 49.9], zoom: 7';
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="__maplibre/maplibre-gl.css"></head>
<body style="margin:0"><div id="carte" style="width:${size[0]}px;height:${size[1]}px"></div><script type="module">
import * as maplibregl from './__maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl(new URL('./__maplibre/maplibre-gl-worker.mjs', location.href).href);
const map = new maplibregl.Map({ container: 'carte', ${camera}, style: { version: 8,
  transition: { duration: 0, delay: 0 }, sources: ${sources},
  layers: [{ id: 'fond', type: 'background', paint: { 'background-color': '#f6f6f6' } }${fill}] } });
window.__bare = { map, idleMs: null, repaints: [],
  repaint: (color) => new Promise((done) => {
    const t0 = performance.now();
    map.once('render', () => requestAnimationFrame(() => requestAnimationFrame(() => { window.__bare.repaints.push(performance.now() - t0); done(); })));
    map.setPaintProperty('communes', 'fill-color', color);
  }),
  rendered: () => ${communes ? "new Set(map.queryRenderedFeatures({ layers: ['communes'] }).map((f) => f.properties.code)).size" : '0'} };
map.once('idle', () => { window.__bare.idleMs = performance.now(); });
</script></body></html>`;
}

/**
 * Opens the bare map in a new page of `browser`, served under `base`, and waits until it is first still.
 * Throws when a commune tile set is asked for and no commune is drawn (a wrong tile URL once gave a
 * background-only "bare repaint", a reference three times too cheap).
 * @example const bare = await openBareMap(browser, base, { size: [920, 830], communes: 'tiles/32/communes-2024' });
 */
export async function openBareMap(browser: Browser, base: string, options: BareMapOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/__bare.html', (r) => r.fulfill({ body: html(options), contentType: 'text/html' }));
  await page.route('**/__maplibre/*', (r) =>
    r.fulfill({ path: join(dist, new URL(r.request().url()).pathname.split('/').pop()!) }),
  );
  await page.goto(`${base}__bare.html`);
  await page.waitForFunction(() => (window as unknown as BareWindow).__bare?.idleMs != null, null, {
    timeout: 60_000,
  });
  if (options.communes) {
    const drawn = await page.evaluate(() => (window as unknown as BareWindow).__bare.rendered());
    if (drawn < 100) throw new Error(`carte nue : ${drawn} commune(s) dessinée(s) depuis ${options.communes}`);
  }
  return page;
}
