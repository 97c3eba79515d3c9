import { describe, expect, it } from 'vitest';
import { tinyReference } from '@cls/core/tiny-reference.fixture';
import { areaKm2 } from './area.ts';
import { gridTopology } from './grid.fixture.ts';
import { communeLayer, outlineLayers, placeNames, TOWN_POPULATION } from './map-layers.ts';

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
const cogCodeOf = (code: string) => TARGET[code];
const CELL = areaKm2(communeLayer(gridTopology()).layer.features[4]!);

describe('communeLayer', () => {
  it('numbers the polygons in order and gives each its code and bbox', () => {
    const { layer, codes, bboxes } = communeLayer(gridTopology());
    expect(layer.features.map((f) => f.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(codes).toEqual(['99001', '99002', '99003', '99004', '99005', '99006', '99007', '99008', '99009']);
    expect(bboxes[4]).toEqual([3.1, 50.1, 3.2, 50.2]);
  });

  it('numbers from a first id (the build numbers the geometry years one after the other)', () => {
    const { layer, firstId, codes } = communeLayer(gridTopology(), { firstId: 3789 });
    expect(firstId).toBe(3789);
    expect(layer.features.map((f) => f.id)).toEqual(codes.map((_, i) => 3789 + i));
  });
});

describe('outlineLayers', () => {
  const ref = tinyReference();
  const layers = outlineLayers(gridTopology(), cogCodeOf, ref, [
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
    expect(layers.departments.features.map((f) => f.properties.key)).toEqual(['98', '99']);
    const total = layers.departments.features.reduce((s, f) => s + areaKm2(f), 0);
    expect(total / CELL).toBeCloseTo(6, 1);
  });

  it('outlines each PRAPS territory on its own', () => {
    expect(layers.priority.features.map((f) => f.properties.key)).toEqual(['praps-a']);
    expect(areaKm2(layers.priority.features[0]!) / CELL).toBeCloseTo(2, 1);
  });

  it('marks the polygons of communes holding a QPV with their COG-year code (a merged commune: all its polygons)', () => {
    expect(layers.qpv.features.map((f) => f.properties.code).sort()).toEqual(['98005', '99003', '99003']);
    expect(layers.qpv.features.map((f) => f.id)).toEqual([0, 1, 2]);
  });
});

describe('placeNames', () => {
  const ref = tinyReference();
  const topology = gridTopology();
  const names = placeNames(topology, cogCodeOf, ref, outlineLayers(topology, cogCodeOf, ref, []));
  const commune = new Map(ref.communes.map((c) => [c.code, c]));

  it('names every commune of the COG year once, a merged commune in its successor with its name', () => {
    const codes = names.communes.features.map((f) => f.properties.code).sort();
    expect(codes).toEqual(['98004', '98005', '99001', '99002', '99003']);
    for (const f of names.communes.features) {
      expect(f.properties.name).toBe(commune.get(f.properties.code)!.name);
      expect(f.properties.population).toBe(commune.get(f.properties.code)!.population);
    }
    expect(names.communes.features.map((f) => f.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('names departments and EPCI at region zoom, with towns of at least TOWN_POPULATION inhabitants', () => {
    const kinds = names.regional.features.map((f) => `${f.properties.kind}:${f.properties.code}`);
    expect(kinds.filter((k) => !k.startsWith('commune'))).toEqual([
      'department:98',
      'department:99',
      'epci:200000001',
      'epci:200000002',
    ]);
    // No town of TOWN_POPULATION inhabitants here; with a threshold of 500, D (1,000 inhabitants) alone.
    expect(ref.communes.every((c) => c.population < TOWN_POPULATION)).toBe(true);
    expect(kinds.filter((k) => k.startsWith('commune'))).toEqual([]);
    const lower = placeNames(topology, cogCodeOf, ref, outlineLayers(topology, cogCodeOf, ref, []), {
      townPopulation: 500,
    });
    expect(
      lower.regional.features.filter((f) => f.properties.kind === 'commune').map((f) => f.properties.name),
    ).toEqual(['D']);
    const epci = names.regional.features.find((f) => f.properties.code === '200000001')!;
    expect(epci.properties.name).toBe(ref.epcis.find((e) => e.siren === '200000001')!.name);
  });
});
