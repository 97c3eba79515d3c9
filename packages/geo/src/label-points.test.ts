import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { labelPoints } from './label-points.ts';
import type { AreaCollection } from './types.ts';

const area = (key: string, geometry: Polygon | MultiPolygon): AreaCollection<{ key: string }> => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', id: 3, properties: { key }, geometry }],
});

// An L-shaped commune at 50° N: its centroid (the bbox centre too) falls outside it, in the notch.
const L: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [2, 50],
      [2.4, 50],
      [2.4, 50.05],
      [2.05, 50.05],
      [2.05, 50.3],
      [2, 50.3],
      [2, 50],
    ],
  ],
};

describe('labelPoints', () => {
  it('puts the name inside an L-shaped area, where its centroid is outside (keeps key and id)', () => {
    const [p] = labelPoints(area('99001', L)).features;
    expect(p!.id).toBe(3);
    expect(p!.properties.key).toBe('99001');
    expect(booleanPointInPolygon(p!.geometry, L)).toBe(true);
    expect(booleanPointInPolygon([2.2, 50.15], L)).toBe(false);
    // The arms are 0.05° wide: about 3.6 km east-west at 50° N, 5.6 km north-south; the pole is
    // half the narrower width from the edges.
    expect(p!.properties.room).toBeGreaterThan(1.5);
    expect(p!.properties.room).toBeLessThan(2.9);
  });

  it('measures longitude at its latitude: a square in degrees is a tall rectangle at 50° N, named on its axis', () => {
    const rect: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [3, 50],
          [3.1, 50],
          [3.1, 50.1],
          [3, 50.1],
          [3, 50],
        ],
      ],
    };
    const [p] = labelPoints(area('r', rect)).features;
    expect(p!.geometry.coordinates[0]).toBeCloseTo(3.05, 3);
    // Half the east-west width: 0.05° × 111.32 km × cos 50°.
    expect(p!.properties.room).toBeCloseTo(0.05 * 111.32 * Math.cos((50.05 * Math.PI) / 180), 0);
  });

  it('names a multipolygon in its roomiest part, not in a sliver', () => {
    const sliver = [
      [
        [4, 50],
        [4.3, 50],
        [4.3, 50.005],
        [4, 50.005],
        [4, 50],
      ],
    ];
    const block = [
      [
        [5, 50],
        [5.05, 50],
        [5.05, 50.05],
        [5, 50.05],
        [5, 50],
      ],
    ];
    const [p] = labelPoints(area('m', { type: 'MultiPolygon', coordinates: [sliver, block] })).features;
    expect(p!.geometry.coordinates[0]).toBeGreaterThan(5);
  });

  it('skips an area with no ring to name', () => {
    expect(labelPoints(area('e', { type: 'MultiPolygon', coordinates: [] })).features).toEqual([]);
  });
});
