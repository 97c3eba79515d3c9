import { sliceReference } from './lineage.ts';
import type { InseeCode, Reference, RegionCode, Siren, Succession } from './types.ts';

/**
 * A region's reference in columns, for shipping to the browser (about half the size of the
 * JSON of a Reference). EPCI members outside the region are dropped: coverage only counts the
 * region's communes. The reference of the whole of France packs the same way with `region: null`:
 * the region of each commune then comes from the national code tables when it is unpacked.
 */
export interface PackedReference {
  cog: number;
  populationYear: number;
  populationNote: string | null;
  source: string;
  region: RegionCode | null;
  code: string[];
  name: string[];
  department: string[];
  population: number[];
  /** Index into `epci`, or -1. */
  epciIndex: number[];
  epci: Array<[siren: string, name: string, type: string, population: number, regions: string[]]>;
  successions: Array<[old: string, to: string, kind: Succession['kind']]>;
}

/** Packs a region's reference, or the whole of France's (see PackedReference). */
export function packReference(full: Reference): PackedReference {
  const ref = full.region ? sliceReference(full) : full;
  const epciIdx = new Map(ref.epcis.map((e, i) => [e.siren, i]));
  return {
    cog: ref.cog,
    populationYear: ref.populationYear,
    populationNote: ref.populationNote,
    source: ref.source,
    region: full.region,
    code: ref.communes.map((c) => c.code),
    name: ref.communes.map((c) => c.name),
    department: ref.communes.map((c) => c.department),
    population: ref.communes.map((c) => c.population),
    epciIndex: ref.communes.map((c) => (c.epci ? (epciIdx.get(c.epci) ?? -1) : -1)),
    epci: ref.epcis.map((e) => [e.siren, e.name, e.type, e.population, ref.regionsOfEpci[e.siren] ?? []]),
    // France's successions are those of the national code tables, shipped beside it.
    successions: full.region ? Object.entries(ref.successions).map(([old, s]) => [old, s.to, s.kind]) : [],
  };
}

/**
 * The national code tables of a COG year: the region of every commune and EPCI of France and the
 * successor of every old code. Validating a perimeter needs them to tell "another region" or "merged"
 * from "unknown"; the map, which only shows validated perimeters, does without.
 */
export interface PackedCodeTables {
  cog: number;
  source: string;
  /** Region → the codes of its communes, concatenated (5 characters each). */
  communesByRegion: Record<RegionCode, string>;
  epciRegions: Array<[siren: Siren, regions: RegionCode[]]>;
  successions: Array<[old: InseeCode, to: InseeCode, kind: Succession['kind']]>;
}

/** Packs the national code tables of a reference (see PackedCodeTables). */
export function packCodeTables(ref: Reference): PackedCodeTables {
  const byRegion: Record<RegionCode, string[]> = {};
  for (const [code, region] of ref.regionOfCode) (byRegion[region] ??= []).push(code);
  const communesByRegion: Record<RegionCode, string> = {};
  for (const [region, codes] of Object.entries(byRegion).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (codes.some((c) => c.length !== 5))
      throw new Error(`packCodeTables: code commune hors format en région ${region}`);
    communesByRegion[region] = codes.sort().join('');
  }
  return {
    cog: ref.cog,
    source: ref.source,
    communesByRegion,
    epciRegions: Object.entries(ref.regionsOfEpci),
    successions: Object.entries(ref.successions).map(([old, s]) => [old, s.to, s.kind]),
  };
}

/**
 * Rebuilds a Reference from its packed form. With the national code tables of the same year, the
 * result validates perimeters exactly as the full national reference does.
 */
export function unpackReference(p: PackedReference, codes?: PackedCodeTables): Reference {
  if (codes && (codes.cog !== p.cog || codes.source !== p.source))
    throw new Error(`unpackReference: tables de codes du COG ${codes.cog} (${codes.source}) pour le COG ${p.cog}`);
  if (p.region === null && !codes) throw new Error('unpackReference: la France entière demande les tables de codes');
  const regionOfCode = codes ? nationalRegionOfCode(codes) : new Map(p.code.map((c) => [c, p.region!]));
  const members: string[][] = p.epci.map(() => []);
  const communes = p.code.map((code, i) => {
    const e = p.epciIndex[i]!;
    if (e >= 0) members[e]!.push(code);
    return {
      code,
      name: p.name[i]!,
      department: p.department[i]!,
      region: p.region ?? regionOfCode.get(code)!,
      population: p.population[i]!,
      epci: e >= 0 ? p.epci[e]![0] : null,
    };
  });
  return {
    cog: p.cog,
    populationYear: p.populationYear,
    populationNote: p.populationNote,
    source: p.source,
    region: p.region,
    communes,
    epcis: p.epci.map(([siren, name, type, population], i) => ({
      siren,
      name,
      type,
      population,
      members: members[i]!,
    })),
    successions: Object.fromEntries((codes ?? p).successions.map(([old, to, kind]) => [old, { to, kind }])),
    regionOfCode,
    regionsOfEpci: Object.fromEntries(
      codes ? codes.epciRegions : p.epci.map(([siren, , , , regions]) => [siren, regions]),
    ),
  };
}

function nationalRegionOfCode(codes: PackedCodeTables): Map<InseeCode, RegionCode> {
  const out = new Map<InseeCode, RegionCode>();
  for (const [region, joined] of Object.entries(codes.communesByRegion)) {
    for (let i = 0; i < joined.length; i += 5) out.set(joined.slice(i, i + 5), region);
  }
  return out;
}
