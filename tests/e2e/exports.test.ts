import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cls } from '../integration/run-cli.ts';
import { artifacts, browserSuite } from './page-helpers.ts';

/** Browser tests of the exports: PNG, the territories CSV, print (split from the one map.test.ts by feature; same assertions). */
const PORT = 4799;
const suite = browserSuite(PORT);
const { base: BASE, consoleErrors, open } = suite;

describe('the exports', () => {
  it('exports the map as a report-ready PNG: larger than the canvas, title and legend drawn around it', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30&dep=62`);
    const canvas = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('#carte canvas')!;
      return [c.width, c.height];
    });
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync((await png.path())!);
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(canvas[0]!);
    expect(height).toBeGreaterThan(canvas[1]!);
    // Ink (non-white pixels) in the legend column beside the map, and in the title band above it.
    const ink = await page.evaluate(
      async ({ data, mapWidth }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const count = (x: number, y: number, w: number, h: number) => {
          const d = g.getImageData(x, y, w, h).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 200 || d[i + 1]! < 200 || d[i + 2]! < 200) n++;
          return n;
        };
        return { legend: count(mapWidth, 0, img.width - mapWidth, img.height), title: count(0, 0, img.width, 40) };
      },
      { data: bytes.toString('base64'), mapWidth: canvas[0]! },
    );
    expect(ink.legend).toBeGreaterThan(2000);
    expect(ink.title).toBeGreaterThan(1000);
    writeFileSync(join(artifacts, 'export-carte-62.png'), bytes);
    await page.close();
  });

  it('exports the per-territory table as a CSV that parses (BOM, ;)', async () => {
    const { page } = await open(`${BASE}?date=2024-06-30`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-territoires')]);
    const path = join(artifacts, download.suggestedFilename());
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // The CLI's file, byte for byte: one writer, one set of columns (a status is never spelt `expire`).
    const cli = cls('report', '--as-of', '2024-06-30', '--by', 'commune', '--format', 'csv');
    expect(text).toBe(cli.stdout);
    const lines = text
      .slice(1)
      .trim()
      .split('\r\n\r\n')[0]!
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'insee',
      'nom',
      'departement',
      'epci',
      'population',
      'statut',
      'documents',
      'documents_termines',
    ]);
    expect(lines).toHaveLength(1 + 3788);
    const lens = lines.find((l) => l[0] === '62498')!;
    expect(lens.slice(5, 7)).toEqual(['cls', 'lens-lievin-cls-2019|lens-lievin-avenant-2023']);
    expect(new Set(lines.slice(1).map((l) => l[5]))).toEqual(new Set(['cls', 'charte', 'document_termine', 'aucun']));
    // The covered area: loads the polygons on demand and dissolves them by status.
    const [geo] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
    const area = JSON.parse(readFileSync(await geo.path(), 'utf8')) as {
      features: Array<{ properties: { key: string; count: number } }>;
      metadata: { date: string; cog: number };
    };
    expect(area.metadata).toMatchObject({ date: '2024-06-30', cog: 2024 });
    const covered = lines.slice(1).filter((l) => l[5] === 'cls' || l[5] === 'charte');
    expect(area.features.map((f) => f.properties.key).sort()).toEqual([...new Set(covered.map((l) => l[5]))].sort());
    expect(area.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(covered.length);
    await page.close();
  });

  it('prints on one A4 landscape page, without the controls, with and without a published figure', async () => {
    for (const date of ['2024-06-30', '2019-06-30']) {
      const { page } = await open(`${BASE}?date=${date}`);
      // The button takes the map's image, then opens the browser's print dialog (stubbed here).
      await page.evaluate(() => {
        window.print = () => {};
      });
      await page.click('#imprimer');
      // The vector map replaces the screen's pixels before the print dialog opens.
      await page.waitForSelector('img.carte-impression[data-vectoriel]', { state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('img.carte-impression').isVisible()).toBe(true);
      // Its legend is in the vector map, beside it: the screen's legend is not laid over the map.
      expect(await page.locator('#legende').isVisible()).toBe(false);
      expect(await page.locator('#bloc-filtres').isVisible()).toBe(false);
      expect(await page.locator('#jauge').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(artifacts, `impression-${date}.pdf`), pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect([date, pages.length]).toEqual([date, 1]);
      // The published figure of the date is printed with the figures.
      if (date === '2019-06-30') expect(await page.locator('#publie').isVisible()).toBe(true);
      await page.close();
    }
  });

  it('had no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
