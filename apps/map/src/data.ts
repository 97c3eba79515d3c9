import { unpackReference, type CogYear, type PackedReference, type PriorityTerritory, type Reference, type RegistryDocument } from '@cls/core';
import type { CommuneTopology } from '@cls/geo';

export interface Manifest {
  region: string;
  years: Array<{ cog: CogYear; file: string; source: string; populationYear: number; populationNote: string | null; communes: number; population: number }>;
  geometry: Array<{ year: CogYear; file: string; features: number }>;
  registry: string;
}

export interface RegistryFile {
  region: string;
  documents: RegistryDocument[];
  priority: PriorityTerritory[];
  files: Record<'documents' | 'priority', { path: string; sha256: string; rows: number; rejected: number; errors: number; warnings: number }>;
}

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
export async function loadBaseData(manifest: Manifest): Promise<{ manifest: Manifest; registry: RegistryFile; references: Map<CogYear, Reference> }> {
  const [registry, ...packed] = await Promise.all([
    getJson<RegistryFile>(`./${manifest.registry}`),
    ...manifest.years.map((y) => getJson<PackedReference>(`./${y.file}`)),
  ]);
  return { manifest, registry, references: new Map(packed.map((p) => [p.cog, unpackReference(p)])) };
}

const geometryCache = new Map<CogYear, Promise<CommuneTopology>>();

/** Loads (once) the commune polygons of a shipped geometry year. */
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

/** The shipped geometry year a COG year is drawn from (latest not after it). */
export function baseYearOf(manifest: Manifest, cog: CogYear): CogYear {
  const years = manifest.geometry.map((g) => g.year).sort((a, b) => a - b);
  const before = years.filter((y) => y <= cog);
  return before.length ? before[before.length - 1]! : years[0]!;
}
