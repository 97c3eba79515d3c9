import { describe, expect, it } from 'vitest';
import { coverageSvg } from './svg-map.ts';
import type { AreaCollection } from './types.ts';

/** Two adjacent squares near Lille, codes A and B. */
const squares: AreaCollection<{ code: string }> = {
  type: 'FeatureCollection',
  features: [0, 1].map((i) => ({
    type: 'Feature',
    properties: { code: i ? 'B' : 'A' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [3 + i * 0.1, 50.6],
          [3.1 + i * 0.1, 50.6],
          [3.1 + i * 0.1, 50.7],
          [3 + i * 0.1, 50.7],
          [3 + i * 0.1, 50.6],
        ],
      ],
    },
  })),
};

const input = {
  communes: squares,
  classOf: (code: string) => (code === 'A' ? 'cls' : 'none'),
  legend: [
    { key: 'cls', colour: '#0072b2', label: 'Couvert par un CLS', count: 1, unit: 'commune' },
    { key: 'none', colour: '#ececec', label: 'Aucun document', count: 1, unit: 'commune' },
  ],
  title: 'Couverture <test> & co',
  subtitle: 'Au 30/06/2024 — région test',
  sources: 'Sources : essai ; Licence Ouverte 2.0',
};

describe('coverageSvg', () => {
  it('fills each commune with its class, the legend beside the map, the texts escaped', () => {
    const svg = coverageSvg(input);
    expect(svg).toMatch(/<path d="M[^"]+" fill="#0072b2" data-code="A"\/>/);
    expect(svg).toMatch(/<path d="M[^"]+" fill="#ececec" data-code="B"\/>/);
    expect(svg).toContain('Couvert par un CLS : 1 commune</text>');
    expect(svg).toContain('<title>Couverture &lt;test&gt; &amp; co — Au 30/06/2024 — région test</title>');
    // Fitted inside the map's frame, left of the legend.
    const xs = [...svg.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    const legendX = Number(/<g id="legende"><text x="([\d.]+)"/.exec(svg)![1]);
    expect(Math.max(...xs)).toBeLessThan(legendX);
    expect(Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])))).toBeGreaterThanOrEqual(
      9.33,
    );
  });

  it('leaves out a name that would overlap one already placed, and names a department in capitals', () => {
    const svg = coverageSvg({
      ...input,
      names: [
        { name: 'Nord', lon: 3.1, lat: 50.65, kind: 'department' },
        { name: 'Lille', lon: 3.1, lat: 50.65, kind: 'town' },
        { name: 'Loin', lon: 3.01, lat: 50.61, kind: 'town' },
      ],
    });
    expect(svg).toContain('>NORD</text>');
    expect(svg).not.toContain('>Lille</text>');
    expect(svg).toContain('>Loin</text>');
  });

  it('draws in Lambert-93 by default and in a UTM zone when asked (north stays up, shapes differ)', () => {
    const lambert = coverageSvg(input);
    const utm = coverageSvg(input, { projection: { utmZone: 31 } });
    expect(lambert).not.toBe(utm);
    // A square's top edge (50.7° N) is above its bottom edge (50.6° N) in both.
    for (const svg of [lambert, utm]) {
      const ys = [...svg.matchAll(/data-code="A"/g)].length;
      expect(ys).toBe(1);
    }
  });
});
