import {
  TILE_FORMAT,
  unpackReference,
  type BuildManifest,
  type BuiltRegistry,
  type Deployment,
  type CogYear,
  type PackedCodeTables,
  type PackedReference,
  type Reference,
} from '@cls/core';
import type { CommuneTopology } from '@cls/geo';

/** What the page reads of a region's build (`map-<region>.json`: the manifest without its checksums). */
export type Manifest = Omit<BuildManifest, 'files'> & { tiles: NonNullable<BuildManifest['tiles']> };

/** Code and bbox of each feature id of a commune tile set. */
export interface CommuneIndex {
  year: CogYear;
  /** Feature id of the first commune (the geometry years are numbered one after the other: see communeLayer). */
  firstId: number;
  codes: string[];
  bboxes: Array<[number, number, number, number]>;
}

export type RegistryFile = BuiltRegistry;

/** Where the data files are: the page's folder, unless set (a worker's own URL is elsewhere). */
let dataBase: string | null = null;

/** Tells a worker where the page's data files are (`new URL('./', location.href).href` of the page). */
export function setDataBase(url: string): void {
  dataBase = url;
}

async function getJson<T>(path: string): Promise<T> {
  const url = dataBase ? new URL(path, dataBase).href : path;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url} : ${r.status} ${r.statusText}`);
  return (await r.json()) as T;
}

/** Loads the deployment: the regions built, the one the page opens on, each agency's identity. */
export function loadDeployment(): Promise<Deployment> {
  return getJson<Deployment>('./deployment.json');
}

/** Loads the description of a region's build. */
export async function loadManifest(region: string): Promise<Manifest> {
  const m = await getJson<Manifest>(`./map-${region}.json`);
  // Tiles of another format would draw nothing, silently: refused with what to do.
  if (m.tiles?.format !== TILE_FORMAT)
    throw new Error(
      `map-${region}.json : tuiles au format ${m.tiles?.format ?? 1}, cette page attend le format ${TILE_FORMAT} ; relancez pnpm build:data`,
    );
  return m;
}

const packedCache = new Map<string, Promise<PackedReference>>();

/** Loads (once) a year's packed reference. */
function loadPacked(path: string): Promise<PackedReference> {
  let p = packedCache.get(path);
  if (!p) packedCache.set(path, (p = getJson<PackedReference>(`./${path}`)));
  return p;
}

/** Loads the registry and every year's reference (small, packed). */
export async function loadBaseData(
  manifest: Manifest,
): Promise<{ manifest: Manifest; registry: RegistryFile; references: Map<CogYear, Reference> }> {
  const [registry, ...packed] = await Promise.all([
    getJson<RegistryFile>(`./${manifest.registry}`),
    ...manifest.years.map((y) => loadPacked(y.file)),
  ]);
  return { manifest, registry, references: new Map(packed.map((p) => [p.cog, unpackReference(p)])) };
}

let validation: Promise<(cog: CogYear) => Reference> | null = null;

/**
 * The references `cls validate` checks a registry with: the region's, plus every commune and EPCI
 * code of France for the year (so that a code of another region is said to be one, not unknown).
 * Loaded once, only when the analyst reads or edits a registry (~100 kB gzipped a year).
 */
export function loadValidationReferences(manifest: Manifest): Promise<(cog: CogYear) => Reference> {
  validation ??= Promise.all(
    manifest.years.map(async (y) => {
      const [packed, codes] = await Promise.all([loadPacked(y.file), getJson<PackedCodeTables>(`./${y.codes}`)]);
      return unpackReference(packed, codes);
    }),
  ).then((refs) => {
    const byCog = new Map(refs.map((r) => [r.cog, r]));
    return (cog: CogYear) => {
      const r = byCog.get(cog);
      if (!r) throw new Error(`COG ${cog} non chargé`);
      return r;
    };
  });
  return validation;
}

/** The tile sets a COG year is drawn with: its outlines and the communes of its geometry year. */
export function tileSetsOf(
  manifest: Manifest,
  cog: CogYear,
): { base: CogYear; contours: string; communes: string; index: string } {
  const c = manifest.tiles.contours.find((x) => x.cog === cog);
  const b = c && manifest.tiles.communes.find((x) => x.year === c.base);
  if (!c || !b) throw new Error(`pas de tuiles pour le COG ${cog}`);
  return { base: c.base, contours: c.path, communes: b.path, index: b.index };
}

const indexCache = new Map<string, Promise<CommuneIndex>>();

/** Loads (once) the code and bbox of each commune feature of a tile set. */
export function loadCommuneIndex(path: string): Promise<CommuneIndex> {
  let p = indexCache.get(path);
  if (!p) indexCache.set(path, (p = getJson<CommuneIndex>(`./${path}`)));
  return p;
}

const geometryCache = new Map<CogYear, Promise<CommuneTopology>>();

/** Loads (once) the commune polygons of a shipped geometry year (only the covered-area export needs them). */
export function loadGeometry(manifest: Manifest, year: CogYear): Promise<CommuneTopology> {
  let p = geometryCache.get(year);
  if (!p) {
    const entry = manifest.geometry.find((g) => g.year === year);
    if (!entry) throw new Error(`pas de géométrie pour ${year}`);
    p = getJson<CommuneTopology>(`./${entry.file}`);
    geometryCache.set(year, p);
  }
  return p;
}
