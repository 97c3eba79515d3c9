import type { Coverage, CoverageEngine, CoverageModel } from './coverage.ts';
import { addYears, dayBefore } from './dates.ts';
import type { RegistryDocument } from './types.ts';

/** Years after which a document in force with no known end is said to need checking. */
export const OPEN_ENDED_YEARS = 5;

/** Documents in force for more than `years` at a date with no known end: counted as in force, to check. */
export interface OpenEndedFigures {
  years: number;
  documents: Array<
    Pick<RegistryDocument, 'id' | 'territory' | 'signedOn' | 'signedPrecision' | 'verified'> & { population: number }
  >;
  /** Inhabitants of their communes (in the area counted), each commune once. */
  population: number;
}

/**
 * The documents in force at the coverage's date, signed more than `years` (default 5) before it, whose
 * end is not known: the figures count them as in force, the reader should know which they are. With
 * `department`, only documents touching it, and their communes there.
 * @example openEndedDocuments(coverage, engine).documents.map((d) => d.id) // ["cls-bethune-bruay-2015", …]
 */
export function openEndedDocuments(
  coverage: Coverage,
  engine: CoverageEngine,
  options: { years?: number; department?: string | null } = {},
): OpenEndedFigures {
  const years = options.years ?? OPEN_ENDED_YEARS;
  const limit = addYears(coverage.asOf, -years);
  const communes = coverage.reference.communes;
  const inArea = (i: number) => !options.department || communes[i]!.department === options.department;
  const all = new Set<number>();
  const documents: OpenEndedFigures['documents'] = [];
  for (const d of coverage.inForce) {
    if (d.endsOn !== null || d.signedOn > limit) continue;
    let population = 0;
    let touches = false;
    for (const i of engine.documentCommunes(d, coverage.cog)) {
      if (!inArea(i)) continue;
      touches = true;
      population += communes[i]!.population;
      all.add(i);
    }
    if (touches)
      documents.push({
        id: d.id,
        territory: d.territory,
        signedOn: d.signedOn,
        signedPrecision: d.signedPrecision,
        verified: d.verified,
        population,
      });
  }
  let population = 0;
  for (const i of all) population += communes[i]!.population;
  return { years, documents, population };
}

/**
 * The model with an assumed duration for every document whose end is not known: it ends the day before
 * the `years`-th anniversary of its signature (`assumedEnd` set), and the model says so. Off unless
 * asked; every output states it when on.
 * @example withAssumedDuration(model, 6).documents.find((d) => d.assumedEnd)?.endsOn
 */
export function withAssumedDuration(model: CoverageModel, years: number): CoverageModel {
  if (!Number.isInteger(years) || years < 1 || years > 20)
    throw new RangeError(`durée supposée ${years} : un nombre entier d'années entre 1 et 20 est attendu`);
  return {
    ...model,
    assumedDuration: years,
    documents: model.documents.map((d) =>
      d.endsOn === null ? { ...d, endsOn: dayBefore(addYears(d.signedOn, years)), assumedEnd: true } : d,
    ),
  };
}

/** The French note an output carries when an assumed duration is applied, or null. */
export function assumedDurationNote(model: Pick<CoverageModel, 'assumedDuration' | 'documents'>): string | null {
  if (!model.assumedDuration) return null;
  const n = model.documents.filter((d) => d.assumedEnd).length;
  return (
    `durée supposée appliquée : les ${n} documents sans date de fin connue sont comptés ${model.assumedDuration} ans ` +
    'après leur signature (hypothèse de l’utilisateur, pas une donnée du registre)'
  );
}
