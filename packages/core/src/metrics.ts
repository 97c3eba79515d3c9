import { DEPARTMENT_NAMES, regionLabel } from './regions.ts';
import { type Coverage, type CoverageEngine, type CoverageStatus, CommuneState, communeStates } from './coverage.ts';
import {
  DOC_TYPES,
  type DocType,
  type IsoDate,
  type PriorityKind,
  type PriorityTerritory,
  type Reference,
  type RegistryDocument,
} from './types.ts';

export interface AreaFigures {
  code: string;
  name: string;
  communes: number;
  population: number;
  coveredCommunes: number;
  coveredPopulation: number;
  /** Of which covered by a CLS (not only a charte). */
  clsCommunes: number;
  clsPopulation: number;
  /** Department of the area (for an EPCI: that of its first commune in INSEE order). */
  department: string;
}

export interface PriorityTerritoryState {
  id: string;
  kind: PriorityKind;
  label: string;
  communes: number;
  coveredCommunes: number;
  /** 'full' when every commune is covered, 'partial' when some are, 'none' otherwise. */
  state: 'full' | 'partial' | 'none';
  /** Population counted for the target (see PriorityFigures), and the part of it covered. */
  population: number;
  populationCovered: number;
  /**
   * With a department filter, the figures above are the department's part of the territory: this is
   * the whole territory's state, across departments (null without a filter).
   */
  whole: { communes: number; coveredCommunes: number; state: 'full' | 'partial' | 'none' } | null;
}

/** Counts of one kind of priority territory in force at a date. */
export interface TerritoryCounts {
  /** Territories of this kind in force. */
  count: number;
  /** Every commune of the territory covered. */
  covered: number;
  /** Some of its communes covered, not all. */
  partlyCovered: number;
  /** covered / count (0 when count is 0). */
  share: number;
  /** Distinct communes of these territories (each once, whatever the overlaps). */
  communes: number;
}

export interface PrapsFigures extends TerritoryCounts {
  /** Inhabitants of the communes of PRAPS territories (each commune once), and the part covered. */
  population: number;
  populationCovered: number;
  populationShare: number;
}

export interface QpvFigures extends TerritoryCounts {
  /** QPV whose own population was given as input (`--qpv-populations`). */
  withPopulation: number;
  /** Sum of the given QPV populations, and of those of fully covered QPV (a QPV counts when all its communes are covered). */
  population: number;
  populationCovered: number;
}

/** What the target population counts. */
export type TargetMeasure = 'praps-communes' | 'praps-communes+qpv';

export interface PriorityFigures {
  /** False when no priority territory is in force at the date: no target can be measured. */
  known: boolean;
  praps: PrapsFigures;
  qpv: QpvFigures;
  /** What `population` counts: the PRAPS communes, plus the given QPV populations outside them. */
  measure: TargetMeasure;
  /** The same in French, for every label of the target figures. */
  measureLabel: string;
  /** Population measured against the target, and the part covered. */
  population: number;
  populationCovered: number;
  populationShare: number;
  target: number;
  /** Inhabitants still to cover to reach the target (0 when reached; null when no territory is known). */
  gap: number | null;
  notes: string[];
  details: PriorityTerritoryState[];
}

export interface CoverageFigures {
  asOf: IsoDate;
  cog: number;
  cogExact: boolean;
  populationYear: number;
  populationNote: string | null;
  /** The area counted: the region, or the department of `department` only. */
  region: { code: string; communes: number; population: number };
  /** The department the figures are restricted to, or null for the whole region. */
  department: string | null;
  /** Documents in force at the date, by type. */
  documents: Record<DocType, number>;
  /** Documents signed by the date (in force or not), by type. */
  signed: Record<DocType, number>;
  covered: {
    communes: number;
    population: number;
    populationShare: number;
    communesShare: number;
    clsCommunes: number;
    clsPopulation: number;
    charteCommunes: number;
    chartePopulation: number;
  };
  expired: { communes: number; population: number };
  priority: PriorityFigures;
  byDepartment: AreaFigures[];
  byEpci: AreaFigures[];
  /** Unverified registry rows among the documents in force. */
  unverifiedInForce: number;
}

