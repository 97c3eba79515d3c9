import { CommuneState, communeStates, type Coverage, type CoverageEngine } from './coverage.ts';
import { coverageFigures, priorityInForce, type PriorityFigures } from './metrics.ts';
import type { IsoDate, PriorityTerritory, Siren } from './types.ts';

export interface PlanStep {
  rank: number;
  epci: Siren;
  name: string;
  /** Priority territories this EPCI is part of. */
  territories: string[];
  /** Priority population a CLS on the whole EPCI would add (each commune once; a QPV spanning several EPCI counts at the step that completes it). */
  addedPopulation: number;
  cumulativePopulation: number;
  cumulativeShare: number;
  /** True for the steps of the smallest set that reaches the target. */
  reachesTarget: boolean;
  /** A document that covered part of this EPCI has ended: a renewal would cover it again. */
  renewal: boolean;
}

export interface Plan {
  asOf: IsoDate;
  cog: number;
  cogExact: boolean;
  target: number;
  /** What the target population counts (as in the report). */
  measureLabel: string;
  /** False when no priority territory is known at the date: there is nothing to plan. */
  known: boolean;
  population: number;
  populationCovered: number;
  share: number;
  gap: number | null;
  steps: PlanStep[];
  /** Size of the smallest set of EPCI that reaches the target, or null if all of them do not. */
  smallestSetSize: number | null;
  /** The report's caveats (what the target counts, missing data, COG fallback). */
  notes: string[];
}

/**
 * Ranks the EPCI holding uncovered priority population by the population a CLS would add, with
 * the cumulative share. Each commune counts once, whatever the overlaps of priority territories;
 * EPCI are disjoint, so taking them in decreasing order gives the smallest number of new CLS that
 * reaches the target (a QPV spanning several EPCI counts once all of them are taken).
 */
export function planToTarget(engine: CoverageEngine, asOf: IsoDate, options: { target?: number } = {}): Plan {
  const target = options.target ?? 0.75;
  const coverage = engine.coverageAt(asOf);
  const figures = coverageFigures(coverage, engine, { target });
  const ref = coverage.reference;
  const cs = coverage.communes;
  const epciOf = (i: number) => ref.communes[i]!.epci;
  const added = new Map<Siren, { population: number; territories: Set<string>; renewal: boolean }>();
  const entry = (epci: Siren) => {
    let a = added.get(epci);
    if (!a) added.set(epci, (a = { population: 0, territories: new Set(), renewal: false }));
    return a;
  };
  const active = engine.model.priority.filter((t) => priorityInForce(t, asOf));
  // PRAPS communes: the union, each commune once, with the territories it belongs to.
  const prapsOf = new Map<number, string[]>();
  for (const t of active) {
    if (t.kind !== 'praps') continue;
    for (const i of engine.territoryCommunes(t, coverage.cog)) {
      const list = prapsOf.get(i);
      if (list) list.push(t.label);
      else prapsOf.set(i, [t.label]);
    }
  }
  for (const [i, labels] of prapsOf) {
    const epci = epciOf(i);
    if (!epci || cs[i]!.status !== 'none') continue;
    const a = entry(epci);
    a.population += ref.communes[i]!.population;
    for (const l of labels) a.territories.add(l);
    if (cs[i]!.expired) a.renewal = true;
  }
  // QPV with a given population outside the PRAPS communes: needed EPCI = those of its uncovered communes.
  const joint: Array<{ population: number; needs: Set<Siren>; label: string }> = [];
  for (const t of active) {
    if (t.kind !== 'qpv' || t.population == null) continue;
    const idx = [...engine.territoryCommunes(t, coverage.cog)];
    if (idx.length === 0 || idx.every((i) => prapsOf.has(i))) continue;
    const uncovered = idx.filter((i) => cs[i]!.status === 'none');
    const needs = new Set(uncovered.map(epciOf).filter((e): e is Siren => e !== null));
    if (needs.size === 0) continue;
    for (const e of needs) {
      entry(e).territories.add(t.label);
      if (uncovered.some((i) => epciOf(i) === e && cs[i]!.expired)) entry(e).renewal = true;
    }
    if (needs.size === 1) entry([...needs][0]!).population += t.population;
    else joint.push({ population: t.population, needs, label: t.label });
  }
  const names = new Map(ref.epcis.map((e) => [e.siren, e.name]));
  const ranked = [...added]
    .filter(([siren, a]) => a.population > 0 || joint.some((j) => j.needs.has(siren)))
    .sort((a, b) => b[1].population - a[1].population || (a[0] < b[0] ? -1 : 1));
  const p = figures.priority;
  let cum = p.populationCovered;
  const needed = Math.ceil(target * p.population);
  let smallest: number | null = p.known && cum >= needed ? 0 : null;
  const taken = new Set<Siren>();
  const steps: PlanStep[] = ranked.map(([siren, a], k) => {
    taken.add(siren);
    let add = a.population;
    for (const j of joint) if (j.needs.has(siren) && [...j.needs].every((e) => taken.has(e))) add += j.population;
    cum += add;
    if (p.known && smallest === null && cum >= needed) smallest = k + 1;
    return {
      rank: k + 1,
      epci: siren,
      name: names.get(siren) ?? siren,
      territories: [...a.territories].sort(),
      addedPopulation: add,
      cumulativePopulation: cum,
      cumulativeShare: p.population ? cum / p.population : 0,
      reachesTarget: false,
      renewal: a.renewal,
    };
  });
  for (const s of steps) s.reachesTarget = smallest !== null && s.rank <= smallest;
  return {
    asOf,
    cog: coverage.cog,
    cogExact: coverage.cogExact,
    target,
    measureLabel: p.measureLabel,
    known: p.known,
    population: p.population,
    populationCovered: p.populationCovered,
    share: p.populationShare,
    gap: p.gap,
    steps: p.known ? steps : [],
    smallestSetSize: p.known ? smallest : null,
    notes: planNotes(p, coverage.cogExact, coverage.cog, asOf),
  };
}

