import type { Coverage, CoverageEngine } from './coverage.ts';
import type { DocType, IsoDate, PriorityKind, PriorityTerritory } from './types.ts';
import { DOC_TYPES } from './types.ts';

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
}

export interface PriorityFigures {
  territories: number;
  territoriesCovered: number;
  territoriesPartlyCovered: number;
  /** territoriesCovered / territories (the ARS "x % des territoires identifiés comme prioritaires"). */
  territoriesShare: number;
  /** Priority population: inhabitants of the communes of PRAPS territories, plus QPV populations given as input for QPV outside them. */
  population: number;
  populationCovered: number;
  populationShare: number;
  target: number;
  /** Inhabitants still to cover to reach the target (0 when reached). */
  gap: number;
  byKind: Record<PriorityKind, { territories: number; covered: number; partly: number }>;
  qpv: {
    count: number;
    covered: number;
    partlyCovered: number;
    withPopulation: number;
    population: number;
    populationCovered: number;
  };
  notes: string[];
  details: PriorityTerritoryState[];
}

export interface CoverageFigures {
  asOf: IsoDate;
  cog: number;
  cogExact: boolean;
  populationYear: number;
  populationNote: string | null;
  region: { code: string; communes: number; population: number };
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
}

const DEPARTMENT_NAMES: Record<string, string> = {
  '02': 'Aisne',
  '59': 'Nord',
  '60': 'Oise',
  '62': 'Pas-de-Calais',
  '80': 'Somme',
};

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
  const cs = coverage.communes;
  let pop = 0,
    covC = 0,
    covP = 0,
    clsC = 0,
    clsP = 0,
    expC = 0,
    expP = 0;
  const dep = new Map<string, AreaFigures>();
  const epci = new Map<string, AreaFigures>();
  const epciNames = new Map(ref.epcis.map((e) => [e.siren, e.name]));
  const area = (m: Map<string, AreaFigures>, code: string, name: string) => {
    let a = m.get(code);
    if (!a)
      m.set(
        code,
        (a = {
          code,
          name,
          communes: 0,
          population: 0,
          coveredCommunes: 0,
          coveredPopulation: 0,
          clsCommunes: 0,
          clsPopulation: 0,
        }),
      );
    return a;
  };
  for (let i = 0; i < cs.length; i++) {
    const c = ref.communes[i]!;
    const st = cs[i]!.status;
    pop += c.population;
    const targets = [area(dep, c.department, DEPARTMENT_NAMES[c.department] ?? c.department)];
    if (c.epci) targets.push(area(epci, c.epci, epciNames.get(c.epci) ?? c.epci));
    for (const a of targets) {
      a.communes++;
      a.population += c.population;
    }
    if (st !== 'none') {
      covC++;
      covP += c.population;
      for (const a of targets) {
        a.coveredCommunes++;
        a.coveredPopulation += c.population;
      }
      if (st === 'cls') {
        clsC++;
        clsP += c.population;
        for (const a of targets) {
          a.clsCommunes++;
          a.clsPopulation += c.population;
        }
      }
    } else if (cs[i]!.expired) {
      expC++;
      expP += c.population;
    }
  }
  const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : 1);
  return {
    asOf: coverage.asOf,
    cog: coverage.cog,
    cogExact: coverage.cogExact,
    populationYear: ref.populationYear,
    populationNote: ref.populationNote,
    region: { code: ref.region ?? 'FR', communes: cs.length, population: pop },
    documents: countByType(coverage.inForce),
    signed: countByType(coverage.signed),
    covered: {
      communes: covC,
      population: covP,
      populationShare: pop ? covP / pop : 0,
      communesShare: cs.length ? covC / cs.length : 0,
      clsCommunes: clsC,
      clsPopulation: clsP,
      charteCommunes: covC - clsC,
      chartePopulation: covP - clsP,
    },
    expired: { communes: expC, population: expP },
    priority: priorityFigures(coverage, engine, target),
    byDepartment: [...dep.values()].sort(byCode),
    byEpci: [...epci.values()].sort(byCode),
    unverifiedInForce: coverage.inForce.filter((d) => !d.verified).length,
  };
}

