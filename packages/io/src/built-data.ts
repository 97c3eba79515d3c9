import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  unpackReference,
  type BuildManifest,
  type CogYear,
  type PackedCodeTables,
  type PackedReference,
  type Reference,
  type RegionCode,
} from '@cls/core';
import { cogVersion } from './cog-versions.ts';
import { dataPath } from './data-files.ts';
import { loadReference } from './reference.ts';
import { InputFileError } from './input-error.ts';

/** SHA-256 of a byte string, in hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const REBUILD = 'relancez « pnpm build:data »';
const manifests = new Map<string, BuildManifest | null>();

/** The manifest of the build of a region in `dir` (default `data/build/`), or null when there is none. */
export function readBuildManifest(region: RegionCode, dir = dataPath('build')): BuildManifest | null {
  const key = join(dir, region);
  if (manifests.has(key)) return manifests.get(key)!;
  const path = join(dir, `manifest-${region}.json`);
  let manifest: BuildManifest | null = null;
  if (existsSync(path)) {
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as BuildManifest;
    } catch (e) {
      throw new InputFileError(`${path} : manifeste illisible (${(e as Error).message}) ; ${REBUILD}`);
    }
    if (!manifest.files || !Array.isArray(manifest.years))
      throw new InputFileError(`${path} : manifeste d'une version antérieure (sans empreintes) ; ${REBUILD}`);
  }
  manifests.set(key, manifest);
  return manifest;
}

/**
 * Reads a file of the build, refusing it when its SHA-256 differs from the manifest's (a build
 * interrupted, edited by hand or from another version): figures from it could be wrong.
 */
export function readBuildFile(manifest: BuildManifest, file: string, dir = dataPath('build')): Buffer {
  const path = join(dir, file);
  const expected = manifest.files[file];
  if (!expected) throw new InputFileError(`data/build/${file} : absent du manifeste ; ${REBUILD}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new InputFileError(`data/build/${file} : fichier annoncé par le manifeste mais absent ; ${REBUILD}`);
  }
  if (sha256(bytes) !== expected)
    throw new InputFileError(
      `data/build/${file} : contenu différent du manifeste (build incomplet ou modifié) ; ${REBUILD}`,
    );
  return bytes;
}

/**
 * Checks every file a build's manifest lists (the map server does it before serving).
 * @returns the problems, one line per file; empty when the build is whole.
 */
export function verifyBuild(manifest: BuildManifest, dir = dataPath('build')): string[] {
  const problems: string[] = [];
  for (const file of Object.keys(manifest.files)) {
    try {
      readBuildFile(manifest, file, dir);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return problems;
}

const references = new Map<string, Reference>();

/**
 * The reference of a COG year for a region, or for the whole of France (`null`): read from
 * `data/build/` when a build exists (the packed reference and the national code tables, checked
 * against the manifest), else from the npm packages (the national JSON: slower, and ~150 MB to
 * parse for France). Both give the same communes, EPCI, populations and code tables.
 * @example regionReference(2024, '32').communes.length // 3782
 */
export function regionReference(cog: CogYear, region: RegionCode | null): Reference {
  const key = `${cog}:${region ?? 'FR'}`;
  const hit = references.get(key);
  if (hit) return hit;
  const manifest = region ? readBuildManifest(region) : nationalManifest(cog);
  const year = manifest?.years.find((y) => y.cog === cog);
  const file = region ? year?.file : year?.national;
  let ref: Reference;
  if (manifest && year && file) {
    const expected = `@etalab/decoupage-administratif@${cogVersion(cog).version}`;
    if (year.source !== expected)
      throw new InputFileError(
        `data/build : COG ${cog} construit depuis ${year.source}, attendu ${expected} ; ${REBUILD}`,
      );
    const packed = JSON.parse(readBuildFile(manifest, file).toString('utf8')) as PackedReference;
    const codes = JSON.parse(readBuildFile(manifest, year.codes).toString('utf8')) as PackedCodeTables;
    ref = unpackReference(packed, codes);
  } else {
    ref = loadReference(cog, { region });
  }
  references.set(key, ref);
  return ref;
}

/** The regions a build holds (one `manifest-<region>.json` each), sorted. */
export function builtRegions(dir = dataPath('build')): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^manifest-(.+)\.json$/.exec(name)?.[1])
    .filter((r): r is string => r !== undefined)
    .sort();
}

/** A build that holds the whole of France for a COG year (any region's build writes it), or null. */
function nationalManifest(cog: CogYear, dir = dataPath('build')): BuildManifest | null {
  if (!existsSync(dir)) return null;
  for (const name of readdirSync(dir).sort()) {
    const m = /^manifest-(.+)\.json$/.exec(name);
    const manifest = m ? readBuildManifest(m[1]!, dir) : null;
    if (manifest?.years.some((y) => y.cog === cog && y.national)) return manifest;
  }
  return null;
}
