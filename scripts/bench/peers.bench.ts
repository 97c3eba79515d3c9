/**
 * The engine beside the tools an analyst would pick instead, on byte-identical inputs, with the
 * same answers checked: GEOS CoverageUnion (shapely 2) for the dissolve, geopandas `sjoin` for the
 * point lookups, DuckDB SQL for the covered population by department. This script writes the
 * inputs, then twice times our side in a process of its own (this script with `--ours`) and runs
 * `peers/peers.py` (its own timings): the sides alternate, each keeps its best time over its two
 * processes (on this machine a whole process sometimes runs 1.5× slower). Then it checks the
 * answers of every run and prints the ratio table of the README.
 *
 *   pnpm bench:peers           (needs the Python peers: see scripts/bench/peers/README.md)
 *
 * Sizes: the region (COG 2019 communes, 93 EPCI), and a France-size partition made by tiling the
 * region's topology ten times (5 × 2, offsets in the quantized grid): 37,890 communes, 930 EPCI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { coverageFigures, createCoverageEngine, type CoverageModel } from '@cls/core';
import { createLocator, dissolveBy, dissolveRingsBy, ringsOfFeatures, ringsOfTopology } from '@cls/geo';
import { loadCommuneTopology, loadReference, regionReference } from '@cls/io';
import { tiledTopology } from '../../packages/geo/src/tiled-topology.fixture.ts';
import { generatedRegistry } from './generated-registry.ts';
import { bench, calibratePageFault, lcg, ms, table } from './harness.ts';

const DIR = join(import.meta.dirname, '../../node_modules/.cache/cls-bench/peers');
const PYTHON = join(import.meta.dirname, '../../node_modules/.cache/bench-peers-venv/bin/python');
mkdirSync(DIR, { recursive: true });

/** Planar area (degrees², shoelace) of a polygon feature: the same measure on both sides. */
function planarArea(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let a = 0;
  for (const poly of polys)
    poly.forEach((ring, r) => {
      let s = 0;
      for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
      a += (r === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  return a;
}

function seededPoints(n: number, bbox: readonly number[], seed: number): Float64Array {
  const rnd = lcg(seed);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = bbox[0]! + rnd() * (bbox[2]! - bbox[0]!);
    out[2 * i + 1] = bbox[1]! + rnd() * (bbox[3]! - bbox[1]!);
  }
  return out;
}

/** One side's times (ms) by operation and size. */
interface Timings {
  dissolve: Record<string, number>;
  /** Our side only: the same dissolve written as flat rings (`dissolveRingsBy`), not GeoJSON. */
  dissolveFlat?: Record<string, number>;
  lookups: Record<string, number>;
  /** Our side only: the same lookups in one `locateAll` call (the peer's sjoin is one call already). */
  batch?: Record<string, number>;
  /** The index over polygons in memory: our flat rings, the peer's shapely geometries. */
  build: Record<string, number>;
  /** Our side only: the index built straight from the topology, its rings read in on the way. */
  buildFromTopology?: Record<string, number>;
  coverage: number;
}
/**
 * A side's best and median times, and the memory pages it touched for the first time per call (minor
 * page faults: what fresh memory costs, see calibratePageFault): each kept from the better of its two processes.
 */
interface Side {
  best: Timings;
  median: Timings;
  faults: Timings;
}
const emptyTimings = (): Timings => ({ dissolve: {}, lookups: {}, build: {}, coverage: Infinity });
const emptySide = (): Side => ({ best: emptyTimings(), median: emptyTimings(), faults: emptyTimings() });
const ours = emptySide();
/** Keeps the lower of a side's times for an operation (and size), as each process reports its own. */
function keep(
  side: Side,
  op: Exclude<keyof Timings, 'coverage'>,
  size: string,
  t: { minMs: number; medianMs: number; faultsPerRun: number },
) {
  for (const [which, v] of [
    ['best', t.minMs],
    ['median', t.medianMs],
    ['faults', t.faultsPerRun],
  ] as const) {
    const rec = (side[which][op] ??= {});
    rec[size] = Math.min(rec[size] ?? Infinity, v);
  }
}
/** Our answers, checked against the peer's: EPCI areas, point answers one by one and in one call. */
type Answers = Record<
  string,
  { areas: Record<string, number>; codes: Array<string | null>; batch: Array<string | null> }
>;
const OURS_ONLY = process.argv.includes('--ours');

const region = loadCommuneTopology(2019);
const ref = loadReference(2019);
const epciOf = new Map(ref.communes.map((c) => [c.code, c.epci ?? '']));
const epciKey = (code: string) => {
  const dash = code.indexOf('-');
  const e = epciOf.get(dash < 0 ? code : code.slice(dash + 1));
  return e ? (dash < 0 ? e : `${code.slice(0, dash)}-${e}`) : null;
};
const sizes = { region, france: tiledTopology(region, 5, 2) };
const answers: Answers = {};
for (const size of Object.keys(sizes)) answers[size] = { areas: {}, codes: [], batch: [] };

// The France coverage scenario: the national COG 2026 reference and 1,000 generated documents.
const france = regionReference(2026, null);
const docs = generatedRegistry(france, 1000, 2026);
const model: CoverageModel = { documents: docs, priority: [], referenceFor: () => france, cogYears: [2026] };
const engine = createCoverageEngine(model);
const AS_OF = '2026-11-30';

/** Writes the inputs both sides read. */
function writeInputs(): void {
  for (const [size, topo] of Object.entries(sizes)) {
    const communes = feature(topo, topo.objects.communes) as unknown as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string }
    >;
    for (const f of communes.features) (f.properties as Record<string, unknown>).epci = epciKey(f.properties.code);
    writeFileSync(join(DIR, `communes-${size}.geojson`), JSON.stringify(communes));
    const pts = seededPoints(100_000, topo.bbox!, size === 'region' ? 7 : 11);
    const lines = ['lon,lat'];
    for (let i = 0; i < 100_000; i++) lines.push(`${pts[2 * i]},${pts[2 * i + 1]}`);
    writeFileSync(join(DIR, `points-${size}.csv`), `${lines.join('\n')}\n`);
  }
  writeFileSync(
    join(DIR, 'communes-france.csv'),
    ['code,department,population', ...france.communes.map((c) => `${c.code},${c.department},${c.population}`)].join(
      '\n',
    ),
  );
  const docLines = ['id,doc_type,signed_on,ends_on'];
  const memberLines = ['id,code'];
  for (const d of engine.documents) {
    docLines.push(`${d.id},${d.docType},${d.signedOn},${d.endsOn ?? ''}`);
    for (const i of engine.documentCommunes(d, 2026)) memberLines.push(`${d.id},${france.communes[i]!.code}`);
  }
  writeFileSync(join(DIR, 'documents.csv'), docLines.join('\n'));
  writeFileSync(join(DIR, 'document-communes.csv'), memberLines.join('\n'));
}

/** Times our side: dissolve, index build and lookups at both sizes, coverage and figures for France. */
function runOurs(): void {
  for (const [size, topo] of Object.entries(sizes)) {
    const d = bench('dissolve', () => dissolveBy(topo, epciKey), size === 'region' ? 30 : 10, 3);
    keep(ours, 'dissolve', size, d);
    const flat = bench('dissolve', () => dissolveRingsBy(topo, epciKey), size === 'region' ? 30 : 10, 3);
    keep(ours, 'dissolveFlat', size, flat);
    const asGeoJson = ringsOfFeatures(d.value, { idProperty: 'key' }).xy;
    if (!asGeoJson.every((v, i) => v === flat.value.xy[i]) || asGeoJson.length !== flat.value.xy.length)
      throw new Error(`${size}: dissolveRingsBy and dissolveBy wrote different points`);
    for (const f of d.value.features) answers[size]!.areas[f.properties.key] = planarArea(f.geometry);
    const rings = ringsOfTopology(topo);
    const b = bench('index', () => createLocator(rings), 10, 3);
    keep(ours, 'build', size, b);
    keep(
      ours,
      'buildFromTopology',
      size,
      bench('index', () => createLocator(topo), 10, 3),
    );
    const pts = seededPoints(100_000, topo.bbox!, size === 'region' ? 7 : 11);
    const loc = b.value;
    const codes: Array<string | null> = new Array(100_000);
    const l = bench(
      'lookups',
      () => {
        for (let i = 0; i < 100_000; i++) codes[i] = loc.locate(pts[2 * i]!, pts[2 * i + 1]!);
        return codes;
      },
      10,
      3,
    );
    keep(ours, 'lookups', size, l);
    const all = bench('batch', () => loc.locateAll(pts), 10, 3);
    keep(ours, 'batch', size, all);
    answers[size]!.codes = codes;
    answers[size]!.batch = all.value;
  }
  const c = bench('coverage', () => coverageFigures(engine.coverageAt(AS_OF), engine), 30, 5);
  ours.best.coverage = c.minMs;
  ours.median.coverage = c.medianMs;
  ours.faults.coverage = c.faultsPerRun;
}

if (OURS_ONLY) {
  runOurs();
  writeFileSync(join(DIR, `ours-${process.argv[process.argv.length - 1]}.json`), JSON.stringify({ ours, answers }));
  process.exit(0);
}
if (!existsSync(PYTHON)) {
  console.error(
    `Python des pairs absent (${PYTHON}) : voir scripts/bench/peers/README.md ` +
      '(python3 -m venv node_modules/.cache/bench-peers-venv && … pip install -r scripts/bench/peers/requirements.txt)',
  );
  process.exit(2);
}
writeInputs();
type PeerResult = Side & {
  versions: string;
  answers: Record<string, { areas: Record<string, number>; codes: Array<string | null> }>;
  coveredByDepartment: Record<string, number>;
};
const theirs = emptySide();
let versions = '';
const rounds: Array<{ answers: Answers; peer: PeerResult }> = [];
for (let round = 1; round <= 2; round++) {
  const own = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--ours', String(round)], {
    stdio: 'inherit',
  });
  const py = spawnSync(PYTHON, [join(import.meta.dirname, 'peers/peers.py'), DIR, AS_OF], { encoding: 'utf8' });
  if (own.status !== 0 || py.status !== 0) {
    console.error(py.stderr);
    process.exit(1);
  }
  const mine = JSON.parse(readFileSync(join(DIR, `ours-${round}.json`), 'utf8')) as { ours: Side; answers: Answers };
  const peer = JSON.parse(readFileSync(join(DIR, 'peers-result.json'), 'utf8')) as PeerResult;
  for (const [side, from] of [
    [ours, mine.ours],
    [theirs, peer],
  ] as const) {
    for (const op of ['dissolve', 'dissolveFlat', 'lookups', 'batch', 'build', 'buildFromTopology'] as const) {
      for (const [size, minMs] of Object.entries(from.best[op] ?? {}))
        keep(side, op, size, { minMs, medianMs: from.median[op]![size]!, faultsPerRun: from.faults[op]![size]! });
    }
    for (const which of ['best', 'median', 'faults'] as const)
      side[which].coverage = Math.min(side[which].coverage, from[which].coverage);
  }
  versions = peer.versions;
  rounds.push({ answers: mine.answers, peer });
}