function planNotes(p: PriorityFigures, cogExact: boolean, cog: number, asOf: IsoDate): string[] {
  const notes = [...p.notes];
  if (!cogExact) {
    notes.push(`le COG ${asOf.slice(0, 4)} n'est pas livré : communes, EPCI et populations du COG ${cog}`);
  }
  return notes;
}

/** An EPCI holding uncovered communes of a priority territory. */
export interface Approach {
  epci: Siren;
  name: string;
  /** The territory's communes in this EPCI that no document covers at the date, and their inhabitants. */
  uncoveredCommunes: number;
  uncoveredPopulation: number;
  /** Departments of those uncovered communes. */
  departments: string[];
}

/**
 * The EPCI to approach for a priority territory at a date: those holding its uncovered communes,
 * most uncovered inhabitants first (a CLS signed with them would cover the territory). With
 * `department`, those of the department's part of the territory.
 * @example approachesFor(engine, engine.coverageAt('2024-06-30'), territory)[0]?.name // "CA de Lens-Liévin"
 */
export function approachesFor(
  engine: CoverageEngine,
  coverage: Coverage,
  territory: PriorityTerritory,
  options: { department?: string | null } = {},
): Approach[] {
  const ref = coverage.reference;
  const state = communeStates(coverage);
  const byEpci = new Map<Siren, Approach>();
  for (const i of engine.territoryCommunes(territory, coverage.cog)) {
    if (state[i] === CommuneState.cls || state[i] === CommuneState.charte) continue;
    const c = ref.communes[i]!;
    if (!c.epci) continue;
    // With a department filter: the communes of the department's part only.
    if (options.department && c.department !== options.department) continue;
    let a = byEpci.get(c.epci);
    if (!a) {
      const name = ref.epcis.find((e) => e.siren === c.epci)?.name ?? c.epci;
      byEpci.set(c.epci, (a = { epci: c.epci, name, uncoveredCommunes: 0, uncoveredPopulation: 0, departments: [] }));
    }
    if (!a.departments.includes(c.department)) a.departments.push(c.department);
    a.uncoveredCommunes++;
    a.uncoveredPopulation += c.population;
  }
  return [...byEpci.values()].sort(
    (a, b) => b.uncoveredPopulation - a.uncoveredPopulation || (a.epci < b.epci ? -1 : 1),
  );
}
