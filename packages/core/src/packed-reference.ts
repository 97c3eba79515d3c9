import { sliceReference } from './lineage.ts';
import type { Reference, Succession } from './types.ts';

/**
 * A region's reference in columns, for shipping to the browser (about half the size of the
 * JSON of a Reference). EPCI members outside the region are dropped: coverage only counts the
 * region's communes.
 */
export interface PackedReference {
  cog: number;
  populationYear: number;
  populationNote: string | null;
  source: string;
  region: string;
  code: string[];
  name: string[];
  department: string[];
  population: number[];
  /** Index into `epci`, or -1. */
  epciIndex: number[];
  epci: Array<[siren: string, name: string, type: string, population: number, regions: string[]]>;
  successions: Array<[old: string, to: string, kind: Succession['kind']]>;
}

/** Packs a region's reference (see PackedReference). */
export function packReference(full: Reference): PackedReference {
  if (!full.region) throw new Error('packReference: une région est attendue');
  const ref = sliceReference(full);
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
    epci: ref.epcis.map((e) => [e.siren, e.name, e.type, e.population, ref.regionsOfEpci[e.siren] ?? [full.region!]]),
    successions: Object.entries(ref.successions).map(([old, s]) => [old, s.to, s.kind]),
  };
}

/** Rebuilds a Reference from its packed form. */
export function unpackReference(p: PackedReference): Reference {
  const members: string[][] = p.epci.map(() => []);
  const communes = p.code.map((code, i) => {
    const e = p.epciIndex[i]!;
    if (e >= 0) members[e]!.push(code);
    return {
      code,
      name: p.name[i]!,
      department: p.department[i]!,
      region: p.region,
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
    successions: Object.fromEntries(p.successions.map(([old, to, kind]) => [old, { to, kind }])),
    regionOfCode: Object.fromEntries(p.code.map((c) => [c, p.region])),
    regionsOfEpci: Object.fromEntries(p.epci.map(([siren, , , , regions]) => [siren, regions])),
  };
}
