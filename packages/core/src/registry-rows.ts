import { toCsv } from './csv.ts';
import { DOCUMENT_COLUMNS } from './registry.ts';
import type { RegistryDocument } from './types.ts';

export type DocumentColumn = (typeof DOCUMENT_COLUMNS)[number];
/** A row of the documents table as text, as a spreadsheet holds it (the inverse of validateDocuments). */
export type DocumentRow = Record<DocumentColumn, string>;

/**
 * A document as the row of `documents.csv` it validates from: the signing date at the precision the
 * source gave (`2012-12` for a month), perimeter codes joined by `|`, yes/no.
 * @example documentRow(doc).signed_on // "2019-09-25", or "2012-12" for a month-precision date
 */
export function documentRow(d: RegistryDocument): DocumentRow {
  const signed =
    d.signedPrecision === 'year'
      ? d.signedOn.slice(0, 4)
      : d.signedPrecision === 'month'
        ? d.signedOn.slice(0, 7)
        : d.signedOn;
  return {
    id: d.id,
    territory: d.territory,
    perimeter: d.perimeter.join('|'),
    doc_type: d.docType,
    signed_on: signed,
    ends_on: d.endsOn ?? '',
    generation: d.generation === null ? '' : String(d.generation),
    verified: d.verified ? 'yes' : 'no',
    source_url: d.sourceUrl,
    evidence: d.evidence,
  };
}

/**
 * The documents table as a CSV ready for Excel, through the product's one CSV writer (BOM, `;`,
 * formula-safe): the header of `documents.csv`, then every row as given (rejected ones too).
 */
export function documentsCsv(rows: ReadonlyArray<Partial<Record<string, string>>>): string {
  return toCsv([[[...DOCUMENT_COLUMNS], ...rows.map((r) => DOCUMENT_COLUMNS.map((c) => r[c] ?? ''))]]);
}
