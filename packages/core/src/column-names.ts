/**
 * The French headers an analyst writes for the registry's columns, each with the column it names.
 * Compared without accents, case, spaces, hyphens, apostrophes or underscores ("Signé le",
 * "SIGNE_LE" and "signé-le" are one header). One header may name different columns in different
 * tables ("fin": `ends_on` of a document, `until` of a priority territory): a table takes the
 * alias only for a column of its own.
 */
const ALIASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['id', ['identifiant', 'code document', 'ref', 'reference']],
  ['territory', ['territoire', 'collectivite', 'signataire']],
  ['perimeter', ['perimetre', 'codes', 'communes ou epci']],
  ['doc_type', ['type', 'type de document', 'nature du document']],
  ['signed_on', ['signe le', 'date de signature', 'signature', 'date signature']],
  ['ends_on', ['fin', 'date de fin', 'echeance', 'fin le']],
  ['generation', ['generation']],
  ['verified', ['verifie', 'verification']],
  ['source_url', ['source', 'lien', 'url', 'adresse de la source']],
  ['evidence', ['extrait', 'citation', 'preuve']],
  ['date_note', ['note sur la date', 'date (note)']],
  ['kind', ['nature', 'type de territoire']],
  ['label', ['libelle', 'nom']],
  ['since', ['depuis', 'debut', 'date de debut']],
  ['until', ['jusqu au', 'fin', 'date de fin']],
  ['population', ['population', 'habitants']],
];

/** A header as compared: lower case, no accents, words separated by one space. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-'’.]+/g, ' ')
    .trim();
}

/**
 * The column a header names among `columns` (the table's own), or null: the column itself written in
 * any case, or one of its French names.
 * @example canonicalColumn('Signé le', DOCUMENT_COLUMNS) // "signed_on"
 */
export function canonicalColumn(header: string, columns: readonly string[]): string | null {
  const key = headerKey(header);
  for (const c of columns) if (headerKey(c) === key) return c;
  for (const [column, names] of ALIASES) if (columns.includes(column) && names.includes(key)) return column;
  return null;
}

/** The French names a column may be written with (for messages listing the expected columns). */
export function frenchNamesOf(column: string): readonly string[] {
  return ALIASES.find(([c]) => c === column)?.[1] ?? [];
}
