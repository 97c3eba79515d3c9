import { describe, expect, it } from 'vitest';
import { topology } from 'topojson-server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanClockwise, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { areaKm2 } from './area.ts';
import { dissolveBy, dissolveRingsBy } from './dissolve.ts';

/** Every polygon dissolved into one (the whole region), holes kept. */
const dissolveAll = (t: Parameters<typeof dissolveBy>[0]) => dissolveBy(t, () => 'all').features[0]!;
import { createLocator } from './locate.ts';
import { ringsOfFeatures, ringsOfTopology } from './polygon-rings.ts';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { AreaCollection, CommuneTopology } from './types.ts';
import { overlayZones } from './overlay.ts';
import { validateGeometry } from './validate-geometry.ts';
import { gridCommunes, gridTopology } from './grid.fixture.ts';

const cellArea = areaKm2(gridCommunes().features[0]!);
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../tests/fixtures/geo', name), 'utf8')) as FeatureCollection;

describe('dissolveBy on a 3×3 grid', () => {
  it('dissolves along shared arcs: one polygon, area = sum of cells, RFC 7946 winding', () => {
    const all = dissolveAll(gridTopology());
    const g = all.geometry as MultiPolygon;
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]).toHaveLength(1);
    // 12 boundary vertices (cell corners on the edge) + the closing one: no interior vertex left.
    expect(g.coordinates[0]![0]).toHaveLength(13);
    expect(booleanClockwise(g.coordinates[0]![0]!)).toBe(false);
    expect(areaKm2(all)).toBeCloseTo(
      gridCommunes().features.reduce((s, f) => s + areaKm2(f), 0),
      6,
    );
  });

  it('keeps an uncovered enclave as a hole (clockwise inner ring)', () => {
    const ring = dissolveBy(gridTopology(), (code) => (code === '99005' ? null : 'covered'));
    const g = ring.features[0]!.geometry as MultiPolygon;
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]).toHaveLength(2);
    expect(booleanClockwise(g.coordinates[0]![1]!)).toBe(true);
    expect(areaKm2(ring.features[0]!)).toBeCloseTo(
      areaKm2(dissolveAll(gridTopology())) - areaKm2(gridCommunes().features[4]!),
      6,
    );
  });

  it('groups by key and counts members; disjoint groups become multipolygons', () => {
    const fc = dissolveBy(gridTopology(), (code) => (['99001', '99009'].includes(code) ? 'corners' : 'rest'));
    expect(
      fc.features.map((f) => [f.properties.key, f.properties.count, (f.geometry as MultiPolygon).coordinates.length]),
    ).toEqual([
      ['corners', 2, 2],
      ['rest', 7, 1],
    ]);
  });

  it('bug caught while rewriting the stitch: cells touching at a corner are two rings, never one touching itself', () => {
    // 99001 and 99005 meet at one point only: a single ring through it would not be a valid polygon.
    const fc = dissolveBy(gridTopology(), (code) => (['99001', '99005'].includes(code) ? 'diagonal' : null));
    const rings = (fc.features[0]!.geometry as MultiPolygon).coordinates;
    expect(rings.map((p) => p.length)).toEqual([1, 1]);
    for (const [outer] of rings) expect(outer).toHaveLength(5);
  });

  it('reads a quantized topology (delta-encoded arcs) as the same areas', () => {
    const quantized = topology({ communes: gridCommunes() }, 1e5) as unknown as CommuneTopology;
    expect(quantized.transform).toBeDefined();
    const a = dissolveBy(quantized, (code) => (code === '99005' ? null : 'ring'));
    const b = dissolveBy(gridTopology(), (code) => (code === '99005' ? null : 'ring'));
    expect(areaKm2(a.features[0]!)).toBeCloseTo(areaKm2(b.features[0]!), 3);
    expect((a.features[0]!.geometry as MultiPolygon).coordinates[0]).toHaveLength(2);
  });
});

