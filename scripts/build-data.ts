/**
 * Builds `data/build/` (generated, not committed) from the shipped data, for one region or several
 * side by side (one manifest each; regions built before and not named are kept):
 * - `<cog>/reference-<region>.json`: the region's communes, EPCI, populations and code successions
 *   for each COG year (from @etalab/decoupage-administratif), packed in columns (see PackedReference);
 * - `<cog>/codes.json`: the national code tables of the year (see PackedCodeTables), which the CLI
 *   reads with the region's reference instead of parsing the national JSON;
 * - `<cog>/reference-FR.json`: the whole of France packed the same way, for national analyses
 *   (read with `codes.json`: a few MB in memory where the national JSON takes 150 MB to parse);
 * - `geo/<region>/communes-<year>.topo.json`: the commune polygons re-quantized for the map (1e5 steps, ~5 m),
 *   which the map loads only to export the covered area;
 * - `tiles/<region>/communes-<year>/{z}/{x}/{y}.pbf` (+ `tiles/<region>/communes-<year>.json`: code
 *   and bbox of each feature id) and `tiles/<region>/contours-<cog>/…`: vector tiles of the communes of each geometry year and of
 *   the EPCI, department, PRAPS and QPV outlines of each COG year, cut once here so that the browser
 *   only decodes them (see packages/tiles/src/vector-tiles.ts);
 * - `registry-<region>.json`: the validated registry (empty for a region without one, see registryFiles), the documents known without a date, the priority
 *   territories and the published figures, with checksums and every problem found (rows rejected are
 *   listed, never silently absent);
 * - `glyphs/<font>/<range>.pbf`: the glyphs of the map's place names (see scripts/glyphs.ts);
 * - `manifest-<region>.json`: what each file is, where it comes from, and the SHA-256 of every file;
 *   `map-<region>.json`: the same without the checksums, which the page reads;
 * - `deployment.json`: the regions built, the one the page opens on, each agency's identity;
 * The build is atomic and exclusive (see buildAtomically): readers never see half of one. The map
 * app serves this folder as static assets; the map server and the CLI refuse a build that does not
 * match its manifest.
 *
 *   pnpm build:data [--region 32 | --region 32,53,04 | --region all]
 */
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { topology } from 'topojson-server';
import { buildGlyphs, glyphRangesOf } from './glyphs.ts';
import {
  codeMapping,
  createCoverageEngine,
  packCodeTables,
  packReference,
  registryFileReport,
  TILE_FORMAT,
  type BuildManifest,
  type BuiltRegistry,
  type CogYear,
  type PriorityTerritory,
  type PublishedFigure,
  type Reference,
  type RegionCode,
  type RegistryDocument,
  type UndatedDocument,
} from '@cls/core';
import { communeLayer, outlineLayers, placeNames } from '@cls/geo';
import { cutVectorTiles } from '@cls/tiles';
import {
  buildAtomically,
  COG_VERSIONS,
  deploymentOf,
  readDeploymentSettings,
  type DeploymentSettings,
  GEOMETRY_YEARS,
  dataPath,
  geometryBaseYear,
  geometryRegions,
  loadCommuneTopology,
  loadDocuments,
  loadPriorityTerritories,
  loadUndatedDocuments,
  loadPublishedFigures,
  loadReference,
  readBuildManifest,
  readBytes,
  readJson,
  registryFiles,
  ROOT_DIR,
  sha256,
  verifyBuild,
} from '@cls/io';
import type { LoadedTable } from '@cls/tables';

const TILE_ZOOMS = { minZoom: 6, maxZoom: 11 };
/** Every commune is named from this zoom on (the map's `noms-communes` layer); towns from region zoom. */
const COMMUNE_NAMES_MIN_ZOOM = 9;

const regions = regionsToBuild(process.argv);
await buildAtomically(dataPath('build'), build, { log: (m) => console.log(m) });