// Same answers, or no ratio is printed.
const problems: string[] = [];
for (const { answers: mine, peer } of rounds) {
  for (const size of Object.keys(sizes)) {
    const a = mine[size]!;
    const b = peer.answers[size]!;
    let worst = 0;
    for (const [k, v] of Object.entries(a.areas)) worst = Math.max(worst, Math.abs(v / (b.areas[k] ?? 0) - 1));
    if (Object.keys(a.areas).length !== Object.keys(b.areas).length || !(worst < 1e-4))
      problems.push(`${size}: EPCI areas differ (worst ${(worst * 100).toFixed(5)} %)`);
    const differ = a.codes.filter((c, i) => c !== b.codes[i]).length;
    if (differ) problems.push(`${size}: ${differ} point answers differ`);
    const batchDiffer = a.batch.filter((c, i) => c !== b.codes[i]).length;
    if (batchDiffer) problems.push(`${size}: ${batchDiffer} answers of locateAll differ`);
  }
  const f = coverageFigures(engine.coverageAt(AS_OF), engine);
  for (const dep of f.byDepartment) {
    if ((peer.coveredByDepartment[dep.code] ?? 0) !== dep.coveredPopulation)
      problems.push(
        `department ${dep.code}: covered ${dep.coveredPopulation} vs ${peer.coveredByDepartment[dep.code]}`,
      );
  }
}
if (problems.length) {
  console.error(`Answers differ, no ratio printed:\n${problems.join('\n')}`);
  process.exit(1);
}