describe('dissolveRingsBy', () => {
  it("writes dissolveBy's points flat, in its order (holes after their outer ring, groups by key), members counted", () => {
    // The corners 99001 + 99009 (two polygons), the rest but the centre 99005.
    const keyOf = (code: string) => (code === '99005' ? null : ['99001', '99009'].includes(code) ? 'corners' : 'ring');
    const quantized = topology({ communes: gridCommunes() }, 1e5) as unknown as Topology;
    for (const t of [gridTopology() as unknown as Topology, quantized]) {
      const flat = dissolveRingsBy(t, keyOf);
      const expected = ringsOfFeatures(dissolveBy(t, keyOf), { idProperty: 'key' });
      expect(flat.codes).toEqual(['corners', 'ring']);
      expect(Array.from(flat.counts)).toEqual([2, 6]);
      expect(Array.from(flat.xy)).toEqual(Array.from(expected.xy));
      expect(Array.from(flat.ringStart)).toEqual(Array.from(expected.ringStart));
      expect(Array.from(flat.polygonStart)).toEqual(Array.from(expected.polygonStart));
    }
    // Two groups of two outer rings each (the rest splits in two L shapes meeting at corners).
    expect(Array.from(dissolveRingsBy(gridTopology(), keyOf).outer)).toEqual([1, 1, 1, 1]);
    // Around a left-out centre: one outer ring, then its hole, as in the GeoJSON.
    const ring = dissolveRingsBy(gridTopology(), (code) => (code === '99005' ? null : 'ring'));
    expect(Array.from(ring.outer)).toEqual([1, 0]);
    const expected = ringsOfFeatures(
      dissolveBy(gridTopology(), (code) => (code === '99005' ? null : 'ring')),
      {
        idProperty: 'key',
      },
    );
    expect(Array.from(ring.xy)).toEqual(Array.from(expected.xy));
    const loc = createLocator(ring);
    expect([loc.locate(3.05, 50.05), loc.locate(3.15, 50.15), loc.locate(2.9, 50.05)]).toEqual(['ring', null, null]);
  });
});

