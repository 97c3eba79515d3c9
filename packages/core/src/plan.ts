import type { CoverageEngine } from './coverage.ts';
import { coverageFigures, priorityInForce } from './metrics.ts';
import type { IsoDate, Siren } from './types.ts';

export interface PlanStep {
  rank: number;
  epci: Siren;
  name: string;
  /** Priority territories this EPCI is part of. */
  territories: string[];
  /** Priority population a CLS on the whole EPCI would add. */
  addedPopulation: number;
  cumulativePopulation: number;
  cumulativeShare: number;
  /** True for the steps of the smallest set that reaches the target. */
  reachesTarget: boolean;
}

export interface Plan {
  asOf: IsoDate;
  target: number;
  population: number;
  populationCovered: number;
  share: number;
  gap: number;
  steps: PlanStep[];
  /** Size of the smallest set of EPCI that reaches the target, or null if all of them do not. */
  smallestSetSize: number | null;
}

/**
 * Ranks the EPCI holding uncovered priority population by the population a CLS would add, with
 * the cumulative share. EPCI are disjoint, so taking them in decreasing order gives the smallest
 * number of new CLS that reaches the target.
 */
export function planToTarget(engine: CoverageEngine, asOf: IsoDate, options: { target?: number } = {}): Plan {
  const target = options.target ?? 0.75;
  const coverage = engine.coverageAt(asOf);
  const figures = coverageFigures(coverage, engine, { target });
  const ref = coverage.reference;
  const cs = coverage.communes;
  const added = new Map<Siren, { population: number; territories: Set<string> }>();
  const add = (i: number, pop: number, territory: string) => {
    const epci = ref.communes[i]!.epci;
    if (!epci) return;
    let a = added.get(epci);
    if (!a) added.set(epci, (a = { population: 0, territories: new Set() }));
    a.population += pop;
    a.territories.add(territory);
  };
  const prapsSeen = new Set<number>();
  const active = engine.model.priority.filter((t) => priorityInForce(t, asOf));
  for (const t of active) {
    if (t.kind !== 'praps') continue;
    for (const i of engine.territoryCommunes(t, coverage.cog)) {
      prapsSeen.add(i);
      add(i, cs[i]!.status === 'none' ? ref.communes[i]!.population : 0, t.label);
    }
  }
  for (const t of active) {
    if (t.kind !== 'qpv' || t.population == null) continue;
    const idx = [...engine.territoryCommunes(t, coverage.cog)];
    if (idx.length === 0 || idx.every((i) => prapsSeen.has(i))) continue;
    const uncovered = idx.filter((i) => cs[i]!.status === 'none');
    // The QPV population is attributed to the EPCI of its first uncovered commune.
    if (uncovered.length) add(uncovered[0]!, t.population, t.label);
  }
  const names = new Map(ref.epcis.map((e) => [e.siren, e.name]));
  const ranked = [...added]
    .filter(([, a]) => a.population > 0)
    .sort((a, b) => b[1].population - a[1].population || (a[0] < b[0] ? -1 : 1));
  const p = figures.priority;
  let cum = p.populationCovered;
  const needed = Math.ceil(target * p.population);
  let smallest: number | null = cum >= needed ? 0 : null;
  const steps: PlanStep[] = ranked.map(([siren, a], k) => {
    cum += a.population;
    if (smallest === null && cum >= needed) smallest = k + 1;
    return {
      rank: k + 1,
      epci: siren,
      name: names.get(siren) ?? siren,
      territories: [...a.territories].sort(),
      addedPopulation: a.population,
      cumulativePopulation: cum,
      cumulativeShare: p.population ? cum / p.population : 0,
      reachesTarget: false,
    };
  });
  for (const s of steps) s.reachesTarget = smallest !== null && s.rank <= smallest;
  return {
    asOf,
    target,
    population: p.population,
    populationCovered: p.populationCovered,
    share: p.populationShare,
    gap: p.gap,
    steps,
    smallestSetSize: smallest,
  };
}
