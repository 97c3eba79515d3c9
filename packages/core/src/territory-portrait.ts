import { coveredShare } from './area-class.ts';
import type { CoverageEngine } from './coverage.ts';
import { CommuneState, communeStates } from './coverage.ts';
import type { AreaFigures, CoverageFigures } from './metrics.ts';
import { coverageFigures, priorityInForce } from './metrics.ts';
import { planToTarget, type PlanStep } from './plan.ts';
import { DEPARTMENT_NAMES } from './regions.ts';
import type { IsoDate, PriorityTerritory, RegistryDocument } from './types.ts';

/** A territory's figures beside its department's and its region's, at one date. */
export interface TerritoryPortrait {
  kind: 'commune' | 'epci';
  code: string;
  name: string;
  /** The EPCI's legal form (CA, CC, CU, METRO), or « commune ». */
  type: string;
  asOf: IsoDate;
  cog: number;
  populationYear: number;
  /** Communes of the territory in the region, and their inhabitants. */
  communes: number;
  population: number;
  coveredCommunes: number;
  coveredPopulation: number;
  /** A commune's own status (cls, charte, none; `expired` when a document of it has ended without relay). */
  status: 'cls' | 'charte' | 'none' | 'expired' | null;
  /** Its department(s): code, name, covered share of population. */
  departments: Array<{ code: string; name: string; share: number }>;
  region: { code: string; share: number };
  /** An EPCI's rank among the EPCI of its (first) department by covered share of population, 1 = most covered. */
  rank: { position: number; of: number; department: string } | null;
  /** The EPCI holding a commune. */
  epci: { code: string; name: string } | null;
  /** Every document of the registry whose perimeter touches the territory, by signing date. */
  documents: Array<{ document: RegistryDocument; inForce: boolean; communes: number }>;
  /** Priority territories in force that touch it. */
  priority: PriorityTerritory[];
  /** What the gap planner says: the step of its EPCI (a CLS there would add this priority population), or null. */
  plan: PlanStep | null;
  /** Whether the planner has anything to say (priority territories known at the date). */
  planKnown: boolean;
}

/**
 * The portrait of a commune (INSEE code) or an EPCI (SIREN) at a date: its size and coverage, its
 * department's and region's share beside it, its rank among its department's EPCI, every document
 * touching it, the priority territories it holds and what the gap planner says about it. Pure: the
 * page shows it, prints it and exports it as CSV.
 * @example territoryPortrait(engine, '200042174', '2024-06-30').coveredPopulation
 */
export function territoryPortrait(engine: CoverageEngine, code: string, asOf: IsoDate): TerritoryPortrait | null {
  const coverage = engine.coverageAt(asOf);
  const ref = coverage.reference;
  const figures = coverageFigures(coverage, engine);
  const index = engine.communeIndex(coverage.cog);
  const epci = code.length === 9 ? ref.epcis.find((e) => e.siren === code) : undefined;
  const commune = code.length === 9 ? undefined : ref.communes.find((c) => c.code === code);
  if (!epci && !commune) return null;
  const members = epci ? epci.members.filter((m) => index.has(m)) : [commune!.code];
  const memberIndexes = new Set(members.map((m) => index.get(m)!));
  const states = communeStates(coverage);
  let population = 0;
  let coveredPopulation = 0;
  let coveredCommunes = 0;
  const departments = new Set<string>();
  for (const m of members) {
    const i = index.get(m)!;
    const c = ref.communes[i]!;
    departments.add(c.department);
    population += c.population;
    const st = states[i]!;
    if (st === CommuneState.cls || st === CommuneState.charte) {
      coveredCommunes++;
      coveredPopulation += c.population;
    }
  }
  const st = commune ? states[index.get(commune.code)!]! : null;
  const status =
    st === null
      ? null
      : st === CommuneState.cls
        ? 'cls'
        : st === CommuneState.charte
          ? 'charte'
          : st === CommuneState.expired
            ? 'expired'
            : 'none';
  const byDep = new Map(figures.byDepartment.map((d) => [d.code, d]));
  const deps = [...departments].sort();
  const documents = engine.documents
    .map((document) => {
      const touched = engine.documentCommunes(document, coverage.cog).filter((i) => memberIndexes.has(i));
      const inForce = coverage.inForce.includes(document);
      return { document, inForce, communes: touched.length };
    })
    .filter((d) => d.communes > 0 && d.document.signedOn <= asOf);
  const priority = engine.model.priority.filter(
    (t) => priorityInForce(t, asOf) && engine.territoryCommunes(t, coverage.cog).some((i) => memberIndexes.has(i)),
  );
  const holder = epci ?? ref.epcis.find((e) => e.siren === commune!.epci);
  const plan = planToTarget(engine, asOf);
  return {
    kind: epci ? 'epci' : 'commune',
    code,
    name: epci?.name ?? commune!.name,
    type: epci?.type ?? 'commune',
    asOf,
    cog: coverage.cog,
    populationYear: ref.populationYear,
    communes: members.length,
    population,
    coveredCommunes,
    coveredPopulation,
    status,
    departments: deps.map((d) => ({
      code: d,
      name: DEPARTMENT_NAMES[d] ?? d,
      share: byDep.get(d) ? coveredShare(byDep.get(d)!) : 0,
    })),
    region: { code: figures.region.code, share: figures.covered.populationShare },
    rank: epci ? rankInDepartment(figures, epci.siren, deps[0]!, ref) : null,
    epci: commune && holder ? { code: holder.siren, name: holder.name } : null,
    documents,
    priority,
    plan: holder ? (plan.steps.find((s) => s.epci === holder.siren) ?? null) : null,
    planKnown: plan.known,
  };
}

/** An EPCI's rank among the EPCI with communes in a department, by covered share of population. */
function rankInDepartment(
  figures: CoverageFigures,
  siren: string,
  department: string,
  ref: { communes: ReadonlyArray<{ department: string; epci: string | null }> },
): TerritoryPortrait['rank'] {
  const inDep = new Set(ref.communes.filter((c) => c.department === department).map((c) => c.epci));
  const peers: AreaFigures[] = figures.byEpci.filter((e) => inDep.has(e.code));
  const sorted = [...peers].sort((a, b) => coveredShare(b) - coveredShare(a) || a.name.localeCompare(b.name, 'fr'));
  const position = sorted.findIndex((e) => e.code === siren) + 1;
  return position > 0 ? { position, of: sorted.length, department } : null;
}

/**
 * A territory's covered share of population at each date (its own history, for a chart), counted
 * on its communes of the COG year of each date.
 * @example territoryHistory(engine, '62498', ['2019-06-30', '2024-06-30']) // [{ date, share: 0 }, { date, share: 1 }]
 */
export function territoryHistory(
  engine: CoverageEngine,
  code: string,
  dates: readonly IsoDate[],
): Array<{ date: IsoDate; share: number; coveredPopulation: number; population: number }> {
  return dates.map((date) => {
    const coverage = engine.coverageAt(date);
    const ref = coverage.reference;
    const index = engine.communeIndex(coverage.cog);
    const members =
      code.length === 9 ? (ref.epcis.find((e) => e.siren === code)?.members ?? []) : index.has(code) ? [code] : [];
    const states = communeStates(coverage);
    let population = 0;
    let covered = 0;
    for (const m of members) {
      const i = index.get(m);
      if (i === undefined) continue;
      const p = ref.communes[i]!.population;
      population += p;
      if (states[i] === CommuneState.cls || states[i] === CommuneState.charte) covered += p;
    }
    return { date, share: population ? covered / population : 0, coveredPopulation: covered, population };
  });
}
