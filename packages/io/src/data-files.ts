import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { CommuneTopology } from '@cls/geo';
import type { CogYear, RegionCode } from '@cls/core';

/** The repository's root: the nearest directory above this module holding `pnpm-workspace.yaml`
 * (this module runs from `packages/io/src` or bundled in `packages/cli/dist`). */
export const ROOT_DIR = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The repository's `data/` directory. */
export const DATA_DIR = join(ROOT_DIR, 'data');

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`racine du dépôt introuvable au-dessus de ${from}`);
  }
}

/** COG years that have a shipped commune geometry file; other years are derived from the nearest one. */
export const GEOMETRY_YEARS: readonly CogYear[] = [2019, 2024, 2026];

/** Path of a file under `data/`. */
export function dataPath(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}

/** Reads a JSON file (gunzipped when its name ends in `.gz`), with the path in the error message. */
export function readJson<T>(path: string): T {
  let text: string;
  try {
    const bytes = readFileSync(path);
    text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (e) {
    throw new Error(`${path} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${path} : JSON invalide (${(e as Error).message})`);
  }
}

/** The regions whose commune polygons are shipped (the folders of `data/geo/`), sorted. */
export function geometryRegions(): RegionCode[] {
  return readdirSync(dataPath('geo'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(dataPath('geo', d.name, 'communes-2024.topo.json.gz')))
    .map((d) => d.name)
    .sort();
}

/**
 * Loads the shipped commune polygons of a region for a geometry year (2019, 2024 or 2026), as
 * TopoJSON with one object `communes` (properties `code`, `nom`): `data/geo/<region>/`.
 * @example loadCommuneTopology(2024, '53').objects.communes.geometries.length // 1206
 */
export function loadCommuneTopology(year: CogYear, region: RegionCode = '32'): CommuneTopology {
  if (!GEOMETRY_YEARS.includes(year))
    throw new Error(`pas de géométrie livrée pour ${year} (années : ${GEOMETRY_YEARS.join(', ')})`);
  const path = dataPath('geo', region, `communes-${year}.topo.json.gz`);
  if (!existsSync(path))
    throw new Error(
      `pas de contours de communes pour la région ${region} (régions livrées : ${geometryRegions().join(', ')})`,
    );
  return readJson<CommuneTopology>(path);
}

/** The shipped geometry year a COG year is derived from: the latest one not after it (2019 for earlier years). */
export function geometryBaseYear(cog: CogYear): CogYear {
  const before = GEOMETRY_YEARS.filter((y) => y <= cog);
  return before.length ? before[before.length - 1]! : GEOMETRY_YEARS[0]!;
}

/** The registry files of a region: each path, or null when the region has none shipped. */
export interface RegionRegistryFiles {
  documents: string | null;
  priority: string | null;
  undated: string | null;
  published: string | null;
}

/**
 * The shipped registry of a region: `data/registry/` for Hauts-de-France (32, the registry the
 * project researched), `data/registry/<region>/` for any other region an ARS adds; a file absent
 * is null (no other region ships a registry or priority territories today).
 * @example registryFiles('53').documents // null
 */
export function registryFiles(region: RegionCode): RegionRegistryFiles {
  const dir = region === '32' ? dataPath('registry') : dataPath('registry', region);
  const file = (name: string) => (existsSync(join(dir, name)) ? join(dir, name) : null);
  return {
    documents: file('documents.csv'),
    priority: file('priority-territories.csv'),
    undated: file('undated.csv'),
    published: file('published-figures.csv'),
  };
}
