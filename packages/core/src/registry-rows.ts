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

/**
 * What each column of a documents registry holds, in French, for the page's template (the CLI's and
 * the page's reader also accept the French headers of column-names.ts).
 */
export const DOCUMENT_COLUMN_HELP: Readonly<Record<DocumentColumn, string>> = {
  id: 'identifiant unique de la ligne (lettres, chiffres, tirets), ex. cls-lorient-2019',
  territory: 'nom du territoire signataire, tel qu’il sera affiché',
  perimeter:
    'codes du périmètre séparés par | : SIREN d’EPCI (9 chiffres) ou code INSEE de commune (5 caractères, zéros en tête gardés)',
  doc_type: 'charte, cls, avenant ou renouvellement',
  signed_on:
    'date de signature : jj/mm/aaaa ou aaaa-mm-jj ; aaaa-mm ou aaaa quand la source ne donne que le mois ou l’année',
  ends_on: 'date de fin quand la source la donne ; vide sinon (« fin inconnue »)',
  generation: 'génération du CLS (1, 2, 3…) quand la source la dit ; vide sinon',
  verified: 'yes quand la source citée dit la date et le périmètre ; no quand quelque chose est déduit',
  source_url: 'adresse http(s) de la source publique',
  evidence: 'citation de la source, ou ce qui a été déduit',
};
