import type { Coverage, CoverageEngine } from './coverage.ts';
import { priorityInForce } from './metrics.ts';
import { resolvePerimeter } from './perimeter.ts';
import type { DepartmentCode, DocType, InseeCode, Siren, UndatedDocument } from './types.ts';

/**
 * One document and one commune of its perimeter, read in the COG year of a date: the long table an
 * analyst regroups (by department, EPCI, priority territory, document type, year). A document whose
 * perimeter holds no commune of the region keeps one row, with `commune` null.
 */
export interface DocumentCommuneRow {
  document: string;
  territory: string;
  docType: DocType;
  /** Signing year, or null for a document known without a date. */
  year: number | null;
  verified: boolean;
  /** In force at the date (see Coverage.inForce); never for an undated document. */
  inForce: boolean;
  commune: InseeCode | null;
  /** The commune's population in the COG year of the date (0 without a commune). */
  population: number;
  department: DepartmentCode | null;
  epci: Siren | null;
  /** Priority territories (PRAPS, QPV) in force at the date that hold the commune, by id. */
  priority: string[];
}

/**
 * Every document of the registry (dated, then undated) × every commune of its perimeter at the
 * coverage's date, with what a table groups them by. Never on a slider step: built on demand.
 * @example documentCommuneRows(engine, engine.coverageAt('2024-06-30'), registry.undated).length
 */
export function documentCommuneRows(
  engine: CoverageEngine,
  coverage: Coverage,
  undated: readonly UndatedDocument[] = [],
): DocumentCommuneRow[] {
  const { reference: ref, cog, asOf } = coverage;
  const inForce = new Set(coverage.inForce.map((d) => d.id));
  const index = engine.communeIndex(cog);
  const priorityOf = new Map<number, string[]>();
  for (const t of engine.model.priority) {
    if (!priorityInForce(t, asOf)) continue;
    for (const i of engine.territoryCommunes(t, cog)) {
      const list = priorityOf.get(i);
      if (list) list.push(t.id);
      else priorityOf.set(i, [t.id]);
    }
  }
  const out: DocumentCommuneRow[] = [];
  const push = (
    d: { id: string; territory: string; docType: DocType; verified: boolean },
    year: number | null,
    communes: Iterable<number>,
  ) => {
    const base = {
      document: d.id,
      territory: d.territory,
      docType: d.docType,
      year,
      verified: d.verified,
      inForce: inForce.has(d.id),
    };
    let any = false;
    for (const i of communes) {
      const c = ref.communes[i]!;
      any = true;
      out.push({
        ...base,
        commune: c.code,
        population: c.population,
        department: c.department,
        epci: c.epci,
        priority: priorityOf.get(i) ?? [],
      });
    }
    if (!any) out.push({ ...base, commune: null, population: 0, department: null, epci: null, priority: [] });
  };
  // Documents signed after the date are listed too (the table is the registry's), never in force.
  for (const d of engine.documents) push(d, Number(d.signedOn.slice(0, 4)), engine.documentCommunes(d, cog));
  for (const d of undated) {
    const codes = resolvePerimeter(d.perimeter, ref).communes;
    push(
      d,
      null,
      [...codes].map((c) => index.get(c)).filter((i): i is number => i !== undefined),
    );
  }
  return out;
}