describe('createLocator', () => {
  it('finds the cell of a point and null outside', () => {
    const loc = createLocator(gridCommunes());
    expect(loc.locate(3.05, 50.05)).toBe('99001');
    expect(loc.locate(3.15, 50.15)).toBe('99005');
    expect(loc.locate(3.25, 50.25)).toBe('99009');
    expect(loc.locate(2.9, 50.05)).toBeNull();
  });

  it('gives a point on a shared edge or corner to the first polygon holding it, in input order', () => {
    const loc = createLocator(gridCommunes());
    expect(loc.locate(3.1, 50.05)).toBe('99001'); // edge 99001 | 99002
    expect(loc.locate(3.15, 50.1)).toBe('99002'); // edge 99002 / 99005
    expect(loc.locate(3.1, 50.1)).toBe('99001'); // corner of four cells
    expect(loc.locate(3.3, 50.3)).toBe('99009'); // the grid's north-east corner
  });

  it('reads a topology straight, or rings already read, with the same answers (edges and corners too)', () => {
    const points = [3.05, 50.05, 3.15, 50.15, 3.1, 50.05, 3.15, 50.1, 3.1, 50.1, 3.3, 50.3, 2.9, 50.05, 3.3, 50.31];
    const expected = createLocator(gridCommunes()).locateAll(points);
    expect(expected).toEqual(['99001', '99005', '99001', '99002', '99001', '99009', null, null]);
    expect(createLocator(gridTopology()).locateAll(points)).toEqual(expected);
    expect(createLocator(ringsOfFeatures(gridCommunes())).locateAll(points)).toEqual(expected);
    const quantized = topology({ communes: gridCommunes() }, 1e5) as unknown as Topology;
    expect(createLocator(quantized).locate(3.15, 50.15)).toBe('99005');
  });

  it('answers a batch like point by point, in input order (edges, corners, outside, not a number)', () => {
    const loc = createLocator(gridCommunes());
    const lonLat = [
      3.25,
      50.25,
      3.1,
      50.05,
      2.9,
      50.05,
      3.05,
      50.05,
      3.1,
      50.1,
      Number.NaN,
      50.1,
      3.3,
      50.3,
      3.05,
      50.05,
    ];
    const one = Array.from({ length: lonLat.length / 2 }, (_, i) => loc.locate(lonLat[2 * i]!, lonLat[2 * i + 1]!));
    expect(one).toEqual(['99009', '99001', null, '99001', '99001', null, '99009', '99001']);
    expect(loc.locateAll(lonLat)).toEqual(one);
    expect(loc.locateAll(new Float64Array(0))).toEqual([]);
    expect(() => loc.locateAll([3.05, 50.05, 3.15])).toThrow('paires lon, lat');
  });

  it('leaves out a hole, and finds what fills it', () => {
    const outer = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const hole = [
      [1, 1],
      [1, 3],
      [3, 3],
      [3, 1],
      [1, 1],
    ];
    const loc = createLocator({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'ring' }, geometry: { type: 'Polygon', coordinates: [outer, hole] } },
        {
          type: 'Feature',
          properties: { code: 'inner' },
          geometry: { type: 'Polygon', coordinates: [[...hole].reverse()] },
        },
      ],
    });
    expect(loc.locate(0.5, 0.5)).toBe('ring');
    expect(loc.locate(2, 2)).toBe('inner');
    expect(loc.locate(1, 2)).toBe('ring'); // on the hole's edge: the first polygon holding it
    expect(loc.locate(5, 5)).toBeNull();
  });

  it('answers like turf on a comb whose long edges cross every band (run lists outgrow their first guess)', () => {
    // 30 teeth 10 high: 60 edges each crossing 18 of the comb's 20 bands, two runs per tooth and band, 1,080 runs
    // (more than the 1,024 a feature's list starts with, and than the half run per point of the whole list).
    const ring: number[][] = [[0, 0]];
    for (let t = 0; t < 30; t++) ring.push([2 * t, 10], [2 * t + 1, 10], [2 * t + 1, 1], [2 * t + 2, 1]);
    ring.push([60, 0], [0, 0]);
    const comb: Feature<Polygon, { code: string }> = {
      type: 'Feature',
      properties: { code: 'comb' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    const loc = createLocator({ type: 'FeatureCollection', features: [comb] });
    let inside = 0;
    for (let i = 0; i < 400; i++) {
      const x = ((i * 7919) % 6000) / 100 + 0.005;
      const y = ((i * 104729) % 1000) / 100 + 0.005;
      const expected = booleanPointInPolygon([x, y], comb) ? 'comb' : null;
      expect(loc.locate(x, y), `${x} ${y}`).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(100);
    expect(inside).toBeLessThan(350);
  });
});

describe('ringsOfTopology', () => {
  const viaGeoJson = (t: Topology) => ringsOfFeatures(feature(t, t.objects.communes!) as unknown as AreaCollection);

  it('reads the points topojson-client would, without GeoJSON: reversed arcs, quantized arcs, short rings', () => {
    const quantized = topology({ communes: gridCommunes() }, 1e5) as unknown as Topology;
    // A MultiPolygon with a hole, an arc read backwards, and a ring of 3 points (topojson-client adds one).
    const handMade: Topology = {
      type: 'Topology',
      arcs: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [1, 1],
          [1, 3],
          [3, 3],
          [3, 1],
          [1, 1],
        ],
        [
          [5, 5],
          [6, 5],
          [5, 5],
        ],
      ],
      objects: {
        communes: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'MultiPolygon', arcs: [[[0], [~1]], [[2]]], properties: { code: 'a' } },
            { type: 'Polygon', arcs: [[1]], properties: { code: 'b' } },
          ],
        },
      },
    };
    for (const t of [gridTopology() as unknown as Topology, quantized, handMade]) {
      const rings = ringsOfTopology(t);
      const expected = viaGeoJson(t);
      expect(Array.from(rings.xy)).toEqual(Array.from(expected.xy));
      expect(Array.from(rings.ringStart)).toEqual(Array.from(expected.ringStart));
      expect(Array.from(rings.polygonStart)).toEqual(Array.from(expected.polygonStart));
      expect(rings.codes).toEqual(expected.codes);
    }
    expect(Array.from(ringsOfTopology(handMade).ringStart)).toEqual([0, 5, 10, 14, 19]);
  });

  it('refuses a geometry that is not a polygon or has no code, naming it, and an absent object', () => {
    const t = gridTopology() as unknown as Topology;
    const point = { type: 'Point', coordinates: [3, 50], properties: { code: '99010' } } as never;
    const withPoint = { ...t, objects: { communes: { type: 'GeometryCollection', geometries: [point] } } } as Topology;
    expect(() => ringsOfTopology(withPoint)).toThrow('géométrie 1 (99010) : Point, polygone attendu');
    expect(() => ringsOfTopology(t, { object: 'epci' })).toThrow('objet TopoJSON « epci » absent');
    const noCode = {
      ...t,
      objects: { communes: { ...t.objects.communes!, geometries: [{ type: 'Polygon', arcs: [[0]] }] } },
    };
    expect(() => ringsOfTopology(noCode as Topology)).toThrow('géométrie 1 : propriété « code » absente');
    const cells = gridCommunes();
    (cells.features[4]!.properties as Record<string, unknown>).code = '';
    expect(() => createLocator(cells)).toThrow('entité 5 : propriété « code » absente');
  });
});

