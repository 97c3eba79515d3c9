import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createCoverageEngine, coverageFigures, statusCounts } from '@cls/core';
import { loadModel } from '@cls/io';
import { openMap } from './harness.ts';
import { browserSuite } from './page-helpers.ts';

/** The page served on its own port for this file (started before its tests, stopped after). */
const map = browserSuite(4795);
const errors: string[] = [];
const { model } = await loadModel();
const engine = createCoverageEngine(model);

/** The SVG the « Carte (SVG) » button downloads. */
async function exportedSvg(url: string): Promise<{ name: string; svg: string }> {
  const page = await openMap(map.browser, url, errors);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svg = readFileSync((await download.path())!, 'utf8');
  const name = download.suggestedFilename();
  await page.close();
  return { name, svg };
}

describe('the vector map (« Carte (SVG) »)', () => {
  it('draws every commune in its class, the legend counts the engine gives, names ≥ 7 pt, sources and licence', async () => {
    const date = '2019-06-30';
    const { name, svg } = await exportedSvg(`${map.base}?date=${date}`);
    expect(name).toBe(`carte-cls-32-communes-${date}.svg`);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1123" height="794"')).toBe(true);
    const f = coverageFigures(engine.coverageAt(date), engine);
    // One path per commune of the geometry drawn (COG 2019: 3,789 communes), each filled with its class.
    const paths = [...svg.matchAll(/<path d="[^"]+" fill="(#[0-9a-f]{6})" data-code="(\w+)"\/>/g)];
    expect(paths.length).toBe(3789);
    const counts = statusCounts(f);
    for (const [key, label] of [
      ['cls', 'Couvert par un CLS'],
      ['charte', 'Charte d’engagement seule'],
      ['none', 'Aucun document'],
    ] as const)
      expect(svg).toContain(`${label} : ${counts[key].count.toLocaleString('fr-FR')} communes`);
    // The communes filled with the CLS colour are the communes the engine covers by a CLS.
    const clsColour = /<rect [^>]*fill="(#[0-9a-f]{6})"[^>]*\/>\s*<text [^>]*>Couvert par un CLS/.exec(svg)![1];
    expect(paths.filter((p) => p[1] === clsColour).length).toBe(counts.cls.count);
    // Names of the five departments; no text under 7 pt (9.33 px at 96 dpi).
    for (const d of ['AISNE', 'NORD', 'OISE', 'PAS-DE-CALAIS', 'SOMME']) expect(svg).toContain(`>${d}</text>`);
    const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9.33);
    // The ARS figure of that date is quoted beside the registry's, and the sources say the licence.
    const text = [...svg.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    expect(text).toContain('Publié par ARS Hauts-de-France');
    expect(text).toContain('Licence Ouverte 2.0');
    expect(svg).toContain('km</text>');
    // The legend is beside the map: right of every commune's drawing.
    const legendX = Number(/<g id="legende"><text x="([\d.]+)"/.exec(svg)![1]);
    let maxX = 0;
    for (const p of paths) for (const m of p[0].matchAll(/[ML]([\d.]+),/g)) maxX = Math.max(maxX, Number(m[1]));
    expect(maxX).toBeLessThan(legendX);
  });

  it('follows the department filter and the EPCI view, in its file name too', async () => {
    const { name, svg } = await exportedSvg(`${map.base}?date=2024-06-30&dep=62&vue=epci`);
    expect(name).toBe('carte-cls-32-dep62-epci-2024-06-30.svg');
    const codes = [...svg.matchAll(/data-code="(\w+)"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(800);
    expect(codes.every((c) => c.startsWith('62'))).toBe(true);
    expect(svg).toContain('EPCI</text>');
    expect(svg).toContain('Au 30/06/2024 — Pas-de-Calais (62)');
  });

  it('had no console error', () => {
    expect(errors).toEqual([]);
  });
});
