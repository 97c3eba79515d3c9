/**
 * Builds `data/build/` (generated, not committed) from the shipped data:
 * - `<cog>/reference-<region>.json`: the region's communes, EPCI, populations and code successions
 *   for each COG year (from @etalab/decoupage-administratif), packed in columns (see PackedReference);
 * - `<cog>/codes.json`: the national code tables of the year (see PackedCodeTables), which the CLI
 *   reads with the region's reference instead of parsing the national JSON;
 * - `<cog>/reference-FR.json`: the whole of France packed the same way, for national analyses
 *   (read with `codes.json`: a few MB in memory where the national JSON takes 150 MB to parse);
 * - `geo/communes-<year>.topo.json`: the commune polygons re-quantized for the map (1e5 steps, ~5 m),
 *   which the map loads only to export the covered area;
 * - `tiles/communes-<year>/{z}/{x}/{y}.pbf` (+ `tiles/communes-<year>.json`: code and bbox of each
 *   feature id) and `tiles/contours-<cog>/…`: vector tiles of the communes of each geometry year and of
 *   the EPCI, department, PRAPS and QPV outlines of each COG year, cut once here so that the browser
 *   only decodes them (see packages/geo/src/vector-tiles.ts);
 * - `registry.json`: the validated registry, the documents known without a date, the priority
 *   territories and the published figures, with checksums and every problem found (rows rejected are
 *   listed, never silently absent);
 * - `glyphs/<font>/<range>.pbf`: the glyphs of the map's place names (see scripts/glyphs.ts);
 * - `manifest-<region>.json`: what each file is, where it comes from, and the SHA-256 of every file.
 * The build is atomic and exclusive (see buildAtomically): readers never see half of one. The map
 * app serves this folder as static assets; the map server and the CLI refuse a build that does not
 * match its manifest.
 *
 *   pnpm build:data [--region 32]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { topology } from 'topojson-server';
import { buildGlyphs, glyphRangesOf } from './glyphs.ts';
import {
  codeMapping,
  createCoverageEngine,
  packCodeTables,
  packReference,
  registryFileReport,
  type BuildManifest,
  type BuiltRegistry,
  type CogYear,
  type Reference,
} from '@cls/core';
import { communeLayer, cutVectorTiles, outlineLayers, placeNames } from '@cls/geo';
import {
  buildAtomically,
  COG_VERSIONS,
  GEOMETRY_YEARS,
  dataPath,
  geometryBaseYear,
  loadCommuneTopology,
  loadDocuments,
  loadPriorityTerritories,
  loadUndatedDocuments,
  loadPublishedFigures,
  loadReference,
  readBytes,
  sha256,
} from '@cls/io';
import type { LoadedTable } from '@cls/tables';

const regionArg = process.argv.indexOf('--region');
const region = regionArg > 0 ? process.argv[regionArg + 1]! : '32';
const TILE_ZOOMS = { minZoom: 6, maxZoom: 11 };
/** Every commune is named from this zoom on (the map's `noms-communes` layer); towns from region zoom. */
const COMMUNE_NAMES_MIN_ZOOM = 9;

await buildAtomically(dataPath('build'), build, { log: (m) => console.log(m) });

