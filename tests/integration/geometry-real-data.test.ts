import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import { featureCollection, intersect, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import inside from 'point-in-polygon-hao';
import {
  areaKm2,
  createLocator,
  dissolveBy,
  dissolveRingsBy,
  overlayZones,
  recodeTopology,
  ringsOfFeatures,
  ringsOfTopology,
  validateGeometry,
  type AreaCollection,
  type CommuneTopology,
} from '@cls/geo';
import { communeFeatures, dataPath, loadCommuneGeometry, loadCommuneTopology, loadReference, readJson } from '@cls/io';
import type { Topology } from 'topojson-specification';
import { tiledTopology } from '../../packages/geo/src/tiled-topology.fixture.ts';

/** Every polygon dissolved into one (the whole region), holes kept. */
const dissolveAll = (t: Topology) => dissolveBy(t, () => 'all').features[0]!;
const communesOf = (topo: Topology) =>
  feature(topo, topo.objects.communes!) as unknown as AreaCollection<{ code: string }>;

describe('dissolve on the real communes', () => {
  const topo = loadCommuneTopology(2024);
  const ref = loadReference(2024);
  const epciOf = new Map(ref.communes.map((c) => [c.code, c.epci!]));
  const epcis = dissolveBy(topo, (code) => epciOf.get(code) ?? null);
  const region = dissolveAll(topo);

  it('the 2024 dissolve by EPCI agrees with the independent EPCI polygons within 1% of area, for every EPCI', () => {
    const indepTopo = readJson<Topology>(dataPath('geo', '32', 'epci-2024-qualicharge.topo.json.gz'));
    const indep = feature(indepTopo, indepTopo.objects.epci!) as unknown as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string }
    >;
    expect(epcis.features).toHaveLength(92);
    expect(indep.features.map((f) => f.properties.code).sort()).toEqual(epcis.features.map((f) => f.properties.key));
    for (const f of epcis.features) {
      let other: Feature<Polygon | MultiPolygon> = indep.features.find((x) => x.properties.code === f.properties.key)!;
      // Cross-region EPCI: the independent layer has their full geometry; compare the region part.
      const ep = ref.epcis.find((e) => e.siren === f.properties.key)!;
      if (ep.members.some((m) => ref.regionOfCode.get(m) !== '32'))
        other = intersect(featureCollection([other, region as Feature<Polygon | MultiPolygon>]))!;
      expect(Math.abs(areaKm2(f) / areaKm2(other) - 1), `${ep.name}`).toBeLessThan(0.01);
    }
  });

  it('no slivers: the EPCI add up to the region, and the communes too (within 0.01%)', () => {
    const regionArea = areaKm2(region);
    expect((region.geometry as MultiPolygon).coordinates).toHaveLength(1);
    const sumEpci = epcis.features.reduce((s, f) => s + areaKm2(f), 0);
    const sumCommunes = communesOf(topo).features.reduce((s, f) => s + areaKm2(f), 0);
    expect(Math.abs(sumEpci / regionArea - 1)).toBeLessThan(1e-4);
    expect(Math.abs(sumCommunes / regionArea - 1)).toBeLessThan(1e-4);
    expect(regionArea).toBeGreaterThan(31_000);
    expect(regionArea).toBeLessThan(32_500);
  });

  it('a France-size dissolve (the region tiled 5 × 2, past the size where positions are written as literals) gives tile 0 the region dissolve, position for position', () => {
    // The tile prefixes the code (`3-62498`) and the EPCI key alike; tile 0 lies where the region does.
    const key = (code: string) => {
      const dash = code.indexOf('-');
      const e = epciOf.get(code.slice(dash + 1));
      return e ? (dash < 0 ? e : `${code.slice(0, dash)}-${e}`) : null;
    };
    const large = dissolveBy(tiledTopology(topo, 5, 2), key);
    expect(large.features).toHaveLength(10 * epcis.features.length);
    const tile0 = new Map(
      large.features.filter((f) => f.properties.key.startsWith('0-')).map((f) => [f.properties.key.slice(2), f]),
    );
    for (const f of epcis.features) expect(tile0.get(f.properties.key)?.geometry).toEqual(f.geometry);
  });

  it('dissolveRingsBy writes the points of the EPCI dissolve flat, at region size and tiled ten times', () => {
    const flat = dissolveRingsBy(topo, (code) => epciOf.get(code) ?? null);
    const expected = ringsOfFeatures(epcis, { idProperty: 'key' });
    expect(flat.codes).toEqual(expected.codes);
    expect(Array.from(flat.counts)).toEqual(epcis.features.map((f) => f.properties.count));
    expect(Buffer.from(flat.xy.buffer).equals(Buffer.from(expected.xy.buffer))).toBe(true);
    expect(Buffer.from(flat.ringStart.buffer).equals(Buffer.from(expected.ringStart.buffer))).toBe(true);
    const outers = epcis.features.reduce((n, f) => n + (f.geometry as MultiPolygon).coordinates.length, 0);
    expect(flat.outer.reduce((n, v) => n + v, 0)).toBe(outers);
    // Tiled ten times (the dissolve's literal path for GeoJSON positions).
    const tiled = tiledTopology(topo as CommuneTopology, 5, 2);
    expect(tiled.arcs.reduce((n, a) => n + a.length, 0)).toBeGreaterThan(500_000); // LARGE_TOPOLOGY
    const keyOf = (code: string) => (code.startsWith('3-') ? (epciOf.get(code.slice(2)) ?? null) : null);
    const tile = dissolveRingsBy(tiled, keyOf);
    expect(
      Buffer.from(tile.xy.buffer).equals(
        Buffer.from(ringsOfFeatures(dissolveBy(tiled, keyOf), { idProperty: 'key' }).xy.buffer),
      ),
    ).toBe(true);
    expect(tile.codes).toHaveLength(92);
  });

  it('geometry checks on the shipped polygons: only the known self-intersections of the 2024 source', () => {
    // The 2024 source (100 m precision) has self-touching rings in three communes; the 2026 file
    // dissolved 62549 into 62447. They do not affect areas measurably and are reported, not fixed.
    const found = (y: number) =>
      validateGeometry(communesOf(loadCommuneTopology(y)))
        .map((p) => `${p.code}:${p.kind}`)
        .sort();
    expect(found(2019)).toEqual([]);
    expect(found(2024)).toEqual(['59160:self-intersection', '62318:self-intersection', '62549:self-intersection']);
    expect(found(2026)).toEqual(['59160:self-intersection', '62318:self-intersection']);
  });
});