describe('overlayZones', () => {
  const covered = new Set(['99001', '99002']);
  const zone = (code: string, coords: number[][], population?: number) => ({
    type: 'Feature' as const,
    properties: { code, ...(population !== undefined ? { population } : {}) },
    geometry: { type: 'Polygon' as const, coordinates: [coords] } as Polygon,
  });
  it('a zone holding whole communes (no edge near them) and one with a hole: shares equal the exact intersections', () => {
    // The whole grid inside the zone's outer ring; a hole inside the centre cell 99005 only.
    const outer = [
      [2.99, 49.99],
      [3.31, 49.99],
      [3.31, 50.31],
      [2.99, 50.31],
      [2.99, 49.99],
    ];
    const hole = [
      [3.12, 50.12],
      [3.12, 50.18],
      [3.18, 50.18],
      [3.18, 50.12],
      [3.12, 50.12],
    ];
    const z = {
      type: 'Feature' as const,
      properties: { code: 'Z' },
      geometry: { type: 'Polygon' as const, coordinates: [outer, hole] } as Polygon,
    };
    const [r] = overlayZones({ type: 'FeatureCollection', features: [z] }, gridCommunes(), () => true);
    const total = areaKm2(z);
    const byCode = new Map(r!.communes.map((c) => [c.code, c.share * total]));
    expect(byCode.size).toBe(9);
    // Each piece, fast path or not, equals turf's exact intersection.
    for (const commune of gridCommunes().features) {
      const exact = areaKm2(intersect(featureCollection([z as never, commune as never]))!);
      expect([commune.properties.code, byCode.get(commune.properties.code)! - exact]).toEqual([
        commune.properties.code,
        expect.closeTo(0, 6),
      ]);
    }
    expect(byCode.get('99001')).toBeCloseTo(cellArea, 6);
    expect(byCode.get('99005')).toBeLessThan(cellArea * 0.7);
  });

  it('splits a zone straddling a covered and an uncovered commune by area, and says it is an estimate', () => {
    // Half in 99002 (covered), half in 99003 (not covered).
    const z = zone(
      'QN1',
      [
        [3.15, 50.02],
        [3.25, 50.02],
        [3.25, 50.06],
        [3.15, 50.06],
        [3.15, 50.02],
      ],
      1000,
    );
    const [r] = overlayZones({ type: 'FeatureCollection', features: [z] }, gridCommunes(), (c) => covered.has(c));
    expect(r!.coveredShare).toBeCloseTo(0.5, 3);
    expect(r!.populationCovered).toBeCloseTo(500, 0);
    expect(r!.estimate).toBe(true);
    expect(r!.communes.map((c) => c.code).sort()).toEqual(['99002', '99003']);
  });
  it('a zone inside one covered commune is fully covered, exactly', () => {
    const z = zone(
      'QN2',
      [
        [3.01, 50.01],
        [3.05, 50.01],
        [3.05, 50.05],
        [3.01, 50.05],
        [3.01, 50.01],
      ],
      200,
    );
    const [r] = overlayZones({ type: 'FeatureCollection', features: [z] }, gridCommunes(), (c) => covered.has(c));
    expect(r).toMatchObject({ coveredShare: 1, populationCovered: 200, estimate: false });
  });
  it('a zone outside every commune has nothing covered', () => {
    const z = zone('QN3', [
      [4, 51],
      [4.1, 51],
      [4.1, 51.1],
      [4, 51.1],
      [4, 51],
    ]);
    const [r] = overlayZones({ type: 'FeatureCollection', features: [z] }, gridCommunes(), () => true);
    expect(r).toMatchObject({ coveredShare: 0, communes: [], population: null });
  });
  it('cell area sanity: a 0.1° cell near 50°N is about 79 km²', () => {
    expect(cellArea).toBeGreaterThan(75);
    expect(cellArea).toBeLessThan(82);
  });
});