export interface FiguresOptions {
  /** Share of the priority population to cover (default 0.75). */
  target?: number;
  /**
   * Count one department only (code, e.g. "62"): its communes, the documents and priority territories
   * that touch it (a territory by its communes in the department), its EPCI by their communes there.
   */
  department?: string | null;
}

function countByType(docs: readonly { docType: DocType }[]): Record<DocType, number> {
  const out = Object.fromEntries(DOC_TYPES.map((t) => [t, 0])) as Record<DocType, number>;
  for (const d of docs) out[d.docType]++;
  return out;
}

/** Whether a priority territory is in force at a date (`since` ≤ date ≤ `until`). */
export function priorityInForce(t: PriorityTerritory, asOf: IsoDate): boolean {
  return (t.since === null || t.since <= asOf) && (t.until === null || t.until >= asOf);
}

/**
 * The figures of a coverage: documents, communes and population covered (region, departments,
 * EPCI), priority territories and the gap to the target. A commune counts once, whatever the
 * number of documents covering it.
 */
export function coverageFigures(
  coverage: Coverage,
  engine: CoverageEngine,
  options: FiguresOptions = {},
): CoverageFigures {
  const target = options.target ?? 0.75;
  const ref = coverage.reference;
  const state = communeStates(coverage);
  const layout = areaLayout(ref);
  const department = options.department ?? null;
  const depIndex = department === null ? -1 : layout.departments.findIndex((d) => d.code === department);
  const inArea = department === null ? null : (i: number) => layout.department[i] === depIndex;
  const newArea = (a: { code: string; name: string; department: string }): AreaFigures => ({
    code: a.code,
    name: a.name,
    communes: 0,
    population: 0,
    coveredCommunes: 0,
    coveredPopulation: 0,
    clsCommunes: 0,
    clsPopulation: 0,
    department: a.department,
  });
  const departments = layout.departments.map(newArea);
  const epcis = layout.epcis.map(newArea);
  // The region (or the department filtered) as one more area, and its communes with a document ended.
  const whole = newArea({ code: '', name: '', department: '' });
  const expired = { communes: 0, population: 0 };
  const add = (a: AreaFigures, population: number, st: CoverageStatus) => {
    a.communes++;
    a.population += population;
    if (st === 'none') return;
    a.coveredCommunes++;
    a.coveredPopulation += population;
    if (st !== 'cls') return;
    a.clsCommunes++;
    a.clsPopulation += population;
  };
  for (let i = 0; i < state.length; i++) {
    if (inArea && !inArea(i)) continue;
    const population = ref.communes[i]!.population;
    const s = state[i]!;
    const st: CoverageStatus = s === CommuneState.cls ? 'cls' : s === CommuneState.charte ? 'charte' : 'none';
    add(whole, population, st);
    add(departments[layout.department[i]!]!, population, st);
    const e = layout.epci[i]!;
    if (e >= 0) add(epcis[e]!, population, st);
    if (s === CommuneState.expired) {
      expired.communes++;
      expired.population += population;
    }
  }
  // Documents of a department: those whose perimeter touches it.
  const touches = (d: RegistryDocument) => {
    for (const i of engine.documentCommunes(d, coverage.cog)) if (inArea!(i)) return true;
    return false;
  };
  const inForce = inArea ? coverage.inForce.filter(touches) : null;
  return {
    asOf: coverage.asOf,
    cog: coverage.cog,
    cogExact: coverage.cogExact,
    populationYear: ref.populationYear,
    populationNote: ref.populationNote,
    region: { code: ref.region ?? 'FR', communes: whole.communes, population: whole.population },
    department,
    documents: inForce
      ? countByType(inForce)
      : coverage.tally
        ? { ...coverage.tally.inForce }
        : countByType(coverage.inForce),
    signed: inArea
      ? countByType(coverage.signed.filter(touches))
      : coverage.tally
        ? { ...coverage.tally.signed }
        : countByType(coverage.signed),
    covered: {
      communes: whole.coveredCommunes,
      population: whole.coveredPopulation,
      populationShare: whole.population ? whole.coveredPopulation / whole.population : 0,
      communesShare: whole.communes ? whole.coveredCommunes / whole.communes : 0,
      clsCommunes: whole.clsCommunes,
      clsPopulation: whole.clsPopulation,
      charteCommunes: whole.coveredCommunes - whole.clsCommunes,
      chartePopulation: whole.coveredPopulation - whole.clsPopulation,
    },
    expired,
    priority: priorityFigures(coverage, engine, target, inArea),
    byDepartment: inArea ? departments.filter((_, k) => k === depIndex) : departments,
    byEpci: inArea ? epcis.filter((e) => e.communes > 0) : epcis,
    unverifiedInForce: inForce
      ? inForce.filter((d) => !d.verified).length
      : (coverage.tally?.unverifiedInForce ?? coverage.inForce.filter((d) => !d.verified).length),
  };
}

