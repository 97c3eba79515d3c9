import { describe, expect, it } from 'vitest';
import { tinyReference } from '@cls/core/tiny-reference.fixture';
import { areaKm2 } from './area.ts';
import { gridTopology } from './grid.fixture.ts';
import { communeLayer, outlineLayers } from './map-layers.ts';

// Grid cells (codes 99001…99009, row by row from the south-west) drawn for the tiny reference's
// communes: 99001-99003 are themselves (EPCI 200000001, dept 99), 99004 → 98004 and 99005 → 98005
// (EPCI 200000002, dept 98), 99006 is an old commune merged into 99003; 99007-99009 are not in it.
const TARGET: Record<string, string> = {
  '99001': '99001',
  '99002': '99002',
  '99003': '99003',
  '99004': '98004',
  '99005': '98005',
  '99006': '99003',
};
const targetOf = (code: string) => TARGET[code];
const CELL = areaKm2(communeLayer(gridTopology()).layer.features[4]!);

describe('communeLayer', () => {
  it('numbers the polygons in order and gives each its code and bbox', () => {
    const { layer, codes, bboxes } = communeLayer(gridTopology());
    expect(layer.features.map((f) => f.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(codes).toEqual(['99001', '99002', '99003', '99004', '99005', '99006', '99007', '99008', '99009']);
    expect(bboxes[4]).toEqual([3.1, 50.1, 3.2, 50.2]);
  });
});

describe('outlineLayers', () => {
  const ref = tinyReference();
  const layers = outlineLayers(gridTopology(), targetOf, ref, [
    { id: 'praps-a', kind: 'praps', communes: new Set(['99001', '99002']) },
    { id: 'qpv-1', kind: 'qpv', communes: new Set(['98005']) },
    { id: 'qpv-2', kind: 'qpv', communes: new Set(['99003']) },
  ]);

  it('dissolves EPCI with ids = their index in the reference (the map keys feature-state on it)', () => {
    expect(layers.epci.features.map((f) => [f.id, f.properties.key])).toEqual([
      [0, '200000001'],
      [1, '200000002'],
    ]);
    // EPCI 1 holds 99001-99003 and the merged 99006: four cells.
    expect(areaKm2(layers.epci.features[0]!) / CELL).toBeCloseTo(4, 1);
  });

  it('dissolves departments, leaving out polygons the COG year does not know', () => {
    expect(layers.departements.features.map((f) => f.properties.key)).toEqual(['98', '99']);
    const total = layers.departements.features.reduce((s, f) => s + areaKm2(f), 0);
    expect(total / CELL).toBeCloseTo(6, 1);
  });

  it('outlines each PRAPS territory on its own', () => {
    expect(layers.prioritaires.features.map((f) => f.properties.key)).toEqual(['praps-a']);
    expect(areaKm2(layers.prioritaires.features[0]!) / CELL).toBeCloseTo(2, 1);
  });

  it('marks the polygons of communes holding a QPV with their COG-year code (a merged commune: all its polygons)', () => {
    expect(layers.qpv.features.map((f) => f.properties.code).sort()).toEqual(['98005', '99003', '99003']);
    expect(layers.qpv.features.map((f) => f.id)).toEqual([0, 1, 2]);
  });
});
