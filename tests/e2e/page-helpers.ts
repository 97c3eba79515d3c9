import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { priorityInForce, type CoverageEngine, type CoverageModel } from '@cls/core';
import { openMap, startMap, type MapHarness } from './harness.ts';

/** The repository and the folder the browser tests write their screenshots and measures to. */
export const root = join(import.meta.dirname, '../..');
export const artifacts = join(root, 'tests/artifacts');

/** What the map should outline at a date: PRAPS ids in force, and the communes holding a QPV in force. */
export function priorityAt(
  engine: CoverageEngine,
  model: CoverageModel,
  date: string,
): { praps: string[]; qpv: string[] } {
  const cog = engine.coverageAt(date).cog;
  const ref = model.referenceFor(cog);
  const inForce = model.priority.filter((t) => priorityInForce(t, date));
  const qpv = new Set(
    inForce
      .filter((t) => t.kind === 'qpv')
      .flatMap((t) => [...engine.territoryCommunes(t, cog)].map((i) => ref.communes[i]!.code)),
  );
  return {
    praps: inForce
      .filter((t) => t.kind === 'praps')
      .map((t) => t.id)
      .sort(),
    qpv: [...qpv].sort(),
  };
}

/** A parameter of the page's link (written a moment after the state changes: see url-sync.ts). */
export const urlParam = (page: Page, name: string) =>
  page.evaluate((n) => new URL(location.href).searchParams.get(n), name);

/** The keys of the features a layer draws in the current view, sorted. */
export const rendered = (page: Page, layer: string) =>
  page.evaluate((l) => window.__cls.rendered(l), layer).then((x) => x.sort());

/**
 * Opens the page at 1280×900 and waits until it is drawn (see openMap); also counts what it downloaded
 * (gzipped) and the requests leaving its origin; console errors go to `errors`.
 */
export async function openPage(
  browser: Browser,
  base: string,
  url: string,
  errors: string[],
): Promise<{ page: Page; gzBytes: number; requests: number; foreign: string[] }> {
  let gzBytes = 0,
    requests = 0;
  /** Requests leaving the page's own origin (tiles, fonts, glyphs must all be local). */
  const foreign: string[] = [];
  const page = await openMap(browser, url, errors, undefined, (p) => {
    p.on('request', (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(base)) foreign.push(r.url());
    });
    p.on('response', async (r) => {
      try {
        const body = await r.body();
        gzBytes += gzipSync(body).length;
        requests++;
      } catch {
        /* redirects have no body */
      }
    });
  });
  return { page, gzBytes: await settle(() => gzBytes), requests, foreign };
}

/** A value read once the responses still arriving have been counted. */
export const settle = async (f: () => number) => {
  await new Promise((r) => setTimeout(r, 300));
  return f();
};

/** Counts canvas pixels close to each status colour. */
export async function statusPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('#carte canvas')!;
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colors: Record<string, [number, number, number]> = {
      cls: [0x00, 0x72, 0xb2],
      charte: [0xc1, 0x7a, 0x00],
      expired: [0xb0, 0x52, 0x9a],
      none: [0xec, 0xec, 0xec],
    };
    const out: Record<string, number> = { cls: 0, charte: 0, expired: 0, none: 0 };
    for (let i = 0; i < d.length; i += 4) {
      for (const [k, [r, g, b]] of Object.entries(colors))
        if (Math.abs(d[i]! - r) < 6 && Math.abs(d[i + 1]! - g) < 6 && Math.abs(d[i + 2]! - b) < 6) out[k]!++;
    }
    return out;
  });
}

