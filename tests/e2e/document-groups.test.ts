import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cls } from '../integration/run-cli.ts';
import { axeViolations, openMap } from './harness.ts';
import { browserSuite } from './page-helpers.ts';

/** The page served on its own port for this file (started before its tests, stopped after). */
const map = browserSuite(4798);
const errors: string[] = [];

describe('the documents regrouped in the page (arquero, the CLI’s table)', () => {
  const date = '2024-06-30';

  it('groups by department as `cls documents` does, the same CSV byte for byte; a row shows its department', async () => {
    const page = await openMap(map.browser, `${map.base}?date=${date}&onglet=documents`, errors);
    await page.selectOption('#documents-regrouper', 'department');
    await page.waitForSelector('#tableau-regroupe[data-par=department]');
    expect(await page.locator('#tableau-documents').isVisible()).toBe(false);
    const cli = cls('documents', '--by', 'department', '--as-of', date, '--format', 'csv');
    expect(cli.code).toBe(0);
    // Every group's row in the page: its inhabitants covered as the CLI counts them.
    const lines = cli.stdout.replace(/^\uFEFF/, '').split('\r\n');
    const body = lines.slice(1, lines.indexOf(''));
    expect(body.length).toBe(5);
    for (const line of body) {
      const [code, , , , , , , , communes, population] = line.split(';');
      const row = page.locator(`#tableau-regroupe tbody tr[data-cle="${code}"]`);
      expect(await row.locator('[data-col=communesCovered]').textContent()).toBe(
        Number(communes).toLocaleString('fr-FR'),
      );
      expect(await row.locator('[data-col=populationCovered]').textContent()).toBe(
        Number(population).toLocaleString('fr-FR'),
      );
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-regroupement')]);
    expect(download.suggestedFilename()).toBe(`documents-par-department-32-communes-${date}.csv`);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(cli.stdout);
    // Sorted by inhabitants covered, largest first.
    await page.click('#tableau-regroupe button[data-tri=populationCovered]');
    await page.waitForSelector('#tableau-regroupe th[aria-sort=descending] [data-tri=populationCovered]');
    const pops = await page
      .locator('#tableau-regroupe tbody [data-col=populationCovered]')
      .evaluateAll((tds) => tds.map((td) => Number(td.textContent!.replace(/\s/g, ''))));
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    expect(await axeViolations(page)).toEqual([]);
    // A department's name filters the page on it.
    await page.click('#tableau-regroupe tr[data-cle="62"] button');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('dep') === '62');
    // Back to the list.
    await page.selectOption('#documents-regrouper', '');
    expect(await page.locator('#tableau-documents').isVisible()).toBe(true);
    expect(await page.locator('#tableau-regroupe').count()).toBe(0);
    await page.close();
  });

  it('follows the date, and groups by type with the CLI’s total', async () => {
    const page = await openMap(map.browser, `${map.base}?date=2019-06-30&onglet=documents`, errors);
    await page.selectOption('#documents-regrouper', 'type');
    await page.waitForSelector('#tableau-regroupe[data-par=type]');
    const total = async () => page.locator('#tableau-regroupe tfoot [data-col=inForce]').textContent();
    const cliTotal = (d: string) => {
      const out = cls('documents', '--by', 'type', '--as-of', d, '--format', 'csv').stdout;
      return out
        .split('\r\n')
        .find((l) => l.startsWith('total;'))!
        .split(';')[3];
    };
    expect(await total()).toBe(cliTotal('2019-06-30'));
    // Another date typed in the page: the table is drawn again at it, without a reload.
    await page.fill('#date-saisie', '30/06/2024');
    await page.press('#date-saisie', 'Enter');
    await expect.poll(total, { timeout: 10_000 }).toBe(cliTotal(date));
    expect(await page.locator('#tableau-regroupe caption').textContent()).toContain('au 30/06/2024');
    expect(cliTotal(date)).not.toBe(cliTotal('2019-06-30'));
    await page.close();
  });

  it('had no console error', () => {
    expect(errors).toEqual([]);
  });
});
