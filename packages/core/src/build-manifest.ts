import type { PublishedFigure } from './published.ts';
import type { CogYear, Diagnostic, PriorityTerritory, RegionCode, RegistryDocument, UndatedDocument } from './types.ts';

/**
 * What `pnpm build:data` wrote into `data/build/` for a region (`manifest-<region>.json`): each file,
 * where it comes from, and the SHA-256 of every file, so that readers (the CLI, the map server) can
 * refuse a build that does not match it.
 */
/**
 * The version of the vector tiles' layers: 2 since their names are English (`departments`, `priority`,
 * `places`, `names`; a place's `kind` is `department`), 1 before.
 */
export const TILE_FORMAT = 2;

export interface BuildManifest {
  region: string;
  /** When the build finished (ISO timestamp). */
  builtAt: string;
  years: Array<{
    cog: CogYear;
    /** The region's packed reference (PackedReference). */
    file: string;
    /** The national code tables of the year (PackedCodeTables). */
    codes: string;
    /** The packed reference of the whole of France (PackedReference with `region: null`). */
    national?: string;
    source: string;
    populationYear: number;
    populationNote: string | null;
    communes: number;
    epcis: number;
    population: number;
  }>;
  /** The commune polygons of each geometry year, with the attribution their source asks (licence included). */
  geometry: Array<{ year: CogYear; file: string; features: number; source: string }>;
  tiles: {
    /**
     * The tiles' layer names and properties (see TILE_FORMAT): a page reads only the format it was built
     * for, and the data build never carries over a region built in another.
     */
    format: number;
    minZoom: number;
    maxZoom: number;
    bounds: [number, number, number, number];
    communes: Array<{ year: CogYear; path: string; index: string; count: number }>;
    /** Outlines of each COG year, drawn over the communes of geometry year `base`. */
    contours: Array<{ cog: CogYear; base: CogYear; path: string; count: number }>;
    /** Glyph folder of the place names (`glyphs`: `<font stack>/<start>-<end>.pbf`; Noto Sans, SIL OFL 1.1). */
    glyphs: string;
  } | null;
  registry: string;
  /** Path (relative to `data/build/`) → SHA-256 of every file of the build but the manifest. */
  files: Record<string, string>;
}

/** One registry file as `build:data` read it. */
export interface BuiltRegistryFile {
  path: string;
  sha256: string;
  rows: number;
  rejected: number;
  errors: number;
  warnings: number;
  /** Every error and warning, with its line and field (rejected rows are never silently absent). */
  diagnostics: Diagnostic[];
}

/**
 * A registry file's report: what reading it found, its errors and warnings counted from its diagnostics.
 * @example registryFileReport({ path: 'documents.csv', sha256, rows: 28, rejected: 0 }, diagnostics).errors
 */
export function registryFileReport(
  file: Pick<BuiltRegistryFile, 'path' | 'sha256' | 'rows' | 'rejected'>,
  diagnostics: Diagnostic[],
): BuiltRegistryFile {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  return { ...file, errors: count('error'), warnings: count('warning'), diagnostics };
}

/** `data/build/registry.json`: the validated registry and priority territories the map shows. */
export interface BuiltRegistry {
  region: string;
  documents: RegistryDocument[];
  priority: PriorityTerritory[];
  /** Documents known without a date (`undated.csv`): listed on the map, never counted at a date. */
  undated: UndatedDocument[];
  /** Figures the ARS and INSEE published (`published-figures.csv`), to set the registry's completeness beside. */
  published: PublishedFigure[];
  /** Each file as read; null for a file the region does not ship (no registry outside region 32 today). */
  files: Record<'documents' | 'priority' | 'undated' | 'published', BuiltRegistryFile | null>;
}

/** One region of a deployment, as the page reads it (`data/build/deployment.json`). */
export interface DeployedRegion {
  code: RegionCode;
  name: string;
  /** « en Bretagne ». */
  in: string;
  agency: string;
  /** Path of the logo in the build, or null. */
  logo: string | null;
  colour: string | null;
  departments: Readonly<Record<string, string>>;
}

/** `data/build/deployment.json`: the regions built, in code order, and the one the page opens on. */
export interface Deployment {
  defaultRegion: RegionCode;
  regions: DeployedRegion[];
}