function priorityFigures(coverage: Coverage, engine: CoverageEngine, target: number): PriorityFigures {
  const ref = coverage.reference;
  const cs = coverage.communes;
  const active = engine.model.priority.filter((t) => priorityInForce(t, coverage.asOf));
  const expand = (t: PriorityTerritory) => engine.territoryCommunes(t, coverage.cog);
  // PRAPS communes: their whole population counts (union, each commune once).
  const prapsCommunes = new Set<number>();
  for (const t of active) if (t.kind === 'praps') for (const i of expand(t)) prapsCommunes.add(i);
  let population = 0,
    populationCovered = 0;
  for (const i of prapsCommunes) {
    population += ref.communes[i]!.population;
    if (cs[i]!.status !== 'none') populationCovered += ref.communes[i]!.population;
  }
  const details: PriorityTerritoryState[] = [];
  const byKind = { praps: { territories: 0, covered: 0, partly: 0 }, qpv: { territories: 0, covered: 0, partly: 0 } };
  const qpv = { count: 0, covered: 0, partlyCovered: 0, withPopulation: 0, population: 0, populationCovered: 0 };
  for (const t of active) {
    const idx = expand(t);
    let covered = 0,
      tPop = 0,
      tCov = 0;
    for (const i of idx) {
      const isCov = cs[i]!.status !== 'none';
      if (isCov) covered++;
      if (t.kind === 'praps') {
        tPop += ref.communes[i]!.population;
        if (isCov) tCov += ref.communes[i]!.population;
      }
    }
    const state = idx.length > 0 && covered === idx.length ? 'full' : covered > 0 ? 'partial' : 'none';
    if (t.kind === 'qpv') {
      qpv.count++;
      if (state === 'full') qpv.covered++;
      if (state === 'partial') qpv.partlyCovered++;
      if (t.population != null) {
        qpv.withPopulation++;
        qpv.population += t.population;
        tPop = t.population;
        tCov = state === 'full' ? t.population : 0;
        if (state === 'full') qpv.populationCovered += t.population;
        // A QPV inside the PRAPS communes is already counted through its communes.
        const insidePraps = idx.length > 0 && [...idx].every((i) => prapsCommunes.has(i));
        if (!insidePraps) {
          population += tPop;
          populationCovered += tCov;
        }
      }
    }
    byKind[t.kind].territories++;
    if (state === 'full') byKind[t.kind].covered++;
    if (state === 'partial') byKind[t.kind].partly++;
    details.push({
      id: t.id,
      kind: t.kind,
      label: t.label,
      communes: idx.length,
      coveredCommunes: covered,
      state,
      population: tPop,
      populationCovered: tCov,
    });
  }
  const territories = active.length;
  const territoriesCovered = byKind.praps.covered + byKind.qpv.covered;
  const notes: string[] = [];
  if (qpv.count === 0)
    notes.push(
      'aucune liste de QPV en vigueur à cette date dans les données (la liste 2015 manque) : seuls les territoires PRAPS comptent',
    );
  else if (qpv.withPopulation < qpv.count)
    notes.push(
      `population connue pour ${qpv.withPopulation} QPV sur ${qpv.count} : la population prioritaire ne compte que les communes des territoires PRAPS${qpv.withPopulation ? ' et les QPV renseignés' : ''}`,
    );
  const populationShare = population ? populationCovered / population : 0;
  return {
    territories,
    territoriesCovered,
    territoriesPartlyCovered: byKind.praps.partly + byKind.qpv.partly,
    territoriesShare: territories ? territoriesCovered / territories : 0,
    population,
    populationCovered,
    populationShare,
    target,
    gap: Math.max(0, Math.ceil(target * population) - populationCovered),
    byKind,
    qpv,
    notes,
    details,
  };
}
