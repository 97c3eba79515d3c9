/**
 * Builds `data/build/` (generated, not committed) from the shipped data:
 * - `<cog>/reference-<region>.json`: the region's communes, EPCI, populations and code successions
 *   for each COG year (from @etalab/decoupage-administratif), packed in columns (see PackedReference);
 * - `geo/communes-<year>.topo.json`: the commune polygons re-quantized for the map (1e5 steps, ~5 m),
 *   which the map loads only to export the covered area;
 * - `tiles/communes-<year>/{z}/{x}/{y}.pbf` (+ `tiles/communes-<year>.json`: code and bbox of each
 *   feature id) and `tiles/contours-<cog>/…`: vector tiles of the communes of each geometry year and of
 *   the EPCI, department, PRAPS and QPV outlines of each COG year, cut once here so that the browser
 *   only decodes them (see packages/geo/src/vector-tiles.ts);
 * - `registry.json`: the validated registry and priority territories, with checksums;
 * - `manifest-<region>.json`: what each file is and where it comes from.
 * The map app serves this folder as static assets.
 *
 *   pnpm build:data [--region 32]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { topology } from 'topojson-server';
import { codeMapping, createCoverageEngine, packReference, type CogYear, type Reference } from '@cls/core';
import { communeLayer, cutVectorTiles, outlineLayers, type VectorTileFile } from '@cls/geo';
import {
  COG_VERSIONS,
  GEOMETRY_YEARS,
  dataPath,
  geometryBaseYear,
  loadCommuneTopology,
  loadDocuments,
  loadPriorityTerritories,
  loadReference,
} from '@cls/io';

const regionArg = process.argv.indexOf('--region');
const region = regionArg > 0 ? process.argv[regionArg + 1]! : '32';
const out = dataPath('build');
mkdirSync(join(out, 'geo'), { recursive: true });

const years = [];
const references = new Map<CogYear, Reference>();
for (const v of COG_VERSIONS) {
  const ref = loadReference(v.cog, { region });
  references.set(v.cog, ref);
  mkdirSync(join(out, String(v.cog)), { recursive: true });
  writeFileSync(join(out, String(v.cog), `reference-${region}.json`), JSON.stringify(packReference(ref)));
  const population = ref.communes.reduce((s, c) => s + c.population, 0);
  years.push({
    cog: v.cog,
    file: `${v.cog}/reference-${region}.json`,
    source: ref.source,
    populationYear: ref.populationYear,
    populationNote: ref.populationNote,
    communes: ref.communes.length,
    epcis: ref.epcis.length,
    population,
  });
  console.log(
    `COG ${v.cog} (${ref.source}, populations ${ref.populationYear}) : ${ref.communes.length} communes, ${ref.epcis.length} EPCI, ${population} habitants`,
  );
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const docsFile = dataPath('registry', 'documents.csv');
const prioFile = dataPath('registry', 'priority-territories.csv');
const docs = loadDocuments(docsFile, { region });
const prio = loadPriorityTerritories(prioFile, { region });
const geometry = [];
const TILE_ZOOMS = { minZoom: 6, maxZoom: 11 };
const tiles = {
  ...TILE_ZOOMS,
  bounds: null as number[] | null,
  communes: [] as Array<{ year: CogYear; path: string; index: string; count: number }>,
  contours: [] as Array<{ cog: CogYear; base: CogYear; path: string; count: number }>,
};
const writeTiles = (path: string, files: VectorTileFile[]) => {
  rmSync(join(out, path), { recursive: true, force: true });
  for (const t of files) {
    const file = join(out, path, String(t.z), String(t.x), `${t.y}.pbf`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, t.data);
  }
};
if (region === '32') {
  const engine = createCoverageEngine({
    documents: [],
    priority: prio.accepted,
    referenceFor: (cog) => references.get(cog)!,
    cogYears: [...references.keys()],
  });
  const topologies = new Map(GEOMETRY_YEARS.map((y) => [y, loadCommuneTopology(y)]));
  for (const y of GEOMETRY_YEARS) {
    const communes = communeLayer(topologies.get(y)!);
    writeFileSync(
      join(out, 'geo', `communes-${y}.topo.json`),
      JSON.stringify(topology({ communes: communes.layer }, 1e5)),
    );
    geometry.push({ year: y, file: `geo/communes-${y}.topo.json`, features: communes.codes.length });
    const cut = cutVectorTiles({ communes: communes.layer }, TILE_ZOOMS);
    writeTiles(`tiles/communes-${y}`, cut.tiles);
    writeFileSync(
      join(out, 'tiles', `communes-${y}.json`),
      JSON.stringify({ year: y, codes: communes.codes, bboxes: communes.bboxes }),
    );
    tiles.bounds = tiles.bounds
      ? [
          Math.min(tiles.bounds[0]!, cut.bounds[0]),
          Math.min(tiles.bounds[1]!, cut.bounds[1]),
          Math.max(tiles.bounds[2]!, cut.bounds[2]),
          Math.max(tiles.bounds[3]!, cut.bounds[3]),
        ]
      : cut.bounds;
    tiles.communes.push({
      year: y,
      path: `tiles/communes-${y}`,
      index: `tiles/communes-${y}.json`,
      count: cut.tiles.length,
    });
  }
  for (const [cog, ref] of references) {
    const base = geometryBaseYear(cog);
    const mapping = codeMapping(references.get(base)!, ref);
    const priority = prio.accepted.map((t) => ({
      id: t.id,
      kind: t.kind,
      communes: new Set([...engine.territoryCommunes(t, cog)].map((i) => ref.communes[i]!.code)),
    }));
    const cut = cutVectorTiles(
      { ...outlineLayers(topologies.get(base)!, (code) => mapping.get(code)?.[0], ref, priority) },
      TILE_ZOOMS,
    );
    writeTiles(`tiles/contours-${cog}`, cut.tiles);
    tiles.contours.push({ cog, base, path: `tiles/contours-${cog}`, count: cut.tiles.length });
  }
  console.log(
    `Géométries pour la carte : ${GEOMETRY_YEARS.join(', ')} ; tuiles vectorielles des zooms ${TILE_ZOOMS.minZoom} à ${TILE_ZOOMS.maxZoom} (communes ${GEOMETRY_YEARS.join(', ')}, contours ${[...references.keys()].join(', ')})`,
  );
}

const count = (ds: typeof docs.diagnostics, s: string) => ds.filter((d) => d.severity === s).length;
writeFileSync(
  join(out, 'registry.json'),
  JSON.stringify({
    region,
    documents: docs.accepted,
    priority: prio.accepted,
    files: {
      documents: {
        path: 'data/registry/documents.csv',
        sha256: sha(docsFile),
        rows: docs.rowCount,
        rejected: docs.rejectedLines.length,
        errors: count(docs.diagnostics, 'error'),
        warnings: count(docs.diagnostics, 'warning'),
      },
      priority: {
        path: 'data/registry/priority-territories.csv',
        sha256: sha(prioFile),
        rows: prio.rowCount,
        rejected: prio.rejectedLines.length,
        errors: count(prio.diagnostics, 'error'),
        warnings: count(prio.diagnostics, 'warning'),
      },
    },
  }),
);
console.log(
  `Registre : ${docs.accepted.length} documents (${docs.accepted.filter((d) => !d.verified).length} non vérifiés), ${prio.accepted.length} territoires prioritaires`,
);
writeFileSync(
  join(out, `manifest-${region}.json`),
  JSON.stringify({ region, years, geometry, tiles, registry: 'registry.json' }, null, 2),
);