/** `--region 32` (default), `--region 32,53,04` or `--region all` (every region with polygons). */
function regionsToBuild(argv: string[]): RegionCode[] {
  const i = argv.indexOf('--region');
  const raw = i > 0 ? (argv[i + 1] ?? '') : '32';
  const shipped = geometryRegions();
  const list = raw === 'all' ? shipped : raw.split(',').map((r) => r.trim());
  const unknown = list.filter((r) => !shipped.includes(r));
  if (!list.length || unknown.length) {
    console.error(
      `build:data --region « ${raw} » : région(s) sans contours livrés (${unknown.join(', ') || 'aucune donnée'}) ; ` +
        `régions disponibles : ${shipped.join(', ')}, ou « all »`,
    );
    process.exit(2);
  }
  return [...new Set(list)];
}

/** A function that writes a file of the build and records its checksum for a manifest. */
type Put = (file: string, data: string | Uint8Array) => void;

function writer(out: string, files: Record<string, string>): Put {
  return (file, data) => {
    const path = join(out, file);
    mkdirSync(dirname(path), { recursive: true });
    // A new file, never the inode of a file carried over from the previous build (see carryOver).
    rmSync(path, { force: true });
    writeFileSync(path, data);
    files[file] = sha256(data);
  };
}

async function build(out: string): Promise<void> {
  const started = Date.now();
  const settings = readDeploymentSettings();
  carryOver(out, regions);
  // The national files (code tables and the whole of France, per COG year), written once for all regions.
  const national: Record<string, string> = {};
  const putNational = writer(out, national);
  for (const v of COG_VERSIONS) {
    const france = loadReference(v.cog, { region: null });
    putNational(`${v.cog}/codes.json`, JSON.stringify(packCodeTables(france)));
    putNational(`${v.cog}/reference-FR.json`, JSON.stringify(packReference(france)));
  }
  for (const region of regions) {
    const t = Date.now();
    await buildRegion(out, region, national);
    console.log(`Région ${region} construite en ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (regions.length > 1) console.log(`${regions.length} régions en ${((Date.now() - started) / 1000).toFixed(1)} s`);
  writeDeployment(out, settings);
}

/** `deployment.json`: the regions this build holds, the one the page opens on, each agency's identity. */
function writeDeployment(out: string, settings: DeploymentSettings): void {
  const built = readdirSync(out)
    .map((f) => /^manifest-(.+)\.json$/.exec(f)?.[1])
    .filter((r): r is RegionCode => r !== undefined);
  const deployment = deploymentOf(built, settings);
  for (const r of deployment.regions) {
    const logo = settings.agencies?.[r.code]?.logo;
    if (logo && r.logo) {
      mkdirSync(join(out, 'identity'), { recursive: true });
      writeFileSync(join(out, r.logo), readBytes(dataPath(logo)));
    }
  }
  if (settings.defaultRegion && settings.defaultRegion !== deployment.defaultRegion)
    console.log(
      `data/deployment.json : région par défaut ${settings.defaultRegion} non construite ; la carte ouvre la région ${deployment.defaultRegion}`,
    );
  writeFileSync(join(out, 'deployment.json'), JSON.stringify(deployment, null, 2));
  console.log(
    `Déploiement : ${deployment.regions.map((r) => `${r.code} ${r.name}`).join(', ')} ; ouverture sur ${deployment.defaultRegion}`,
  );
}

/**
 * Keeps the regions built before and not rebuilt now: their files are hard-linked into the new build
 * (no copy), after checking each against its manifest; a region whose build is not whole is dropped
 * and said.
 */
function carryOver(out: string, rebuilt: RegionCode[]): void {
  const dir = dataPath('build');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const m = /^manifest-(.+)\.json$/.exec(name);
    if (!m || rebuilt.includes(m[1]!)) continue;
    let manifest: BuildManifest | null = null;
    try {
      manifest = readBuildManifest(m[1]!, dir);
    } catch (e) {
      console.log(`Région ${m[1]} du build précédent non reprise : ${(e as Error).message}`);
      continue;
    }
    if (!manifest) continue;
    if (manifest.tiles && manifest.tiles.format !== TILE_FORMAT) {
      console.log(
        `Région ${m[1]} du build précédent non reprise (tuiles au format ${manifest.tiles.format ?? 1}, ` +
          `${TILE_FORMAT} attendu) : relancez --region ${m[1]}`,
      );
      continue;
    }
    const problems = verifyBuild(manifest, dir);
    if (problems.length) {
      console.log(`Région ${m[1]} du build précédent non reprise (${problems[0]}) : relancez --region ${m[1]}`);
      continue;
    }
    for (const file of [...Object.keys(manifest.files), name]) {
      const target = join(out, file);
      if (existsSync(target)) continue;
      mkdirSync(dirname(target), { recursive: true });
      linkSync(join(dir, file), target);
    }
    console.log(`Région ${m[1]} reprise du build précédent (${manifest.builtAt})`);
  }
}

async function buildRegion(out: string, region: RegionCode, national: Record<string, string>): Promise<void> {
  const files: Record<string, string> = {};
  const put = writer(out, files);

  const years: BuildManifest['years'] = [];
  const references = new Map<CogYear, Reference>();
  for (const v of COG_VERSIONS) {
    const ref = loadReference(v.cog, { region });
    references.set(v.cog, ref);
    const file = `${v.cog}/reference-${region}.json`;
    const codes = `${v.cog}/codes.json`;
    const nationalFile = `${v.cog}/reference-FR.json`;
    put(file, JSON.stringify(packReference(ref)));
    files[codes] = national[codes]!;
    files[nationalFile] = national[nationalFile]!;
    const population = ref.communes.reduce((s, c) => s + c.population, 0);
    years.push({
      cog: v.cog,
      file,
      codes,
      national: nationalFile,
      source: ref.source,
      populationYear: ref.populationYear,
      populationNote: ref.populationNote,
      communes: ref.communes.length,
      epcis: ref.epcis.length,
      population,
    });
    console.log(
      `Région ${region}, COG ${v.cog} (${ref.source}, populations ${ref.populationYear}) : ` +
        `${ref.communes.length} communes, ${ref.epcis.length} EPCI, ${population} habitants`,
    );
  }

  // Validated against the references just read from the packages, never against a previous build.
  const referenceFor = (cog: CogYear) => references.get(cog)!;
  const shipped = registryFiles(region);
  const none = <T>(): LoadedTable<T> =>
    ({
      accepted: [],
      diagnostics: [],
      rejectedLines: [],
      headerOk: true,
      rowCount: 0,
    }) as unknown as LoadedTable<T>;
  const docs = shipped.documents
    ? await loadDocuments(shipped.documents, { region, referenceFor })
    : none<RegistryDocument>();
  const prio = shipped.priority
    ? await loadPriorityTerritories(shipped.priority, { region, referenceFor })
    : none<PriorityTerritory>();
  const undated = shipped.undated
    ? await loadUndatedDocuments(shipped.undated, { region, referenceFor })
    : none<UndatedDocument>();
  const published = shipped.published ? await loadPublishedFigures(shipped.published) : none<PublishedFigure>();

  const geometry: BuildManifest['geometry'] = [];
  const tiles: NonNullable<BuildManifest['tiles']> = {
    format: TILE_FORMAT,
    ...TILE_ZOOMS,
    bounds: [180, 90, -180, -90],
    communes: [],
    contours: [],
    glyphs: '',
  };
  const engine = createCoverageEngine({
    documents: [],
    priority: prio.accepted,
    referenceFor,
    cogYears: [...references.keys()],
  });
  const labelTexts = new Set<string>();
  const topologies = new Map(GEOMETRY_YEARS.map((y) => [y, loadCommuneTopology(y, region)]));
  const sources = readJson<Record<string, string>>(dataPath('geo', region, 'sources.json'));
  // Commune feature ids: the geometry years numbered one after the other (see communeLayer).
  let nextId = 0;
  for (const y of GEOMETRY_YEARS) {
    const communes = communeLayer(topologies.get(y)!, { firstId: nextId });
    nextId += communes.codes.length;
    put(`geo/${region}/communes-${y}.topo.json`, JSON.stringify(topology({ communes: communes.layer }, 1e5)));
    const source = sources[String(y)];
    if (!source) throw new Error(`data/geo/${region}/sources.json : source des contours ${y} absente`);
    geometry.push({ year: y, file: `geo/${region}/communes-${y}.topo.json`, features: communes.codes.length, source });
    const cut = cutVectorTiles({ communes: communes.layer }, TILE_ZOOMS);
    for (const t of cut.tiles) put(`tiles/${region}/communes-${y}/${t.z}/${t.x}/${t.y}.pbf`, t.data);
    const { firstId, codes, bboxes } = communes;
    put(`tiles/${region}/communes-${y}.json`, JSON.stringify({ year: y, firstId, codes, bboxes }));
    const b = tiles.bounds;
    tiles.bounds = [
      Math.min(b[0], cut.bounds[0]),
      Math.min(b[1], cut.bounds[1]),
      Math.max(b[2], cut.bounds[2]),
      Math.max(b[3], cut.bounds[3]),
    ];
    tiles.communes.push({
      year: y,
      path: `tiles/${region}/communes-${y}`,
      index: `tiles/${region}/communes-${y}.json`,
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
    const cogCodeOf = (code: string) => mapping.get(code)?.[0];
    const layers = outlineLayers(topologies.get(base)!, cogCodeOf, ref, priority);
    const names = placeNames(topologies.get(base)!, cogCodeOf, ref, layers);
    for (const f of [...names.regional.features, ...names.communes.features]) labelTexts.add(f.properties.name);
    const cut = cutVectorTiles(
      { ...layers, places: names.regional, names: names.communes },
      { ...TILE_ZOOMS, layerMinZoom: { names: COMMUNE_NAMES_MIN_ZOOM } },
    );
    for (const t of cut.tiles) put(`tiles/${region}/contours-${cog}/${t.z}/${t.x}/${t.y}.pbf`, t.data);
    tiles.contours.push({ cog, base, path: `tiles/${region}/contours-${cog}`, count: cut.tiles.length });
  }
  const glyphs = await buildGlyphs(glyphRangesOf(labelTexts));
  for (const [file, data] of glyphs) put(file, data);
  tiles.glyphs = 'glyphs';
  console.log(
    `Région ${region} : géométries ${GEOMETRY_YEARS.join(', ')} ; tuiles vectorielles des zooms ` +
      `${TILE_ZOOMS.minZoom} à ${TILE_ZOOMS.maxZoom}`,
  );

  const registryPath = (file: string | null) => (file ? relative(ROOT_DIR, file) : null);
  const registryJson = `registry-${region}.json`;
  const registry: BuiltRegistry = {
    region,
    documents: docs.accepted,
    priority: prio.accepted,
    undated: undated.accepted,
    published: published.accepted,
    files: {
      documents: registryFile(registryPath(shipped.documents), shipped.documents, docs),
      priority: registryFile(registryPath(shipped.priority), shipped.priority, prio),
      undated: registryFile(registryPath(shipped.undated), shipped.undated, undated),
      published: registryFile(registryPath(shipped.published), shipped.published, published),
    },
  };
  put(registryJson, JSON.stringify(registry));
  const rejected = [docs, prio, undated, published].reduce((n, t) => n + t.rejectedLines.length, 0);
  console.log(
    shipped.documents
      ? `Région ${region}, registre : ${docs.accepted.length} documents (${docs.accepted.filter((d) => !d.verified).length} non vérifiés), ` +
          `${prio.accepted.length} territoires prioritaires, ${undated.accepted.length} documents sans date` +
          (rejected ? ` ; ${rejected} ligne(s) écartée(s), listées dans ${registryJson} et sur la carte` : '')
      : `Région ${region} : aucun registre livré (la carte invite à charger le sien)`,
  );
  const described = { region, builtAt: new Date().toISOString(), years, geometry, tiles, registry: registryJson };
  // What the page reads first: the manifest without the checksums of its thousands of files (a
  // quarter of a megabyte gzipped for Grand Est), which only the server and the CLI check.
  put(`map-${region}.json`, JSON.stringify(described));
  const manifest: BuildManifest = { ...described, files };
  writeFileSync(join(out, `manifest-${region}.json`), JSON.stringify(manifest, null, 2));
  console.log(
    `data/build : région ${region}, ${Object.keys(files).length} fichiers, empreintes dans manifest-${region}.json`,
  );
}

function registryFile<T>(
  path: string | null,
  absolute: string | null,
  t: LoadedTable<T>,
): BuiltRegistry['files']['documents'] | null {
  if (!path || !absolute) return null;
  return registryFileReport(
    { path, sha256: sha256(readBytes(absolute)), rows: t.rowCount, rejected: t.rejectedLines.length },
    t.diagnostics.map((d) => ({ ...d, file: path })),
  );
}
