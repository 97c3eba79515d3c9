/** INSEE commune code, 5 characters, leading zeros kept: "02691", "2A004". */
export type InseeCode = string;
/** SIREN of an EPCI, 9 digits: "246200364". */
export type Siren = string;
/** Calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** Millésime of the Code officiel géographique (COG): the geography in force on 1 January of that year. */
export type CogYear = number;
/** Region code, e.g. "32" for Hauts-de-France. */
export type RegionCode = string;
/** Department code, e.g. "02", "2A". */
export type DepartmentCode = string;

export interface Commune {
  code: InseeCode;
  name: string;
  department: DepartmentCode;
  region: RegionCode;
  /** Population municipale in force in this COG year (see Reference.populationYear). */
  population: number;
  /** SIREN of the EPCI the commune belongs to in this COG year, or null (a few islands). */
  epci: Siren | null;
}

export interface Epci {
  siren: Siren;
  name: string;
  /** CA, CC, CU, METRO, MET69. */
  type: string;
  /** Every member commune, including those outside the selected region. */
  members: InseeCode[];
  /** Population municipale of the whole EPCI as published by the DGCL in the same data version. */
  population: number;
}

/** Why an old code resolves to a current one. */
export type SuccessionKind = 'deleguee' | 'associee' | 'ancien-code' | 'historique';

export interface Succession {
  /** The current commune (in this COG year) that took over the old code. */
  to: InseeCode;
  kind: SuccessionKind;
}

/** The reference geography and populations of one COG year: plain data (`regionOfCode` is a Map: 35,000 codes). */
export interface Reference {
  cog: CogYear;
  /** Census year of the populations (legal population in force on 1 January of `cog` = census of cog - 3). */
  populationYear: number;
  /** Set when the data version did not update populations (they repeat an earlier vintage). */
  populationNote: string | null;
  /** Data origin, e.g. "@etalab/decoupage-administratif@0.7.0". */
  source: string;
  /** Region selected, or null for the whole of France. */
  region: RegionCode | null;
  communes: Commune[];
  /** EPCI with at least one member commune in the selection. */
  epcis: Epci[];
  /** Codes that are no longer communes in this COG year, with the commune that took them over. */
  successions: Record<InseeCode, Succession>;
  /** Region of every current commune of France (to tell "other region" from "unknown"). */
  regionOfCode: ReadonlyMap<InseeCode, RegionCode>;
  /** Regions of the members of every EPCI of France (an EPCI may straddle two regions). */
  regionsOfEpci: Record<Siren, RegionCode[]>;
}

export type DocType = 'charte' | 'cls' | 'avenant' | 'renouvellement';
export const DOC_TYPES: readonly DocType[] = ['charte', 'cls', 'avenant', 'renouvellement'];

export type DatePrecision = 'day' | 'month' | 'year';

/** One signed document of the registry, validated. */
export interface RegistryDocument {
  id: string;
  territory: string;
  /** Codes as normalised by the loader (leading zeros restored); 9 digits = EPCI SIREN, 5 = commune. */
  perimeter: string[];
  docType: DocType;
  /** Effective date for as-of questions (a month or year precision date means its last day). */
  signedOn: IsoDate;
  signedPrecision: DatePrecision;
  endsOn: IsoDate | null;
  /** The end is an assumption of the user's (withAssumedDuration), not a date of the registry. */
  assumedEnd?: boolean;
  generation: number | null;
  verified: boolean;
  sourceUrl: string;
  evidence: string;
  /** Line in the source file (1 = header). */
  line: number;
}

/** A sourced document whose signing date is unknown (`undated.csv`): listed, never counted at a date. */
export type UndatedDocument = Omit<RegistryDocument, 'signedOn' | 'signedPrecision' | 'endsOn'> & {
  /** What is known of the date, in French ("après octobre 2023, jour inconnu"). */
  dateNote: string;
};

export type PriorityKind = 'praps' | 'qpv';

export interface PriorityTerritory {
  id: string;
  kind: PriorityKind;
  label: string;
  perimeter: string[];
  since: IsoDate | null;
  until: IsoDate | null;
  sourceUrl: string;
  evidence: string;
  line: number;
  /** Population of the territory itself when the user supplied it (e.g. a QPV's INSEE population). */
  population: number | null;
  /** Whether the row's source was checked (`verified` column); null when the file has no such column. */
  verified: boolean | null;
}

export type Severity = 'error' | 'warning';

/** A problem found in an input, located precisely. */
export interface Diagnostic {
  severity: Severity;
  file: string;
  line: number | null;
  field: string | null;
  message: string;
}
