import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { CommuneTopology } from '@cls/geo';
import type { CogYear } from '@cls/core';

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

/** Reads a JSON file, with the path in the error message. */
export function readJson<T>(path: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${path} : JSON invalide (${(e as Error).message})`);
  }
}

/**
 * Loads the shipped commune polygons of Hauts-de-France for a geometry year (2019, 2024 or 2026),
 * as TopoJSON with one object `communes` (properties `code`, `nom`).
 */
export function loadCommuneTopology(year: CogYear): CommuneTopology {
  if (!GEOMETRY_YEARS.includes(year))
    throw new Error(`pas de géométrie livrée pour ${year} (années : ${GEOMETRY_YEARS.join(', ')})`);
  return readJson<CommuneTopology>(dataPath('geo', `communes-${year}.topo.json`));
}

/** The shipped geometry year a COG year is derived from: the latest one not after it (2019 for earlier years). */
export function geometryBaseYear(cog: CogYear): CogYear {
  const before = GEOMETRY_YEARS.filter((y) => y <= cog);
  return before.length ? before[before.length - 1]! : GEOMETRY_YEARS[0]!;
}