interface AreaLayout {
  /** Departments and EPCI of the reference's communes, sorted by code. */
  departments: Array<{ code: string; name: string; department: string }>;
  epcis: Array<{ code: string; name: string; department: string }>;
  /** Per commune: index in `departments`, and in `epcis` (-1 without EPCI). */
  department: Int32Array;
  epci: Int32Array;
}
const layouts = new WeakMap<Reference, AreaLayout>();

/** Where each commune of a reference is counted (computed once per reference). */
function areaLayout(ref: Reference): AreaLayout {
  const hit = layouts.get(ref);
  if (hit) return hit;
  const epciNames = new Map(ref.epcis.map((e) => [e.siren, e.name]));
  const deps = new Map<string, { code: string; name: string; department: string }>();
  const epcis = new Map<string, { code: string; name: string; department: string }>();
  for (const c of ref.communes) {
    if (!deps.has(c.department))
      deps.set(c.department, {
        code: c.department,
        name: DEPARTMENT_NAMES[c.department] ?? c.department,
        department: c.department,
      });
    // An EPCI is listed under the department of its first commune.
    if (c.epci && !epcis.has(c.epci))
      epcis.set(c.epci, { code: c.epci, name: epciNames.get(c.epci) ?? c.epci, department: c.department });
  }
  const sorted = <T extends { code: string }>(m: Map<string, T>) =>
    [...m.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  const layout: AreaLayout = {
    departments: sorted(deps),
    epcis: sorted(epcis),
    department: new Int32Array(0),
    epci: new Int32Array(0),
  };
  const depIndex = new Map(layout.departments.map((d, i) => [d.code, i]));
  const epciIndex = new Map(layout.epcis.map((e, i) => [e.code, i]));
  layout.department = Int32Array.from(ref.communes, (c) => depIndex.get(c.department)!);
  layout.epci = Int32Array.from(ref.communes, (c) => (c.epci ? epciIndex.get(c.epci)! : -1));
  layouts.set(ref, layout);
  return layout;
}

function priorityFigures(
  coverage: Coverage,
  engine: CoverageEngine,
  target: number,
  inArea: ((i: number) => boolean) | null,
): PriorityFigures {
  const ref = coverage.reference;
  const state = communeStates(coverage);
  const pop = (i: number) => ref.communes[i]!.population;
  const isCov = (i: number) => state[i] === CommuneState.charte || state[i] === CommuneState.cls;
  // In a department, a territory counts by its communes there, and only when it has some.
  const expand = (t: PriorityTerritory) => {
    const all = engine.territoryCommunes(t, coverage.cog);
    return inArea ? all.filter(inArea) : all;
  };
  const active = engine.model.priority.filter(
    (t) => priorityInForce(t, coverage.asOf) && (!inArea || expand(t).length > 0),
  );
  const counts = (): TerritoryCounts => ({ count: 0, covered: 0, partlyCovered: 0, share: 0, communes: 0 });
  const praps: PrapsFigures = { ...counts(), population: 0, populationCovered: 0, populationShare: 0 };
  const qpv: QpvFigures = { ...counts(), withPopulation: 0, population: 0, populationCovered: 0 };
  // PRAPS communes: their whole population counts, each commune once (territories may overlap).
  const prapsCommunes = new Set<number>();
  const qpvCommunes = new Set<number>();
  for (const t of active) for (const i of expand(t)) (t.kind === 'praps' ? prapsCommunes : qpvCommunes).add(i);
  for (const i of prapsCommunes) {
    praps.population += pop(i);
    if (isCov(i)) praps.populationCovered += pop(i);
  }
  praps.communes = prapsCommunes.size;
  qpv.communes = qpvCommunes.size;
  let population = praps.population;
  let populationCovered = praps.populationCovered;
  const details: PriorityTerritoryState[] = [];
  const stateOf = (communes: number, covered: number) =>
    communes > 0 && covered === communes ? 'full' : covered > 0 ? 'partial' : 'none';
  for (const t of active) {
    const idx = expand(t);
    let whole: PriorityTerritoryState['whole'] = null;
    if (inArea) {
      const all = engine.territoryCommunes(t, coverage.cog);
      let c = 0;
      for (const i of all) if (isCov(i)) c++;
      whole = { communes: all.length, coveredCommunes: c, state: stateOf(all.length, c) };
    }
    let covered = 0;
    let tPop = 0;
    let tCov = 0;
    for (const i of idx) {
      if (isCov(i)) covered++;
      if (t.kind === 'praps') {
        tPop += pop(i);
        if (isCov(i)) tCov += pop(i);
      }
    }
    const state = stateOf(idx.length, covered);
    const k = t.kind === 'praps' ? praps : qpv;
    k.count++;
    if (state === 'full') k.covered++;
    if (state === 'partial') k.partlyCovered++;
    if (t.kind === 'qpv' && t.population != null) {
      qpv.withPopulation++;
      qpv.population += t.population;
      tPop = t.population;
      tCov = state === 'full' ? t.population : 0;
      qpv.populationCovered += tCov;
      // A QPV inside the PRAPS communes is already counted through its communes.
      const insidePraps = idx.length > 0 && [...idx].every((i) => prapsCommunes.has(i));
      if (!insidePraps) {
        population += tPop;
        populationCovered += tCov;
      }
    }
    details.push({
      id: t.id,
      kind: t.kind,
      label: t.label,
      communes: idx.length,
      coveredCommunes: covered,
      state,
      population: tPop,
      populationCovered: tCov,
      whole,
    });
  }
  praps.share = praps.count ? praps.covered / praps.count : 0;
  praps.populationShare = praps.population ? praps.populationCovered / praps.population : 0;
  qpv.share = qpv.count ? qpv.covered / qpv.count : 0;
  const measure: TargetMeasure = qpv.withPopulation > 0 ? 'praps-communes+qpv' : 'praps-communes';
  const known = active.length > 0;
  const notes: string[] = [];
  if (!known) {
    notes.push(
      `aucun territoire prioritaire connu pour ${ref.region ? regionLabel(ref.region) : 'la France'} à cette date : ` +
        "l'objectif ne peut pas être mesuré tant que la liste des territoires PRAPS et des QPV n'est pas fournie",
    );
  } else if (qpv.count === 0) {
    notes.push(
      'aucune liste de QPV en vigueur à cette date dans les données (la liste 2015 manque) : seuls les territoires PRAPS comptent',
    );
  } else if (qpv.withPopulation < qpv.count) {
    notes.push(
      `population connue pour ${qpv.withPopulation} QPV sur ${qpv.count} : l'objectif est mesuré sur ` +
        `${measure === 'praps-communes' ? 'la population des communes PRAPS' : 'la population des communes PRAPS et des QPV renseignés'}` +
        ' (la population de chaque QPV peut être fournie)',
    );
  }
  if (prapsCommunes.size === 0 && known && qpv.withPopulation === 0) {
    notes.push(
      'aucun territoire PRAPS en vigueur et aucune population de QPV : la population prioritaire est inconnue',
    );
  }
  return {
    known,
    praps,
    qpv,
    measure,
    measureLabel:
      measure === 'praps-communes'
        ? 'population des communes PRAPS'
        : 'population des communes PRAPS et des QPV renseignés',
    population,
    populationCovered,
    populationShare: population ? populationCovered / population : 0,
    target,
    gap: known && population > 0 ? Math.max(0, Math.ceil(target * population) - populationCovered) : null,
    notes,
    details,
  };
}