async function build(out: string): Promise<void> {
  const files: Record<string, string> = {};
  /** Writes a file of the build and records its checksum for the manifest. */
  const put = (file: string, data: string | Uint8Array) => {
    const path = join(out, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    files[file] = sha256(data);
  };

  const years: BuildManifest['years'] = [];
  const references = new Map<CogYear, Reference>();
  for (const v of COG_VERSIONS) {
    const ref = loadReference(v.cog, { region });
    references.set(v.cog, ref);
    const file = `${v.cog}/reference-${region}.json`;
    const codes = `${v.cog}/codes.json`;
    const national = `${v.cog}/reference-FR.json`;
    put(file, JSON.stringify(packReference(ref)));
    put(codes, JSON.stringify(packCodeTables(ref)));
    put(national, JSON.stringify(packReference(loadReference(v.cog, { region: null }))));
    const population = ref.communes.reduce((s, c) => s + c.population, 0);
    years.push({
      cog: v.cog,
      file,
      codes,
      national,
      source: ref.source,
      populationYear: ref.populationYear,
      populationNote: ref.populationNote,
      communes: ref.communes.length,
      epcis: ref.epcis.length,
      population,
    });
    console.log(
      `COG ${v.cog} (${ref.source}, populations ${ref.populationYear}) : ` +
        `${ref.communes.length} communes, ${ref.epcis.length} EPCI, ${population} habitants`,
    );
  }

  // Validated against the references just read from the packages, never against a previous build.
  const referenceFor = (cog: CogYear) => references.get(cog)!;
  const docsFile = dataPath('registry', 'documents.csv');
  const prioFile = dataPath('registry', 'priority-territories.csv');
  const docs = await loadDocuments(docsFile, { region, referenceFor });
  const prio = await loadPriorityTerritories(prioFile, { region, referenceFor });
  const undatedFile = dataPath('registry', 'undated.csv');
  const undated = await loadUndatedDocuments(undatedFile, { region, referenceFor });
  const publishedFile = dataPath('registry', 'published-figures.csv');
  const published = await loadPublishedFigures(publishedFile);

  const geometry: BuildManifest['geometry'] = [];
  let tiles: BuildManifest['tiles'] = null;
  if (region === '32') {
    tiles = { ...TILE_ZOOMS, bounds: [180, 90, -180, -90], communes: [], contours: [], glyphs: '' };
    const engine = createCoverageEngine({
      documents: [],
      priority: prio.accepted,
      referenceFor,
      cogYears: [...references.keys()],
    });
    const labelTexts = new Set<string>();
    const topologies = new Map(GEOMETRY_YEARS.map((y) => [y, loadCommuneTopology(y)]));
    // Commune feature ids: the geometry years numbered one after the other (see communeLayer).
    let nextId = 0;
    for (const y of GEOMETRY_YEARS) {
      const communes = communeLayer(topologies.get(y)!, { firstId: nextId });
      nextId += communes.codes.length;
      put(`geo/communes-${y}.topo.json`, JSON.stringify(topology({ communes: communes.layer }, 1e5)));
      geometry.push({ year: y, file: `geo/communes-${y}.topo.json`, features: communes.codes.length });
      const cut = cutVectorTiles({ communes: communes.layer }, TILE_ZOOMS);
      for (const t of cut.tiles) put(`tiles/communes-${y}/${t.z}/${t.x}/${t.y}.pbf`, t.data);
      const { firstId, codes, bboxes } = communes;
      put(`tiles/communes-${y}.json`, JSON.stringify({ year: y, firstId, codes, bboxes }));
      const b = tiles.bounds;
      tiles.bounds = [
        Math.min(b[0], cut.bounds[0]),
        Math.min(b[1], cut.bounds[1]),
        Math.max(b[2], cut.bounds[2]),
        Math.max(b[3], cut.bounds[3]),
      ];
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
      const targetOf = (code: string) => mapping.get(code)?.[0];
      const layers = outlineLayers(topologies.get(base)!, targetOf, ref, priority);
      const names = placeNames(topologies.get(base)!, targetOf, ref, layers);
      for (const f of [...names.regional.features, ...names.communes.features]) labelTexts.add(f.properties.name);
      const cut = cutVectorTiles(
        { ...layers, lieux: names.regional, noms: names.communes },
        { ...TILE_ZOOMS, layerMinZoom: { noms: COMMUNE_NAMES_MIN_ZOOM } },
      );
      for (const t of cut.tiles) put(`tiles/contours-${cog}/${t.z}/${t.x}/${t.y}.pbf`, t.data);
      tiles.contours.push({ cog, base, path: `tiles/contours-${cog}`, count: cut.tiles.length });
    }
    const glyphs = await buildGlyphs(glyphRangesOf(labelTexts));
    for (const [file, data] of glyphs) put(file, data);
    tiles.glyphs = 'glyphs';
    console.log(
      `Géométries pour la carte : ${GEOMETRY_YEARS.join(', ')} ; tuiles vectorielles des zooms ` +
        `${TILE_ZOOMS.minZoom} à ${TILE_ZOOMS.maxZoom} (communes ${GEOMETRY_YEARS.join(', ')}, ` +
        `contours ${[...references.keys()].join(', ')})`,
    );
  }

  const registry: BuiltRegistry = {
    region,
    documents: docs.accepted,
    priority: prio.accepted,
    undated: undated.accepted,
    published: published.accepted,
    files: {
      documents: registryFile('data/registry/documents.csv', docsFile, docs),
      priority: registryFile('data/registry/priority-territories.csv', prioFile, prio),
      undated: registryFile('data/registry/undated.csv', undatedFile, undated),
      published: registryFile('data/registry/published-figures.csv', publishedFile, published),
    },
  };
  put('registry.json', JSON.stringify(registry));
  const rejected = [docs, prio, undated, published].reduce((n, t) => n + t.rejectedLines.length, 0);
  console.log(
    `Registre : ${docs.accepted.length} documents (${docs.accepted.filter((d) => !d.verified).length} non vérifiés), ` +
      `${prio.accepted.length} territoires prioritaires, ${undated.accepted.length} documents sans date` +
      (rejected ? ` ; ${rejected} ligne(s) écartée(s), listées dans registry.json et sur la carte` : ''),
  );
  const manifest: BuildManifest = {
    region,
    builtAt: new Date().toISOString(),
    years,
    geometry,
    tiles,
    registry: 'registry.json',
    files,
  };
  writeFileSync(join(out, `manifest-${region}.json`), JSON.stringify(manifest, null, 2));
  console.log(`data/build : ${Object.keys(files).length} fichiers, empreintes SHA-256 dans manifest-${region}.json`);
}

function registryFile<T>(path: string, absolute: string, t: LoadedTable<T>): BuiltRegistry['files']['documents'] {
  return registryFileReport(
    { path, sha256: sha256(readBytes(absolute)), rows: t.rowCount, rejected: t.rejectedLines.length },
    t.diagnostics.map((d) => ({ ...d, file: path })),
  );
}
