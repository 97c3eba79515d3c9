import type { CoverageEngine } from './coverage.ts';
import { cogYearAt } from './dates.ts';
import type { AreaFigures } from './metrics.ts';
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
