import {
  unpackReference,
  type BuildManifest,
  type BuiltRegistry,
  type CogYear,
  type PackedReference,
  type Reference,
} from '@cls/core';
import type { CommuneTopology } from '@cls/geo';

export type Manifest = BuildManifest & { tiles: NonNullable<BuildManifest['tiles']> };

/** Code and bbox of each feature id of a commune tile set. */
export interface CommuneIndex {
  year: CogYear;
  codes: string[];
  bboxes: Array<[number, number, number, number]>;
}

export type RegistryFile = BuiltRegistry;

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url} : ${r.status} ${r.statusText}`);
  return (await r.json()) as T;
}

/** Loads the manifest. */
export function loadManifest(): Promise<Manifest> {
  return getJson<Manifest>('./manifest-32.json');
}

/** Loads the registry and every year's reference (small, packed). */
export async function loadBaseData(
  manifest: Manifest,
): Promise<{ manifest: Manifest; registry: RegistryFile; references: Map<CogYear, Reference> }> {
  const [registry, ...packed] = await Promise.all([
    getJson<RegistryFile>(`./${manifest.registry}`),
    ...manifest.years.map((y) => getJson<PackedReference>(`./${y.file}`)),
  ]);
  return { manifest, registry, references: new Map(packed.map((p) => [p.cog, unpackReference(p)])) };
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
