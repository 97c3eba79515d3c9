import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBareMap, type BareMapOptions, type BareWindow } from './bare-map.ts';
import { sliderStepShown } from './harness.ts';
import { browserSuite, dataRequests, rendered } from './page-helpers.ts';

/** Browser tests of the first draw beside a bare MapLibre map of the same run (split from the one map.test.ts by feature; same assertions). */
const PORT = 4800;

/** What a bare map needs to draw what the page draws: the map's canvas size, its view and its commune tile set. */
async function drawnMap(page: Page): Promise<Required<BareMapOptions>> {
  const box = (await page.locator('#carte').boundingBox())!;
  const view = await page.evaluate(() => window.__cls.view());
  // The tile set folder drawn: the source's URL template without its origin and {z}/{x}/{y}.pbf.
  const template = await page.evaluate(
    () => (window.__cls.map!.getStyle().sources.communes as { tiles: string[] }).tiles[0]!,
  );
  const communes = new URL(template.split('/{z}')[0]!).pathname.slice(1);
  expect(communes).toMatch(/^tiles\/32\/communes-\d{4}$/);
  return { size: [Math.round(box.width), Math.round(box.height)], view, communes };
}
const suite = browserSuite(PORT);
const { base: BASE, consoleErrors, perf } = suite;

describe('the first draw', () => {
  it('first draw, timed over three cold loads (each in a new browser context, no request watching), beside a bare MapLibre map', async () => {
    const runs: number[] = [];
    const names: number[] = [];
    const bare: number[] = [];
    const bareTiles: number[] = [];
    // The references: a bare MapLibre map (background layer only) on a canvas of the page's map size, and the
    // same bare map drawing the commune tiles the page draws (one constant fill, the page's view), served
    // from the same server and drawn in the same browser run, alternated with the page.
    const drawn = await (async () => {
      const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${BASE}?date=2019-07-20`);
      await page.waitForFunction(() => window.__cls?.ready === true);
      const drawn = await drawnMap(page);
      await page.close();
      return drawn;
    })();
    for (let i = 0; i < 3; i++) {
      const reference = await openBareMap(suite.browser, BASE, { size: drawn.size });
      bare.push(Math.round(await reference.evaluate(() => (window as unknown as BareWindow).__bare.idleMs!)));
      await reference.close();
      const withTiles = await openBareMap(suite.browser, BASE, drawn);
      bareTiles.push(Math.round(await withTiles.evaluate(() => (window as unknown as BareWindow).__bare.idleMs!)));
      await withTiles.close();
      const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (e) => consoleErrors.push(`chargement ${i}: ${e.message}`));
      await page.goto(`${BASE}?date=2019-07-20`);
      await page.waitForFunction(() => window.__cls?.ready === true || (window.__cls?.errors.length ?? 0) > 0, null, {
        timeout: 60_000,
      });
      expect(await page.evaluate(() => window.__cls.errors)).toEqual([]);
      expect((await rendered(page, 'communes-fond')).length).toBeGreaterThan(3700);
      runs.push(Math.round((await page.evaluate(() => window.__cls.firstDrawMs))!));
      // The data the first draw waits for is requested by the page's head, before its script runs, once each.
      const { requests, scriptStart } = await dataRequests(
        page,
        /^\/(deployment|map-32|registry-32|\d{4}\/reference-32)\.json$/,
      );
      expect(requests.map((r) => r.file).sort()).toEqual([...new Set(requests.map((r) => r.file))].sort());
      expect(requests).toHaveLength(10);
      for (const r of requests) {
        expect(r.initiator, r.file).toBe('link');
        expect(r.start, r.file).toBeLessThan(scriptStart);
      }
      await page.waitForFunction(() => window.__cls.namesMs !== null);
      names.push(Math.round((await page.evaluate(() => window.__cls.namesMs))!));
      await page.close();
    }
    perf.firstDrawRunsMs = runs;
    perf.firstDrawMs = [...runs].sort((a, b) => a - b)[1];
    // Place names are added once the colours are drawn (see page.ts).
    perf.namesDrawnRunsMs = names;
    // Budgets as ratios to the bare map of the same run (issue: first coloured map ≤ 2×, names ≤ 3×).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    perf.bareMapRunsMs = bare;
    perf.firstDrawRatioToBareMap = Math.round((median(runs) / median(bare)) * 100) / 100;
    perf.namesRatioToBareMap = Math.round((median(names) / median(bare)) * 100) / 100;
    // What MapLibre itself takes here to draw the same commune tiles, and the page beside it.
    perf.bareMapWithTilesRunsMs = bareTiles;
    perf.bareTilesRatioToBareMap = Math.round((median(bareTiles) / median(bare)) * 100) / 100;
    perf.firstDrawRatioToBareTiles = Math.round((median(runs) / median(bareTiles)) * 100) / 100;
    perf.namesRatioToBareTiles = Math.round((median(names) / median(bareTiles)) * 100) / 100;
    expect(bare.every((t) => t > 0)).toBe(true);
    expect(bareTiles.every((t) => t > 0)).toBe(true);
  });

  it('one slider step until it is on screen, beside a bare MapLibre repaint of the same tiles after one paint change', async () => {
    // Measured the same way on both: from the cause (a key pressed on the slider; a paint property set) to
    // the second animation frame after the frame that drew the new colours, each change once the map is
    // still again (400 ms after the last; the bare map's paint transitions off: MapLibre animates a paint
    // change over 300 ms by default, and a change made while that animation still drew frames was timed
    // at ~50 ms, one frame already under way: bug of the first version of this measure).
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => consoleErrors.push(`curseur : ${e.message}`));
    await page.goto(`${BASE}?date=2024-02-29`);
    await page.waitForFunction(() => window.__cls?.ready === true && window.__cls.namesMs !== null, null, {
      timeout: 60_000,
    });
    const before = (await page.evaluate(() => window.__cls.steps.length)) as number;
    const STEPS = 7;
    const shown: number[] = [];
    for (let i = 1; i <= STEPS; i++) {
      shown.push(await sliderStepShown(page, 'ArrowRight'));
      await page.waitForTimeout(400);
    }
    const own = (await page.evaluate(() => window.__cls.steps)).slice(before);
    const drawn = await drawnMap(page);
    await page.close();
    // The bare map: the same commune tiles (COG 2024 geometry), one fill layer, the same view and canvas size.
    const reference = await openBareMap(suite.browser, BASE, drawn);
    const bareCommunes = await reference.evaluate(() => (window as unknown as BareWindow).__bare.rendered());
    for (let i = 0; i < STEPS; i++) {
      await reference.evaluate(
        (c) => (window as unknown as BareWindow).__bare.repaint(c),
        i % 2 ? '#ececec' : '#0072b2',
      );
      await reference.waitForTimeout(400);
    }
    const bare = await reference.evaluate(() => (window as unknown as BareWindow).__bare.repaints);
    await reference.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    perf.sliderStepShownMs = shown.map(Math.round);
    perf.sliderStepOwnMs = own.map(Math.round);
    perf.bareRepaintMs = bare.map(Math.round);
    // Budget (issue): a step on screen within 1.5× of the bare repaint of the same run.
    perf.sliderStepRatioToBareRepaint = Math.round((median(shown) / median(bare)) * 100) / 100;
    expect(shown).toHaveLength(STEPS);
    expect(bare).toHaveLength(STEPS);
    // The reference draws the region's communes (it once drew the background only: its tile URL was escaped).
    perf.bareRepaintCommunes = bareCommunes;
    expect(bareCommunes).toBeGreaterThan(3700);
    expect(Math.min(...shown, ...bare)).toBeGreaterThan(0);
  });

  it('had no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
