import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CommuneState, communeStates, coverageChange, coverageFigures, createCoverageEngine } from '@cls/core';
import { loadModel } from '@cls/io';
import type { Page } from 'playwright-core';
import { axeViolations, openMap } from './harness.ts';
import { browserSuite } from './page-helpers.ts';

/** The page served on its own port for this file (started before its tests, stopped after). */
const map = browserSuite(4797);
const errors: string[] = [];
const { model } = await loadModel();
const engine = createCoverageEngine(model);
const artifacts = join(import.meta.dirname, '..', 'artifacts');
const STATE_NAMES = Object.fromEntries(Object.entries(CommuneState).map(([k, v]) => [v, k]));

/** Waits until the comparison map draws this commune (its feature-states are set once its style is read). */
const comparedDrawn = (page: Page, code: string) =>
  page.waitForFunction((c) => window.__cls.comparedStatus('communes', c) !== null, code, { timeout: 30_000 });

/** The two-dates table's value of a measure at a date, as the page wrote it in data-value. */
const cell = (page: Page, measure: string, date: string) =>
  page.locator(`#deux-dates tr[data-mesure=${measure}] td[data-date="${date}"]`).getAttribute('data-value');

describe('two dates side by side', () => {
  const [before, after] = ['2019-06-30', '2024-06-30'];
  const shown = engine.coverageAt(after);
  const other = engine.coverageAt(before, { cog: shown.cog });

  it('draws each date on its own map, with the figures and gauges of both equal to the engine’s', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${after}&depuis=${before}&cote=1`, errors);
    await comparedDrawn(page, '62498');
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(2);
    expect(await page.locator('#date-carte-comparee').textContent()).toBe('Au 30/06/2019');
    expect(await page.locator('#date-carte').textContent()).toBe('Au 30/06/2024');
    // The earlier date on the left.
    const left = async (sel: string) => (await page.locator(sel).boundingBox())!.x;
    expect(await left('#carte-comparee')).toBeLessThan(await left('#carte'));
    // Each map in its date's statuses (not the change view's classes), commune by commune.
    const [a, b] = [communeStates(other), communeStates(shown)];
    for (const code of ['62498', '59350', '80021', '02691', '60057']) {
      const i = shown.reference.communes.findIndex((c) => c.code === code);
      expect(await page.evaluate((c) => window.__cls.comparedStatus('communes', c), code)).toBe(STATE_NAMES[a[i]!]);
      expect(await page.evaluate((c) => window.__cls.featureStatus('communes', c), code)).toBe(STATE_NAMES[b[i]!]);
    }
    // Lens: newly covered between the two dates, so coloured differently on the two maps.
    expect(await page.evaluate(() => window.__cls.comparedStatus('communes', '62498'))).not.toBe('cls');
    expect(await page.evaluate(() => window.__cls.featureStatus('communes', '62498'))).toBe('cls');
    // The figures of both dates.
    const [fa, fb] = [coverageFigures(other, engine), coverageFigures(shown, engine)];
    for (const [date, f] of [
      [before, fa],
      [after, fb],
    ] as const) {
      expect(await cell(page, 'communes', date)).toBe(String(f.covered.communes));
      expect(await cell(page, 'population', date)).toBe(String(f.covered.population));
      expect(await cell(page, 'qpv', date)).toBe(String(f.priority.qpv.covered));
    }
    // Both gauges, each a meter carrying its date's share of the priority population.
    for (const [id, f] of [
      ['#jauge-avant', fa],
      ['#jauge-apres', fb],
    ] as const) {
      const meter = page.locator(`${id} [role=meter]`);
      expect(Number(await meter.getAttribute('aria-valuenow'))).toBeCloseTo(f.priority.populationShare * 100, 1);
      expect(await meter.getAttribute('aria-valuetext')).toContain('objectif de 75');
    }
    // The change counts, as the change view gives them.
    const change = coverageChange(other, shown);
    for (const k of ['gained', 'lost', 'kept'] as const)
      expect(await page.locator('#resume-comparaison').getAttribute(`data-${k}`)).toBe(String(change.counts[k].count));
    expect(await page.locator('#cote-a-cote').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: join(artifacts, 'carte-cote-a-cote.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('moves both maps together', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${after}&depuis=${before}&cote=1`, errors);
    await comparedDrawn(page, '62498');
    const widths = await Promise.all(
      ['#carte canvas', '#carte-comparee canvas'].map(async (sel) => (await page.locator(sel).boundingBox())!.width),
    );
    const sameView = async () => {
      const [main, compared] = await page.evaluate(() => [window.__cls.view(), window.__cls.comparedView()!]);
      // Same centre and zoom: the same middles, and spans in the ratio of the halves' widths (a 3 px border between).
      for (const [i, j] of [
        [0, 2],
        [1, 3],
      ] as const) {
        expect((compared[i] + compared[j]) / 2).toBeCloseTo((main[i] + main[j]) / 2, 4);
        const ratio = i === 0 ? widths[1]! / widths[0]! : 1;
        expect((compared[j] - compared[i]) / (main[j] - main[i])).toBeCloseTo(ratio, 3);
      }
      return main;
    };
    const start = await sameView();
    // Zoomed in on the main map: the comparison map follows.
    await page.click('#carte .maplibregl-ctrl-zoom-in');
    await expect
      .poll(() => page.evaluate(() => window.__cls.view()[2] - window.__cls.view()[0]))
      .toBeLessThan((start[2] - start[0]) * 0.6);
    await page.waitForTimeout(600);
    const zoomed = await sameView();
    // Zoomed out on the comparison map: the main map follows.
    await page.click('#carte-comparee .maplibregl-ctrl-zoom-out');
    await expect
      .poll(() => page.evaluate(() => window.__cls.view()[2] - window.__cls.view()[0]))
      .toBeGreaterThan((zoomed[2] - zoomed[0]) * 1.6);
    await page.waitForTimeout(600);
    await sameView();
    await page.close();
  });

  it('works in the EPCI view, is turned on and off from the change view, and the link keeps it', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${after}&depuis=${before}&vue=epci`, errors);
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);
    await page.click('#cote-a-cote');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('cote') === '1');
    await page.waitForFunction(() => window.__cls.comparedStatus('epci', '246200364') !== null, null, {
      timeout: 30_000,
    });
    // CA de Lens-Liévin: its class at each date, from each date's figures.
    const classOf = (d: string) => {
      const e = coverageFigures(d === after ? shown : other, engine).byEpci.find((x) => x.code === '246200364')!;
      return e.coveredCommunes === e.communes ? 'full' : e.coveredCommunes > 0 ? 'partial' : 'none';
    };
    expect(await page.evaluate(() => window.__cls.comparedStatus('epci', '246200364'))).toBe(classOf(before));
    expect(await page.evaluate(() => window.__cls.featureStatus('epci', '246200364'))).toBe(classOf(after));
    expect(await cell(page, 'epci_entiers', before)).not.toBeNull();
    await page.click('#cote-a-cote');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('cote'));
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);
    expect(await page.locator('#deux-dates').count()).toBe(0);
    // Back to the change view's classes on the one map.
    expect(await page.evaluate(() => window.__cls.comparedStatus('epci', '246200364'))).toBeNull();
    await page.close();
  });

  it('on a phone, one map above the other', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${after}&depuis=${before}&cote=1`, errors, {
      width: 390,
      height: 844,
    });
    await comparedDrawn(page, '62498');
    const [top, bottom] = [
      (await page.locator('#carte-comparee').boundingBox())!,
      (await page.locator('#carte').boundingBox())!,
    ];
    expect(top.y + top.height).toBeLessThanOrEqual(bottom.y + 4);
    await page.screenshot({ path: join(artifacts, 'telephone-cote-a-cote.png') });
    await page.close();
  });

  it('had no console error', () => {
    expect(errors).toEqual([]);
  });
});
