import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { cls } from '../integration/run-cli.ts';
import { axeViolations, openMap } from './harness.ts';
import { browserSuite, dataRequests } from './page-helpers.ts';

const root = join(import.meta.dirname, '../..');
const REGISTRY_53 = join(root, 'tests/fixtures/regions/registry-53.csv');
/** The page served on its own port for this file (started before its tests, stopped after). */
const map = browserSuite(4793);
const errors: string[] = [];

beforeAll(async () => {
  for (const r of ['32', '53'])
    if (!existsSync(join(root, `data/build/manifest-${r}.json`)))
      throw new Error(`data/build sans la région ${r} : lancez pnpm build:data --region 32,53`);
});

/** The text the page shows (panels and header, not the map canvas): innerText leaves hidden elements out. */
// biome-ignore lint/performance/useDomNodeTextContent: what is on screen is the point, hidden text is not
const pageText = (page: Page) => page.evaluate(() => document.body.innerText);

describe('a deployment with two regions (32 and 53)', () => {
  it('?region=53 draws Bretagne with its names, says it has no registry, and shows no figure', async () => {
    const page = await openMap(map.browser, `${map.base}?region=53`, errors);
    expect(await page.title()).toBe('Couverture des contrats locaux de santé — Agence régionale de santé Bretagne');
    expect(await page.locator('#nom-agence').textContent()).toBe('Agence régionale de santé Bretagne');
    // No imitation of the État's identity.
    expect(await page.locator('.bloc-marque').count()).toBe(0);
    expect(await pageText(page)).not.toMatch(/République/i);
    // The picker lists the regions built, the one shown selected.
    expect(await page.locator('#region').inputValue()).toBe('53');
    expect(await page.locator('#region option').allTextContents()).toEqual(
      expect.arrayContaining(['Hauts-de-France (32)', 'Bretagne (53)']),
    );
    // Plainly no registry: no sentence, no gauge, no percentage anywhere in the figures' block.
    expect(await page.locator('#sans-registre h2').textContent()).toBe('Aucun registre des CLS en Bretagne');
    expect(await page.locator('#phrase').count()).toBe(0);
    expect(await page.locator('#bloc-chiffres').textContent()).not.toMatch(/\d\s*%/);
    expect(await page.locator('#legende').isHidden()).toBe(true);
    // A template to start from, its columns explained.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#modele-csv')]);
    expect(download.suggestedFilename()).toBe('modele-registre-cls-53.csv');
    expect(await page.locator('#modele-colonnes dt').count()).toBe(10);
    // The map shows Bretagne: its communes (INSEE codes of its four departments) and its names.
    await page.waitForFunction(() => window.__cls.namesMs !== null, null, { timeout: 60_000 });
    const communes = await page.evaluate(() => window.__cls.rendered('communes-fond'));
    expect(communes.length).toBeGreaterThan(1000);
    expect(communes.every((c) => /^(22|29|35|56)/.test(c))).toBe(true);
    await expect
      .poll(() => page.evaluate(() => window.__cls.rendered('noms-departements')), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['22', '29', '35', '56']));
    const [w, s, e, n] = await page.evaluate(() => window.__cls.view());
    // Fitted on Bretagne (about 5.2°W–1.0°W, 47.2°N–48.9°N).
    expect(w).toBeLessThan(-4.5);
    expect(e).toBeGreaterThan(-1.5);
    expect(s).toBeLessThan(47.5);
    expect(n).toBeGreaterThan(48.6);
    // The head requested Bretagne's data before the script ran, and nothing of the default region's.
    const { requests, scriptStart } = await dataRequests(page, /^\/(map|registry)-\d\d\.json$|reference-\d\d\.json$/);
    expect(requests.filter((r) => /-32\.json$/.test(r.file))).toEqual([]);
    expect(requests.filter((r) => r.initiator === 'link' && r.start < scriptStart)).toHaveLength(9);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a registry loaded in the page gives the figures `cls report --region 53` gives for the same file and date', async () => {
    const date = '2024-06-30';
    const cli = cls('report', '--region', '53', '--registry', REGISTRY_53, '--as-of', date, '--format', 'json');
    expect(cli.code).toBe(0);
    const expected = JSON.parse(cli.stdout) as { covered: { communes: number; population: number } };
    const page = await openMap(map.browser, `${map.base}?region=53&date=${date}`, errors);
    await page.setInputFiles('#charger-registre', REGISTRY_53);
    await page.waitForSelector('#phrase', { timeout: 60_000 });
    const figures = await page.evaluate(() => window.__cls.figures());
    expect(figures!.asOf).toBe(date);
    expect(figures!.covered.communes).toBe(expected.covered.communes);
    expect(figures!.covered.population).toBe(expected.covered.population);
    // Priority territories are unknown for Bretagne: never « objectif atteint ».
    const sentence = (await page.locator('#phrase').textContent())!;
    expect(sentence).toContain('aucun territoire prioritaire connu');
    expect(await pageText(page)).not.toMatch(/objectif atteint|atteint l’objectif/);
    expect(await page.locator('#legende').isVisible()).toBe(true);
    // The link keeps the region.
    await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('region'))).toBe('53');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('switching region keeps nothing of the other region on screen', async () => {
    const page = await openMap(map.browser, `${map.base}?region=53`, errors);
    await page.setInputFiles('#charger-registre', REGISTRY_53);
    await page.waitForSelector('#phrase', { timeout: 60_000 });
    await Promise.all([page.waitForNavigation(), page.selectOption('#region', '32')]);
    await page.waitForFunction(() => window.__cls?.ready === true, null, { timeout: 60_000 });
    expect(await page.locator('#nom-agence').textContent()).toBe('Agence régionale de santé Hauts-de-France');
    // Outside the region picker (which lists Bretagne), nothing of Bretagne: figures, registry, names.
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, hidden text left out
    expect(await page.locator('main').innerText()).not.toMatch(/Bretagne|registry-53|Lorient/);
    expect(await page.title()).not.toContain('Bretagne');
    const communes = await page.evaluate(() => window.__cls.rendered('communes-fond'));
    expect(communes.length).toBeGreaterThan(1000);
    expect(communes.every((c) => /^(02|59|60|62|80)/.test(c))).toBe(true);
    // Hauts-de-France ships its registry: its figures are shown.
    expect(await page.locator('#phrase').textContent()).toMatch(/^Au \d\d\/\d\d\/\d{4}/);
    await page.close();
  });

  it('an EPCI straddling two regions says its real extent in its card', async () => {
    // CC des Villes Sœurs: communes in the Somme (32) and in Seine-Maritime (28).
    const page = await openMap(map.browser, `${map.base}?vue=epci&sel=200069722&date=2024-06-30`, errors);
    await page.waitForSelector('#detail-interregional');
    const text = (await page.locator('#detail-interregional').textContent())!;
    expect(text).toContain('il s’étend aussi sur Normandie (28)');
    expect(text).toContain('seules ses communes de la région sont dessinées et comptées');
    await page.close();
  });

  it('while the data loads, the panels show their skeleton; once drawn, none is left', async () => {
    const page = await map.browser.newPage({ viewport: { width: 1280, height: 720 } });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/registry-32.json', async (r) => {
      await held;
      await r.continue();
    });
    await page.goto(map.base);
    await page.waitForSelector('#bloc-chiffres .squelette');
    expect(await page.locator('#bloc-chiffres .squelette').isVisible()).toBe(true);
    expect(await page.locator('#bloc-chiffres .squelette').getAttribute('aria-hidden')).toBe('true');
    release();
    await page.waitForFunction(() => window.__cls?.ready === true, null, { timeout: 60_000 });
    expect(await page.locator('.squelette').count()).toBe(0);
    await page.close();
  });

  it('says nothing went wrong in the console', () => {
    expect(errors).toEqual([]);
    // The deployment file lists what was built, default region first to open.
    const deployment = JSON.parse(readFileSync(join(root, 'data/build/deployment.json'), 'utf8'));
    expect(deployment.defaultRegion).toBe('32');
  });
});