describe('validateGeometry: each kind of bad geometry is reported with its code', () => {
  it('self-intersection (bow tie)', () => {
    expect(validateGeometry(fixture('self-intersecting-bowtie.geojson'))).toEqual([
      expect.objectContaining({
        code: '59001',
        kind: 'self-intersection',
        message: expect.stringMatching(/^59001 : 1 auto-intersection/),
      }),
    ]);
  });
  it('unclosed ring', () => {
    expect(validateGeometry(fixture('unclosed-ring.geojson'))).toEqual([
      expect.objectContaining({ code: '59002', kind: 'unclosed-ring' }),
    ]);
  });
  it('empty and missing geometries', () => {
    expect(validateGeometry(fixture('empty-geometries.geojson')).map((p) => [p.code, p.kind])).toEqual([
      ['59003', 'empty'],
      ['59004', 'empty'],
    ]);
  });
  it('Lambert-93 coordinates passed as WGS84', () => {
    expect(validateGeometry(fixture('lambert93-as-wgs84.geojson'))).toEqual([
      expect.objectContaining({
        code: '59350',
        kind: 'projected-coordinates',
        message: expect.stringContaining('Lambert-93 (EPSG:2154)'),
      }),
    ]);
  });
  it('a valid grid has no problem', () => {
    expect(validateGeometry(gridCommunes())).toEqual([]);
  });

  // Each once gave a figure with no warning: −18 km², 0 km², exit 3, 83 million km², "hors des bornes", "Lambert-93".
  const zone = (code: string, coordinates: unknown, type = 'Polygon') =>
    ({ type: 'Feature', properties: { code }, geometry: { type, coordinates } }) as never;
  const square = [
    [2.8, 50.4],
    [2.9, 50.4],
    [2.9, 50.5],
    [2.8, 50.5],
    [2.8, 50.4],
  ];
  it('a hole outside its shell, a zero-area sliver, an empty MultiPolygon part, a ring across the antimeridian', () => {
    const away = [
      [3.8, 50.4],
      [3.9, 50.4],
      [3.9, 50.5],
      [3.8, 50.4],
    ];
    const sliver = [
      [2.8, 50.4],
      [2.9, 50.4],
      [3.0, 50.4],
      [2.8, 50.4],
    ];
    const wide = [
      [-179, 10],
      [179, 10],
      [179, 11],
      [-179, 10],
    ];
    const fc = {
      type: 'FeatureCollection',
      features: [
        zone('hole', [square, away]),
        zone('sliver', [sliver]),
        zone('multi', [[square], []], 'MultiPolygon'),
        zone('wide', [wide]),
        zone('ok', [square]),
      ],
    } as never;
    expect(validateGeometry(fc).map((p) => [p.code, p.kind])).toEqual([
      ['hole', 'hole-outside'],
      ['sliver', 'zero-area'],
      ['multi', 'empty'],
      ['wide', 'antimeridian'],
    ]);
  });
  it('coordinates written as text, and Web Mercator named as such (bug: called "Lambert-93 probable")', () => {
    const text = [square.map(([x, y]) => [String(x), String(y)])];
    const wm = [square.map(([x, y]) => [x! * 111_319.49, 6_518_000 + (y! - 50.4) * 150_000])];
    const problems = validateGeometry({
      type: 'FeatureCollection',
      features: [zone('t', text), zone('wm', wm)],
    } as never);
    expect(problems.map((p) => [p.code, p.kind])).toEqual([
      ['t', 'not-numbers'],
      ['wm', 'projected-coordinates'],
    ]);
    expect(problems[1]!.message).toContain('Web Mercator (EPSG:3857)');
  });
});
