import { topology } from 'topojson-server';
import type { FeatureCollection, Polygon } from 'geojson';
import type { CommuneTopology } from './types.ts';

/**
 * A 3×3 grid of 0.1° square "communes" near Lille, codes 99001 (south-west) … 99009 (north-east),
 * row by row; 99005 is the centre. Outer rings counter-clockwise.
 */
export function gridCommunes(): FeatureCollection<Polygon, { code: string }> {
  const features = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      const x = 3 + col * 0.1,
        y = 50 + row * 0.1;
      features.push({
        type: 'Feature' as const,
        properties: { code: `9900${row * 3 + col + 1}` },
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [x, y],
              [x + 0.1, y],
              [x + 0.1, y + 0.1],
              [x, y + 0.1],
              [x, y],
            ].map(([a, b]) => [round(a!), round(b!)]),
          ],
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The grid as a topology (shared edges become shared arcs). */
export function gridTopology(): CommuneTopology {
  return topology({ communes: gridCommunes() }) as unknown as CommuneTopology;
}