describe('geometry for years without a file', () => {
  it('COG 2021, 2022, 2023 derive from 2019 with exactly the communes of the year', () => {
    for (const cog of [2021, 2022, 2023]) {
      const g = loadCommuneGeometry(cog);
      expect(g.baseYear).toBe(2019);
      expect(g.missing).toEqual([]);
      const derived = dissolveBy(g.topology, (c) => c);
      expect(derived.features.map((f) => f.properties.key)).toEqual(
        loadReference(cog)
          .communes.map((c) => c.code)
          .sort(),
      );
    }
  });

  it('2019 → 2024 codes: merged communes dissolve; only communes restored after 2019 are missing, and reported', () => {
    const g = loadCommuneGeometry(2021);
    const base = loadCommuneTopology(2019);
    const r = recodeTopology(base as CommuneTopology, loadReference(2019), loadReference(2024));
    // Independently of the recoding: a commune nouvelle keeps an existing code, so the codes of COG
    // 2024 that COG 2019 does not list are communes restored since, which no 2019 polygon can give
    // (was a tautology: the recoder's own rule written again).
    const in2019 = new Set(loadReference(2019).communes.map((c) => c.code));
    const restored = loadReference(2024)
      .communes.map((c) => c.code)
      .filter((c) => !in2019.has(c));
    expect(restored.length).toBeGreaterThan(0);
    expect([...r.missing].sort()).toEqual(restored.sort());
    expect(r.ambiguous.map((a) => a.code)).toContain('60054');
    // 02077 (Berzy-le-Sec) and 02564 (Bernoy-le-Château) became one commune 02564 by 2024.
    const merged = dissolveBy(r.topology, (c) => (c === '02564' ? c : null)).features[0]!;
    expect(merged.properties.count).toBe(2);
    expect((merged.geometry as MultiPolygon).coordinates).toHaveLength(1);
    const own2024 = communesOf(loadCommuneTopology(2024)).features.find((f) => f.properties.code === '02564')!;
    expect(Math.abs(areaKm2(merged) / areaKm2(own2024) - 1)).toBeLessThan(0.03);
    expect(g.cog).toBe(2021);
  });
});