/** Canvas pixels under an overlay (the legend, the timeline bar) that are not the map's empty background. */
export async function regionPixelsUnder(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const gl = document.querySelector<HTMLCanvasElement>('#carte canvas')!;
    const box = gl.getBoundingClientRect();
    const r = document.querySelector(sel)!.getBoundingClientRect();
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const scale = gl.width / box.width;
    const x = Math.max(0, Math.floor((r.left - box.left) * scale));
    const y = Math.max(0, Math.floor((r.top - box.top) * scale));
    const w = Math.min(c.width - x, Math.ceil(r.width * scale));
    const h = Math.min(c.height - y, Math.ceil(r.height * scale));
    const d = ctx.getImageData(x, y, w, h).data;
    let n = 0;
    // The background layer is #f6f6f6.
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - 0xf6) > 3 || Math.abs(d[i + 2]! - 0xf6) > 3) n++;
    return n;
  }, selector);
}

export async function moveSlider(page: Page, date: string): Promise<void> {
  await page.evaluate((d) => {
    const idx = window.__cls.dates.indexOf(d);
    if (idx < 0) throw new Error(`date ${d} absente du curseur`);
    const s = document.querySelector<HTMLInputElement>('#curseur-date')!;
    s.focus();
    s.value = String(idx);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, date);
  await page.waitForFunction(
    (d) => document.querySelector('#date-courante')?.textContent === `Au ${d.split('-').reverse().join('/')}`,
    date,
  );
  await page.waitForFunction(
    (d) => document.querySelector('#bloc-chiffres h2')?.textContent?.includes(d.split('-').reverse().join('/')),
    date,
  );
}

/**
 * The requests of data files whose name matches `pattern`, as the page's resource timing saw them (how each was
 * started: `link` for a preload, `fetch` for the page's own call), and when the page's script started.
 */
export async function dataRequests(
  page: Page,
  pattern: RegExp,
): Promise<{ requests: Array<{ file: string; initiator: string; start: number }>; scriptStart: number }> {
  return page.evaluate((source) => {
    const re = new RegExp(source);
    const requests = performance
      .getEntriesByType('resource')
      .filter((e) => re.test(new URL(e.name).pathname))
      .map((e) => ({
        file: new URL(e.name).pathname.replace(/^\//, ''),
        initiator: (e as PerformanceResourceTiming).initiatorType,
        start: e.startTime,
      }));
    return { requests, scriptStart: performance.getEntriesByName('cls:start')[0]!.startTime };
  }, pattern.source);
}

/**
 * Adds the measures of a test file to tests/artifacts/perf.json (the browser files run one after the
 * other; each writes its own keys), and prints them.
 */
export function savePerf(perf: Record<string, unknown>): void {
  if (Object.keys(perf).length === 0) return;
  const file = join(artifacts, 'perf.json');
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...before, ...perf }, null, 2));
  console.log('Mesures navigateur :', JSON.stringify(perf));
}

/** A browser test file's page, served and driven for its tests: its address, browser, errors and measures. */
export interface BrowserSuite {
  base: string;
  readonly browser: Browser;
  /** Console errors of every page the file opened (each file ends by checking there are none). */
  consoleErrors: string[];
  /** Measures the file adds to tests/artifacts/perf.json. */
  perf: Record<string, unknown>;
  /** Opens the page (see openPage). */
  open(url: string): ReturnType<typeof openPage>;
}

/**
 * Serves the built page on `port` and launches the browser before the file's tests (the app is built
 * once for all the browser files, see startMap), then saves the file's measures and stops both.
 * @example const { base: BASE, open, consoleErrors } = browserSuite(4791);
 */
export function browserSuite(port: number): BrowserSuite {
  let harness: MapHarness | null = null;
  const suite: BrowserSuite = {
    base: `http://127.0.0.1:${port}/`,
    get browser() {
      if (!harness) throw new Error('navigateur pas encore lancé (beforeAll)');
      return harness.browser;
    },
    consoleErrors: [],
    perf: {},
    open: (url) => openPage(suite.browser, suite.base, url, suite.consoleErrors),
  };
  beforeAll(async () => {
    if (!existsSync(join(root, 'data/build/manifest-32.json')))
      throw new Error('data/build absent : lancez pnpm build:data');
    mkdirSync(artifacts, { recursive: true });
    harness = await startMap(port);
  });
  afterAll(async () => {
    savePerf(suite.perf);
    await harness?.stop();
  });
  return suite;
}
