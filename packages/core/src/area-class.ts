import type { CoverageEngine } from './coverage.ts';
import { cogYearAt } from './dates.ts';
import type { AreaFigures, CoverageFigures } from './metrics.ts';
import { priorityInForce } from './metrics.ts';
import type { InseeCode, IsoDate, PriorityTerritory } from './types.ts';

/** How much of an area (an EPCI, a department) is covered: every commune, some, or none. */
export type CoverageClass = 'full' | 'partial' | 'none';

/**
 * The class of an area by its communes covered (by a CLS or a charte), never by a majority rule:
 * an EPCI with one covered commune out of 95 is `partial`, not `none`.
 * @example coverageClass({ communes: 95, coveredCommunes: 1, ... }) // 'partial'
 */
export function coverageClass(area: Pick<AreaFigures, 'communes' | 'coveredCommunes'>): CoverageClass {
  if (area.communes > 0 && area.coveredCommunes === area.communes) return 'full';
  return area.coveredCommunes > 0 ? 'partial' : 'none';
}

/** Share of an area's population covered (0 for an empty area). */
export function coveredShare(area: Pick<AreaFigures, 'population' | 'coveredPopulation'>): number {
  return area.population ? area.coveredPopulation / area.population : 0;
}

/**
 * The priority territories in force at a date that hold a commune (PRAPS territories, QPV), read in
 * the COG year in force at that date.
 * @example priorityTerritoriesOf(engine, '62498', '2024-06-30').map((t) => t.id) // ['praps-bassin-minier', 'QN06204M', …]
 */
export function priorityTerritoriesOf(engine: CoverageEngine, code: InseeCode, asOf: IsoDate): PriorityTerritory[] {
  const { cog } = cogYearAt(asOf, engine.model.cogYears);
  const index = engine.model.referenceFor(cog).communes.findIndex((c) => c.code === code);
  if (index < 0) return [];
  return engine.model.priority.filter(
    (t) => priorityInForce(t, asOf) && engine.territoryCommunes(t, cog).includes(index),
  );
}

/** Communes and inhabitants of one class of a legend. */
export interface ClassCount {
  count: number;
  population: number;
}

/** A legend class's count, with the inhabitants a document covers in it. */
export interface CoveredClassCount extends ClassCount {
  /** All of them for a covered status, none for `none`; for an EPCI class, its EPCI's covered communes'. */
  covered: number;
}

/**
 * Communes and inhabitants by status (CLS, charte only, expired without relay, none): what the
 * legend of the communes view shows beside each colour. They add up to the area's totals.
 */
export function statusCounts(f: CoverageFigures): Record<'cls' | 'charte' | 'expired' | 'none', CoveredClassCount> {
  const c = f.covered;
  return {
    cls: { count: c.clsCommunes, population: c.clsPopulation, covered: c.clsPopulation },
    charte: { count: c.charteCommunes, population: c.chartePopulation, covered: c.chartePopulation },
    expired: { count: f.expired.communes, population: f.expired.population, covered: 0 },
    none: {
      count: f.region.communes - c.communes - f.expired.communes,
      population: f.region.population - c.population - f.expired.population,
      covered: 0,
    },
  };
}

/** EPCI and their inhabitants by class (see coverageClass): the legend of the EPCI view. */
export function classCounts(areas: readonly AreaFigures[]): Record<CoverageClass, CoveredClassCount> {
  const out: Record<CoverageClass, CoveredClassCount> = {
    full: { count: 0, population: 0, covered: 0 },
    partial: { count: 0, population: 0, covered: 0 },
    none: { count: 0, population: 0, covered: 0 },
  };
  for (const a of areas) {
    const k = out[coverageClass(a)];
    k.count++;
    k.population += a.population;
    k.covered += a.coveredPopulation;
  }
  return out;
}