const ratio = (a: number, b: number) => `${(b / a).toFixed(1)}×`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');
/** Operation, peer, our side's time and the peer's, picked from a side's best or median timings. */
type Row = [string, string, (t: Timings) => number, (t: Timings) => number];
const at =
  (op: Exclude<keyof Timings, 'coverage'>, size: 'region' | 'france') =>
  (t: Timings): number =>
    t[op]![size]!;
const coverage = (t: Timings) => t.coverage;
const GEOS = 'shapely `coverage_union_all`';
const rows: Row[] = [
  [
    'dissolve 3,789 communes → 93 EPCI',
    `${GEOS} (GEOS CoverageUnion)`,
    at('dissolve', 'region'),
    at('dissolve', 'region'),
  ],
  ['dissolve, France-size (37,890 → 930)', GEOS, at('dissolve', 'france'), at('dissolve', 'france')],
  ['the same written as flat rings, region', GEOS, at('dissolveFlat', 'region'), at('dissolve', 'region')],
  ['the same written as flat rings, France-size', GEOS, at('dissolveFlat', 'france'), at('dissolve', 'france')],
  [
    '100,000 point lookups, region',
    'geopandas `sjoin` (STRtree built)',
    at('lookups', 'region'),
    at('lookups', 'region'),
  ],
  ['100,000 point lookups, France-size', 'geopandas `sjoin`', at('lookups', 'france'), at('lookups', 'france')],
  ['the same in one `locateAll` call, region', 'geopandas `sjoin`', at('batch', 'region'), at('lookups', 'region')],
  [
    'the same in one `locateAll` call, France-size',
    'geopandas `sjoin`',
    at('batch', 'france'),
    at('lookups', 'france'),
  ],
  ['lookup index build, region', 'shapely STRtree', at('build', 'region'), at('build', 'region')],
  ['lookup index build, France-size', 'shapely STRtree', at('build', 'france'), at('build', 'france')],
  [
    'the same from the topology (its rings read in), region',
    'shapely STRtree',
    at('buildFromTopology', 'region'),
    at('build', 'region'),
  ],
  [
    'the same from the topology, France-size',
    'shapely STRtree',
    at('buildFromTopology', 'france'),
    at('build', 'france'),
  ],
  [
    'coverage + figures, France (34,969 communes, 1,000 documents)',
    'DuckDB SQL, covered population by department',
    coverage,
    coverage,
  ],
];
const cells = rows.map(([op, peer, mine, theirsOf]) => {
  const [a, b] = [mine(ours.best), theirsOf(theirs.best)];
  const [am, bm] = [mine(ours.median), theirsOf(theirs.median)];
  const pages = `${count(mine(ours.faults))} / ${count(theirsOf(theirs.faults))}`;
  return [op, `${ms(a)} (${ms(am)})`, peer, `${ms(b)} (${ms(bm)})`, `${ratio(a, b)} (${ratio(am, bm)})`, pages];
});
console.log(
  table(
    [
      'operation (ms: best (median) of each side)',
      'this project',
      'peer',
      'peer ms',
      'ahead by: best (median)',
      'fresh pages per call: ours / peer',
    ],
    cells,
  ),
);
console.log();
const fault = calibratePageFault();
console.log(
  `- a fresh memory page costs ${fault.usPerPage.toFixed(2)} µs on this machine ` +
    `(a new 28 MB array filled: ${count(fault.pages)} pages)`,
);
console.log(
  `- same answers: EPCI areas within 0.01 %, identical point answers, identical covered population by department`,
);
console.log(`- ${versions}; node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);
writeFileSync(join(DIR, 'ours-result.json'), JSON.stringify(ours));
