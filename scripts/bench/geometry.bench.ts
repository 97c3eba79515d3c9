/**
 * Geometry benchmark, one run: dissolve of the 3,789 communes of 2019 into the 93 EPCI (ours: an
 * arc dissolve along shared arcs; a turf.union fold; mapshaper -dissolve), covered area for
 * every month of the timeline, and 100,000 point lookups (ours: a grid, then point-in-polygon on banded edges;
 * turf.booleanPointInPolygon over every commune).
 *
 *   pnpm bench:geometry
 */
import { feature } from 'topojson-client';
import { booleanPointInPolygon, featureCollection, union } from '@turf/turf';
// @ts-expect-error mapshaper ships no types
import mapshaper from 'mapshaper';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { createCoverageEngine, monthEnds } from '@cls/core';
import { areaKm2, createLocator, dissolveBy, type AreaCollection } from '@cls/geo';
import { communeFeatures, loadCommuneGeometry, loadCommuneTopology, loadModel, loadReference } from '@cls/io';
import { bench, lcg, ms, table } from './harness.ts';

const rows: Array<Array<string | number>> = [];
const notes: string[] = [];
const time = async <T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
};

// 1. Dissolve communes 2019 → EPCI.
const topo = loadCommuneTopology(2019);
const ref = loadReference(2019);
const epciOf = new Map(ref.communes.map((c) => [c.code, c.epci!]));
const communes = feature(topo, topo.objects.communes!) as unknown as FeatureCollection<
  Polygon | MultiPolygon,
  { code: string }
>;

const ours = bench('arc dissolve', () => dissolveBy(topo, (c) => epciOf.get(c) ?? null), 5, 1);
const oursResult = dissolveBy(topo, (c) => epciOf.get(c) ?? null);

const withEpci = {
  type: 'FeatureCollection',
  features: communes.features.map((f) => ({
    ...f,
    properties: { code: f.properties.code, epci: epciOf.get(f.properties.code) },
  })),
};
const ms1 = await time(async () => {
  const out = await mapshaper.applyCommands('-i in.json -dissolve epci -o out.json format=geojson', {
    'in.json': JSON.stringify(withEpci),
  });
  return JSON.parse(String(out['out.json'])) as FeatureCollection<Polygon | MultiPolygon, { epci: string }>;
});
const ms2 = await time(async () => {
  const out = await mapshaper.applyCommands('-i in.json -dissolve epci -o out.json format=geojson', {
    'in.json': JSON.stringify(withEpci),
  });
  return JSON.parse(String(out['out.json'])) as FeatureCollection<Polygon | MultiPolygon, { epci: string }>;
});
const mapshaperMs = Math.min(ms1.ms, ms2.ms);
const mapshaperAreas = new Map(ms2.value.features.map((f) => [f.properties.epci, areaKm2(f)]));
let worst = 0;
for (const f of oursResult.features)
  worst = Math.max(worst, Math.abs(areaKm2(f) / mapshaperAreas.get(f.properties.key)! - 1));
notes.push(
  `EPCI areas, ours vs mapshaper: worst relative difference ${(worst * 100).toFixed(5)} % over ${oursResult.features.length} EPCI (goal < 0.05 %)`,
);

const groups = new Map<string, Feature<Polygon | MultiPolygon>[]>();
for (const f of communes.features) {
  const k = epciOf.get(f.properties.code)!;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k)!.push(f);
}
let turfErrors = 0;
const turfRun = await time(() => {
  for (const [, fs] of groups) {
    let acc: Feature<Polygon | MultiPolygon> | null = fs[0]!;
    for (const f of fs.slice(1)) {
      try {
        acc = union(featureCollection([acc!, f])) ?? acc;
      } catch {
        turfErrors++;
      }
    }
  }
});
rows.push([
  'dissolve 3,789 communes (2019) → 93 EPCI',
  ms(ours.medianMs),
  `turf.union fold: ${ms(turfRun.ms)} (${(turfRun.ms / ours.medianMs).toFixed(0)}×)${turfErrors ? `, ${turfErrors} errors` : ''}; mapshaper -dissolve: ${ms(mapshaperMs)} (${(mapshaperMs / ours.medianMs).toFixed(1)}×)`,
  '≥ 5× turf, ≤ mapshaper',
]);

// 2. Covered area for every month of the timeline.
{
  const { model } = await loadModel();
  const engine = createCoverageEngine(model);
  const months = monthEnds('2018-01-01', '2026-12-31');
  const geometries = new Map<number, ReturnType<typeof loadCommuneGeometry>>();
  const geomOf = (cog: number) => {
    let g = geometries.get(cog);
    if (!g) geometries.set(cog, (g = loadCommuneGeometry(cog)));
    return g;
  };
  for (const d of months) geomOf(engine.coverageAt(d).cog); // geometries loaded once, as in the map
  const run = await time(() => {
    let n = 0;
    for (const d of months) {
      const c = engine.coverageAt(d);
      const status = new Map(c.communes.map((x) => [x.code, x.status]));
      const fc = dissolveBy(geomOf(c.cog).topology, (code) => {
        const s = status.get(code);
        return s && s !== 'none' ? s : null;
      });
      n += fc.features.length;
    }
    return n;
  });
  rows.push([
    `covered area (dissolve by status) at every month end 2018-2026 (${months.length} dates)`,
    ms(run.ms),
    'coverage included',
    '< 2 000 ms',
  ]);
}

// 3. 100,000 point lookups in the 2026 communes.
{
  const geometry = loadCommuneGeometry(2026);
  const fc = communeFeatures(geometry) as AreaCollection<{ code: string }>;
  // Built as `cls locate` builds it: straight from the topology, its rings read in.
  const build = await time(() => createLocator(geometry.topology));
  const loc = build.value;
  const rnd = lcg(7);
  const pts = Array.from({ length: 100_000 }, () => [1.4 + rnd() * 3, 48.8 + rnd() * 2.3] as [number, number]);
  const ours3 = bench(
    'locate',
    () => {
      let hits = 0;
      for (const [x, y] of pts) if (loc.locate(x, y)) hits++;
      return hits;
    },
    5,
    1,
  );
  const sample = pts.slice(0, 500);
  const turfRun3 = await time(() => {
    let hits = 0;
    for (const p of sample)
      for (const f of fc.features)
        if (booleanPointInPolygon(p, f)) {
          hits++;
          break;
        }
    return hits;
  });
  const turfPer100k = (turfRun3.ms / sample.length) * 100_000;
  // Same answers on the sample.
  const same = sample.every((p) => {
    const t = fc.features.find((f) => booleanPointInPolygon(p, f));
    return (t?.properties.code ?? null) === loc.locate(...p);
  });
  if (!same) {
    console.error('point lookup: answers differ from turf');
    process.exit(1);
  }
  rows.push([
    '100,000 point lookups (index built once)',
    ms(ours3.medianMs),
    `turf.booleanPointInPolygon over all communes: ${ms(turfPer100k)} extrapolated from 500 points (${(turfPer100k / ours3.medianMs).toFixed(0)}×)`,
    '< 300 ms',
  ]);
  notes.push(
    `index build from the topology: ${ms(build.ms)} ms for ${fc.features.length} communes; ` +
      'answers identical to turf on the 500-point sample',
  );
}

console.log(table(['operation', '@cls/geo ms', 'alternative ms (ratio)', 'goal'], rows));
console.log();
for (const n of notes) console.log(`- ${n}`);
console.log(`- node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
