import { signedLabel } from './dates.ts';
import { resolvePerimeter } from './perimeter.ts';
import type {
  DatePrecision,
  DepartmentCode,
  DocType,
  IsoDate,
  Reference,
  RegistryDocument,
  UndatedDocument,
} from './types.ts';

/** One row of the registry as an analyst reads it: dated or not, with its departments. */
/** Document types as the product names them to its users (page, tables, CSV labels). */
export const DOC_LABELS: Readonly<Record<DocType, string>> = {
  charte: 'Charte d’engagement',
  cls: 'CLS',
  avenant: 'Avenant',
  renouvellement: 'Renouvellement',
};

export interface RegistryRow {
  id: string;
  territory: string;
  docType: DocType;
  /** Signing date and its precision, or null for a document known without a date. */
  signed: { date: IsoDate; precision: DatePrecision } | null;
  /** "14/01/2025", "mai 2024", "2015" — or "date inconnue (…)" with what is known of it. */
  signedText: string;
  endsOn: IsoDate | null;
  generation: number | null;
  verified: boolean;
  sourceUrl: string;
  evidence: string;
  /** Departments the perimeter touches (read in `ref`), sorted. */
  departments: DepartmentCode[];
  line: number;
  file: 'documents' | 'undated';
}

/**
 * Every registry row, dated then undated, in file order, with the departments each touches (its
 * perimeter read in `ref`, usually the latest COG year: merged communes count in their successor).
 * @example listRegistry(docs, undated, ref2026).filter((r) => !r.verified).length
 */
export function listRegistry(
  documents: readonly RegistryDocument[],
  undated: readonly UndatedDocument[],
  ref: Reference,
): RegistryRow[] {
  const depOf = new Map(ref.communes.map((c) => [c.code, c.department]));
  const departments = (perimeter: readonly string[]) =>
    [...new Set(resolvePerimeter(perimeter, ref).communes.map((c) => depOf.get(c)!))].sort();
  const common = (d: RegistryDocument | UndatedDocument) => ({
    id: d.id,
    territory: d.territory,
    docType: d.docType,
    generation: d.generation,
    verified: d.verified,
    sourceUrl: d.sourceUrl,
    evidence: d.evidence,
    departments: departments(d.perimeter),
    line: d.line,
  });
  return [
    ...[...documents]
      .sort((a, b) => a.line - b.line)
      .map(
        (d): RegistryRow => ({
          ...common(d),
          signed: { date: d.signedOn, precision: d.signedPrecision },
          signedText: signedLabel(d.signedOn, d.signedPrecision),
          endsOn: d.endsOn,
          file: 'documents',
        }),
      ),
    ...[...undated]
      .sort((a, b) => a.line - b.line)
      .map(
        (d): RegistryRow => ({
          ...common(d),
          signed: null,
          signedText: `date inconnue (${d.dateNote})`,
          endsOn: null,
          file: 'undated',
        }),
      ),
  ];
}
