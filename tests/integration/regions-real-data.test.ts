import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { area, bbox, booleanPointInPolygon, point, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { coverageFigures, createCoverageEngine, REGIONS } from '@cls/core';
import { createLocator } from '@cls/geo';
import {
  dataPath,
  geometryRegions,
  GEOMETRY_YEARS,
  loadCommuneTopology,
  loadModel,
  loadReference,
  readJson,
} from '@cls/io';
import { cls, root } from './run-cli.ts';

/**
 * The national polygons and every region on the shipped real data. Besides 32: Bretagne (53), La
 * Réunion (04, overseas, true coordinates), Corse (94, 2A/2B), Île-de-France (11, Paris without its
 * arrondissements) and Grand Est (44, the CARTElette source).
 */
const REGIONS_TESTED = ['53', '04', '94', '11', '44'];
/** Communes restored by a split after the 2024 polygons (data/geo/PROVENANCE.md): no polygon of their own. */
const RESTORED_2026: Record<string, string[]> = { '84': ['15031', '15035', '15047', '15171'] };

// The packages read raw, apart from the product's loaders: the independent side of the counts below.
const require = createRequire(join(root, 'packages/io/package.json'));
interface RawCommune {
  code: string;
  type: string;
  region?: string;
  population?: number;
}
const raw2024 = {
  communes: require('cog-2024/data/communes.json') as RawCommune[],
  epci: require('cog-2024/data/epci.json') as Array<{ code: string; membres: Array<{ code: string }> }>,
};

const decode = (region: string, year: number) => {
  const topo = loadCommuneTopology(year, region);
  return feature(topo, topo.objects.communes) as unknown as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
};

describe('national polygons (data/geo/<region>/)', () => {
  it('are shipped for the 18 regions of an ARS', () => {
    expect(geometryRegions()).toEqual(Object.keys(REGIONS).sort());
  });

  for (const region of Object.keys(REGIONS).sort())
    it(`region ${region}: every commune of each geometry year has one polygon, no other code`, () => {
      for (const year of GEOMETRY_YEARS) {
        const codes = decode(region, year).features.map((f) => f.properties.code);
        expect(new Set(codes).size, `${region} ${year} : codes en double`).toBe(codes.length);
        const expected = loadReference(year, { region })
          .communes.map((c) => c.code)
          .filter((c) => year !== 2026 || !RESTORED_2026[region]?.includes(c));
        expect([...codes].sort(), `${region} ${year}`).toEqual(expected.sort());
      }
    });

  for (const region of REGIONS_TESTED)
    it(`region ${region}: each commune's area within 0.5 % of its source's`, () => {
      for (const year of GEOMETRY_YEARS) {
        const source = readJson<Record<string, number>>(
          dataPath('geo', region, `communes-${year}.source-areas.json.gz`),
        );
        let worst = 0;
        for (const f of decode(region, year).features)
          worst = Math.max(worst, Math.abs(area(f) / source[f.properties.code]! - 1));
        expect(worst, `${region} ${year}`).toBeLessThan(0.005);
      }
    });

  it('La Réunion is drawn at its true place (not moved next to mainland France), Corse with 2A/2B codes', () => {
    const reunion = decode('04', 2024).features.map((f) => pointOnFeature(f).geometry.coordinates);
    for (const [lon, lat] of reunion) {
      expect(lon).toBeGreaterThan(55);
      expect(lon).toBeLessThan(56);
      expect(lat).toBeLessThan(-20.8);
    }
    const corse = decode('94', 2024).features.map((f) => f.properties.code);
    expect(corse.every((c) => /^2[AB]\d{3}$/.test(c))).toBe(true);
  });

  it('Île-de-France holds Paris as one commune (75056), no municipal arrondissement', () => {
    const codes = decode('11', 2024).features.map((f) => f.properties.code);
    expect(codes).toContain('75056');
    expect(codes.filter((c) => /^751\d\d$/.test(c))).toEqual([]);
  });
});

/** A seeded generator (Park–Miller): the same registry at every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/**
 * A point strictly inside a commune, found by Turf (random points of its bbox until one is inside,
 * boundary excluded): a vertex shared with a neighbour (what pointOnFeature may return) has two answers.
 */
function insidePoint(f: Feature<Polygon | MultiPolygon>, next: () => number): [number, number] {
  const [w, s, e, n] = bbox(f);
  for (;;) {
    const p: [number, number] = [w + next() * (e - w), s + next() * (n - s)];
    if (booleanPointInPolygon(point(p), f, { ignoreBoundary: true })) return p;
  }
}

describe('a random registry per region, counted by the engine and independently', () => {
  for (const [k, region] of REGIONS_TESTED.entries())
    it(`region ${region}: covered communes and population as the raw package counts them`, async () => {
      const next = seeded(k + 7);
      const inRegion = raw2024.communes.filter((c) => c.type === 'commune-actuelle' && c.region === region);
      const regionCodes = new Set(inRegion.map((c) => c.code));
      const epcis = raw2024.epci.filter((e) => e.membres.some((m) => regionCodes.has(m.code)));
      const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
      const chosenEpci = [...new Set(Array.from({ length: Math.min(4, epcis.length) }, () => pick(epcis)))];
      // Communes, one of them inside a chosen EPCI when there is one: counted once.
      const chosenCommunes = [
        ...new Set([
          ...Array.from({ length: 4 }, () => pick(inRegion).code),
          ...(chosenEpci[0] ? [chosenEpci[0].membres.find((m) => regionCodes.has(m.code))!.code] : []),
        ]),
      ];
      const rows = [
        'id;territory;perimeter;doc_type;signed_on;ends_on;generation;verified;source_url;evidence',
        ...chosenEpci.map((e, i) => `e${i};EPCI ${e.code};${e.code};cls;01/03/2024;;;no;https://example.org/${i};test`),
        ...chosenCommunes.map(
          (c, i) => `c${i};Commune ${c};${c};charte;2024-03-01;;;no;https://example.org/c${i};test`,
        ),
      ];
      const dir = mkdtempSync(join(tmpdir(), 'cls-region-'));
      const file = join(dir, `registre-${region}.csv`);
      writeFileSync(file, `${rows.join('\n')}\n`);
      const { model, rejected } = await loadModel({ registry: file, region, priority: null });
      expect(rejected.registry).toBe(0);
      const engine = createCoverageEngine(model);
      const f = coverageFigures(engine.coverageAt('2024-06-30'), engine);
      // Independent count: members of the chosen EPCI in the region, and the chosen communes.
      const covered = new Set([
        ...chosenEpci.flatMap((e) => e.membres.map((m) => m.code).filter((c) => regionCodes.has(c))),
        ...chosenCommunes,
      ]);
      const population = inRegion.filter((c) => covered.has(c.code)).reduce((s, c) => s + (c.population ?? 0), 0);
      expect(f.covered.communes).toBe(covered.size);
      expect(f.covered.population).toBe(population);
      // No priority territory is known outside 32: nothing says the target is reached.
      expect(f.priority.known).toBe(false);
    });
});

describe('locate on every tested region, against the shipped polygons', () => {
  for (const region of REGIONS_TESTED)
    it(`region ${region}: a point inside each of 40 communes is located in it`, () => {
      const next = seeded(31);
      const communes = decode(region, 2024).features;
      const locator = createLocator(loadCommuneTopology(2024, region));
      const sample: Feature<Polygon | MultiPolygon, { code: string }>[] = Array.from(
        { length: 40 },
        () => communes[Math.floor(next() * communes.length)]!,
      );
      for (const f of sample) {
        const [lon, lat] = insidePoint(f, next);
        expect(locator.locate(lon, lat), `${f.properties.code} (${lon}, ${lat})`).toBe(f.properties.code);
      }
    });

  it('`cls locate --region 04` finds a point of Saint-Denis (La Réunion) and says a point of Paris is outside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cls-locate-'));
    const registry = join(dir, 'registre.csv');
    writeFileSync(
      registry,
      'id;territory;perimeter;doc_type;signed_on;ends_on;generation;verified;source_url;evidence\n' +
        'stdenis;Saint-Denis;97411;cls;2022-05-02;;;no;https://example.org/sd;test\n',
    );
    const saintDenis = decode('04', 2024).features.find((f) => f.properties.code === '97411')!;
    const [lon, lat] = insidePoint(saintDenis, seeded(3));
    const points = join(dir, 'points.csv');
    writeFileSync(points, `nom;lon;lat\nSaint-Denis;${lon};${lat}\nParis;2.35;48.85\n`);
    const r = cls('locate', points, '--region', '04', '--registry', registry, '--as-of', '2024-06-30');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[1]).toMatch(/;97411;cls;stdenis;$/);
    expect(lines[2]).toMatch(/;;hors-region;;$/);
  });

  it('a municipal arrondissement in a perimeter is refused with its line and its city (never silently dropped)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cls-arr-'));
    const registry = join(dir, 'registre.csv');
    writeFileSync(
      registry,
      'id;territory;perimeter;doc_type;signed_on;ends_on;generation;verified;source_url;evidence\n' +
        'paris;Paris;75056;cls;2022-05-02;;;no;https://example.org/p;test\n' +
        'lyon3;Lyon 3e;69383;cls;2022-05-02;;;no;https://example.org/l;test\n',
    );
    const r = cls('validate', registry, '--region', '84');
    expect(r.stderr + r.stdout).toContain(
      'registre.csv:3 [perimeter] erreur : 69383 est un arrondissement municipal de Lyon, pas une commune',
    );
    const paris = cls('report', '--region', '11', '--registry', registry, '--as-of', '2024-06-30', '--format', 'json');
    // The Lyon row is another region's: rejected too; Paris counts whole.
    expect(paris.code).toBe(1);
    const figures = JSON.parse(paris.stdout) as { covered: { communes: number } };
    expect(figures.covered.communes).toBe(1);
  });
});

describe('the region and department names of core (regions.ts)', () => {
  it('match the packages of COG 2019 and COG 2026', () => {
    for (const alias of ['cog-2019', 'cog-2026']) {
      const regions = require(`${alias}/data/regions.json`) as Array<{ code: string; nom: string }>;
      const departments = require(`${alias}/data/departements.json`) as Array<{
        code: string;
        nom: string;
        region: string;
      }>;
      for (const [code, r] of Object.entries(REGIONS)) {
        expect(regions.find((x) => x.code === code)?.nom, `${alias} ${code}`).toBe(r.name);
        const deps = Object.fromEntries(departments.filter((d) => d.region === code).map((d) => [d.code, d.nom]));
        expect(deps, `${alias} ${code}`).toEqual(r.departments);
      }
    }
  });

  it('the build says which regions it holds (deployment.json lists 32 and 53 at least)', () => {
    const deployment = JSON.parse(readFileSync(join(root, 'data/build/deployment.json'), 'utf8')) as {
      regions: Array<{ code: string; agency: string }>;
    };
    const codes = deployment.regions.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['32', '53']));
    expect(deployment.regions.find((r) => r.code === '53')!.agency).toBe('Agence régionale de santé Bretagne');
  });
});