describe('point lookup and overlay on real communes', () => {
  const communes = communesOf(loadCommuneTopology(2026));
  it('a point inside every commune (turf pointOnFeature) falls in its own commune', () => {
    const loc = createLocator(communes);
    const rings = (f: (typeof communes.features)[number]) =>
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const onBoundary: string[] = [];
    const wrong: string[] = [];
    for (const f of communes.features) {
      const p = pointOnFeature(f).geometry.coordinates as [number, number];
      const own = rings(f)
        .map((poly) => inside(p, poly))
        .find((r) => r !== false);
      if (own === 0) {
        // turf 7.4 falls back to the nearest vertex when it finds no interior point: that vertex lies on a
        // shared boundary, where any of the communes sharing it is a right answer.
        onBoundary.push(f.properties.code);
        const got = communes.features.find((g) => g.properties.code === loc.locate(...p));
        if (!got || !rings(got).some((poly) => inside(p, poly) === 0)) wrong.push(f.properties.code);
      } else if (loc.locate(...p) !== f.properties.code) wrong.push(f.properties.code);
    }
    expect(wrong).toEqual([]);
    expect(onBoundary.length).toBeLessThan(communes.features.length / 50);
    expect(loc.locate(2.8313, 50.4328)).toBe('62498'); // Lens town hall
    expect(loc.locate(-1.55, 47.21)).toBeNull(); // Nantes, outside the region
    // One batch answers like locate, in input order: each commune's interior point, then its first vertex (on a
    // boundary, shared by several communes), then Nantes.
    const lonLat = communes.features.flatMap((f) => [
      ...pointOnFeature(f).geometry.coordinates,
      ...rings(f)[0]![0]![0]!,
    ]);
    lonLat.push(-1.55, 47.21);
    const one = Array.from({ length: lonLat.length / 2 }, (_, i) => loc.locate(lonLat[2 * i]!, lonLat[2 * i + 1]!));
    expect(loc.locateAll(lonLat)).toEqual(one);
    expect(one.filter((c) => c === null)).toHaveLength(1);
  });

  it('each shipped topology reads straight into the rings of its GeoJSON, point for point', () => {
    for (const year of [2019, 2024, 2026] as const) {
      const topo = loadCommuneTopology(year);
      const rings = ringsOfTopology(topo);
      const expected = ringsOfFeatures(communesOf(topo));
      expect(rings.codes).toEqual(expected.codes);
      expect(Buffer.from(rings.ringStart.buffer).equals(Buffer.from(expected.ringStart.buffer))).toBe(true);
      expect(Buffer.from(rings.polygonStart.buffer).equals(Buffer.from(expected.polygonStart.buffer))).toBe(true);
      expect(Buffer.from(rings.xy.buffer).equals(Buffer.from(expected.xy.buffer))).toBe(true);
      expect(rings.xy.length).toBeGreaterThan(200_000);
    }
  });

  it('`cls locate` reads the recoded 2023 topology straight: the answers of its dissolved GeoJSON', () => {
    const g = loadCommuneGeometry(2023);
    expect(g.baseYear).toBe(2019);
    const fromTopology = createLocator(g.topology);
    const fromFeatures = createLocator(communeFeatures(g));
    // 50,000 seeded points over the region's bbox (a point on a boundary has probability 0).
    const [w, s, e, n] = g.topology.bbox!;
    const lonLat = new Float64Array(100_000);
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 50_000; i++) lonLat.set([w + next() * (e - w), s + next() * (n - s)], 2 * i);
    const got = fromTopology.locateAll(lonLat);
    expect(got).toEqual(fromFeatures.locateAll(lonLat));
    expect(got.filter((c) => c !== null).length).toBeGreaterThan(25_000);
    // 02077 (Berzy-le-Sec) and 02695 merged into other communes after 2019: their points carry the new codes.
    const codes = new Set(got);
    expect(codes.has('02077') || codes.has('02695')).toBe(false);
    expect(codes.has('02564')).toBe(true);
  });

  it('overlay: a zone over Lens and Liévin is split by area when only Lens is covered', () => {
    const lens = communes.features.find((f) => f.properties.code === '62498')!;
    const lievin = communes.features.find((f) => f.properties.code === '62510')!;
    const both = dissolveBy(loadCommuneTopology(2026), (c) => (c === '62498' || c === '62510' ? 'z' : null))
      .features[0]!;
    both.properties = { code: 'zone', population: 10_000 } as never;
    const [r] = overlayZones({ type: 'FeatureCollection', features: [both] }, communes, (c) => c === '62498');
    const expected = areaKm2(lens) / (areaKm2(lens) + areaKm2(lievin));
    expect(r!.coveredShare).toBeCloseTo(expected, 3);
    expect(r!.populationCovered).toBeCloseTo(10_000 * expected, -1);
    expect(r!.estimate).toBe(true);
  });
});
