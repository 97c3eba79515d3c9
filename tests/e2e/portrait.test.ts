import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { coveredShare, coverageFigures, createCoverageEngine, territoryPortrait } from '@cls/core';
import { loadModel } from '@cls/io';
import { axeViolations, openMap } from './harness.ts';
import { browserSuite } from './page-helpers.ts';

/** The page served on its own port for this file (started before its tests, stopped after). */
const map = browserSuite(4796);
const errors: string[] = [];
const { model } = await loadModel();
const engine = createCoverageEngine(model);
/** The CA de Lens-Liévin: a CLS, PRAPS communes, QPV, in the Pas-de-Calais. */
const LENS_LIEVIN = '246200364';
const DATE = '2024-06-30';

describe('the portrait of a territory (« Fiche du territoire »)', () => {
  it('opens from the card with its own link: figures beside its department and region, rank, documents, plan, map', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${DATE}&vue=epci&sel=${LENS_LIEVIN}`, errors);
    await page.waitForSelector('#ouvrir-fiche');
    await page.click('#ouvrir-fiche');
    await page.waitForSelector('#fiche:not([hidden]) #fiche-nom');
    await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('fiche'))).toBe(LENS_LIEVIN);
    const p = territoryPortrait(engine, LENS_LIEVIN, DATE)!;
    const f = coverageFigures(engine.coverageAt(DATE), engine);
    expect(await page.locator('#fiche-nom').textContent()).toBe(p.name);
    // Its covered share, its department's and its region's, as the engine counts them.
    const share = (await page.locator('#fiche-comparaison tbody td').allTextContents()).map((t) =>
      t.replace(/\s/g, ''),
    );
    const pct = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')}%`;
    const dep = f.byDepartment.find((d) => d.code === '62')!;
    expect(share).toEqual([
      pct(p.coveredPopulation / p.population),
      pct(coveredShare(dep)),
      pct(f.covered.populationShare),
    ]);
    expect(await page.locator('#fiche-rang').textContent()).toContain(
      `Rang ${p.rank!.position} sur ${p.rank!.of} EPCI`,
    );
    // Every document touching it, its priority territories, what the plan says.
    expect(await page.locator('#fiche-documents tbody tr').count()).toBe(p.documents.length);
    expect(p.documents.length).toBeGreaterThan(0);
    const listed = (await page.locator('#fiche-prioritaires li').allTextContents()).join(' ');
    for (const t of p.priority) expect(listed).toContain(`(${t.id})`);
    expect(await page.locator('#fiche-plan').textContent()).toMatch(/^(Un CLS sur cet EPCI|Aucun territoire)/);
    // Its own history, with a table twin, and a small map of it in its department.
    expect(await page.locator('#fiche-historique').getAttribute('aria-label')).toContain(
      'Part de la population couverte',
    );
    await page.waitForSelector('#fiche-carte img');
    const src = (await page.locator('#fiche-carte img').getAttribute('src'))!;
    const svg = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toContain('stroke="#c8102e"');
    expect([...svg.matchAll(/data-code="(\w+)"/g)].every((m) => m[1]!.startsWith('62'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // Exported as CSV through the product's writer (BOM, `;`).
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#fiche-csv')]);
    expect(csv.suggestedFilename()).toBe(`fiche-${LENS_LIEVIN}-32-communes-${DATE}.csv`);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFmesure;valeur')).toBe(true);
    expect(text).toContain(`population_couverte;${p.coveredPopulation}`);
    // Printed on one A4 portrait page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#panneau').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBe(1);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
    expect(Number(box[1])).toBeLessThan(Number(box[2]));
    await page.emulateMedia({ media: 'screen' });
    // Échap closes it and the link drops it.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#fiche', { state: 'hidden' });
    await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('fiche'))).toBeNull();
    await page.close();
  });

  it('opens from the search, and from a link (a commune: its status, its EPCI)', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${DATE}`, errors);
    await page.locator('#recherche').fill('Liévin');
    await page.keyboard.press('Enter');
    await page.click('#recherche-fiche');
    await page.waitForSelector('#fiche:not([hidden]) #fiche-nom');
    expect(await page.locator('#fiche-nom').textContent()).toBe('Liévin');
    await page.close();
    const linked = await openMap(map.browser, `${map.base}?date=${DATE}&fiche=62510`, errors);
    await linked.waitForSelector('#fiche:not([hidden]) #fiche-identite');
    const p = territoryPortrait(engine, '62510', DATE)!;
    expect(await linked.locator('#fiche-identite').textContent()).toContain(`EPCI : ${p.epci!.name}`);
    expect(await linked.locator('#fiche-etat').textContent()).toMatch(/^Au 30\/06\/2024 : /);
    await linked.close();
  });

  it('had no console error', () => {
    expect(errors).toEqual([]);
  });
});
