import { canonicalColumn, clipValue, frenchNamesOf, plural, type Diagnostic, type RawRow } from '@cls/core';
import type { TextEncoding } from './decode.ts';

/** A row whose number of fields differs from the header's: kept apart, never silently dropped. */
export interface MalformedRow {
  line: number;
  fields: string[];
  message: string;
}

/** Where a table's rows came from: a CSV text (its encoding and separator) or a sheet of an `.xlsx` workbook. */
export type TableSource =
  | { format: 'csv'; encoding: TextEncoding; delimiter: string }
  | { format: 'xlsx'; sheet: string; sheets: readonly string[]; hidden?: readonly string[] };

/** A table read from a file, every value a string (codes keep their leading zeros). */
export interface RawTable {
  file: string;
  source: TableSource;
  /** Header names, trimmed and lower-cased (the keys of `values`). */
  columns: string[];
  /** Header names as written in the file (trimmed). */
  rawColumns: string[];
  rows: RawRow[];
  /** Rows with the wrong number of fields (each also has an error diagnostic). */
  malformed: MalformedRow[];
  /** False when the header cannot be used (empty file, missing or duplicated columns): no row is returned. */
  headerOk: boolean;
  diagnostics: Diagnostic[];
}

export interface TableSchema {
  required: readonly string[];
  optional?: readonly string[];
  /** Other columns are kept and passed through silently (default: reported as a warning). */
  keepOtherColumns?: boolean;
  /** Columns holding dates: a spreadsheet's date cells are read as `yyyy-mm-dd` there. */
  dateColumns?: readonly string[];
  /** Further columns whose French names are read (a first look at a file of unknown kind). */
  aliasesFor?: readonly string[];
}

/** One record as split from the file: its line and its fields. */
export interface SplitRecord {
  line: number;
  fields: string[];
}

/**
 * Turns split records (the header first) into a table: checks the header against the schema
 * (missing or duplicated columns are errors, unknown ones warnings), keys each row by column, and
 * lists the rows whose field count differs from the header's. `fieldCountHint` ends their message.
 */
export function tableFromRecords(
  all: readonly SplitRecord[],
  file: string,
  source: TableSource,
  schema: TableSchema,
  diagnostics: Diagnostic[] = [],
  fieldCountHint = '',
): RawTable {
  let records = all;
  const err = (line: number | null, field: string | null, message: string) =>
    diagnostics.push({ severity: 'error', file, line, field, message });
  // A French header ("Signé le", "Périmètre") names the column it stands for; other headers are kept lower-cased.
  const own = [...schema.required, ...(schema.optional ?? []), ...(schema.aliasesFor ?? [])];
  const names = (r: SplitRecord | undefined) => (r?.fields ?? []).map((h) => canonicalColumn(h.trim(), own) ?? '');
  const complete = (r: SplitRecord | undefined) => schema.required.every((c) => names(r).includes(c));
  // A title row above the header ("Registre des CLS, mise à jour…"): the header is the next row, said.
  if (schema.required.length && records.length > 1 && !complete(records[0]) && complete(records[1])) {
    diagnostics.push({
      severity: 'warning',
      file,
      line: records[0]!.line,
      field: null,
      message: `ligne « ${clipValue(records[0]!.fields.filter((f) => f.trim()).join(' '))} » prise pour un titre : en-tête lu ligne ${records[1]!.line}`,
    });
    records = records.slice(1);
  }
  const rawColumns = (records[0]?.fields ?? []).map((h) => h.trim());
  /** The header's line in the file (after a title row or blank lines, not 1). */
  const headerLine = records[0]?.line ?? 1;
  const header = rawColumns.map((h) => canonicalColumn(h, own) ?? h.toLowerCase());
  const table: RawTable = {
    file,
    source,
    columns: header,
    rawColumns,
    rows: [],
    malformed: [],
    headerOk: false,
    diagnostics,
  };
  if (records.length === 0 || header.every((h) => h === '')) {
    err(null, null, "fichier vide : une ligne d'en-tête est attendue");
    return table;
  }
  const seen = new Set<string>();
  for (const h of header) {
    // Columns without a header (Excel's trailing ";;", a note typed to the right) are not columns of the table.
    if (h === '') continue;
    if (seen.has(h)) err(headerLine, h, `colonne « ${clipValue(h)} » en double : impossible de savoir laquelle lire`);
    seen.add(h);
  }
  const missing = schema.required.filter((c) => !header.includes(c));
  if (missing.length) {
    const s = missing.length > 1 ? 's' : '';
    const how =
      source.format === 'csv'
        ? `en-tête lu avec le séparateur ${fieldCountHint}`
        : `en-tête de la feuille « ${source.sheet} »`;
    const expected = schema.required.map((c) => {
      const fr = frenchNamesOf(c)[0];
      return fr ? `${c} (ou « ${fr} »)` : c;
    });
    err(
      headerLine,
      missing.join(', '),
      `colonne${s} obligatoire${s} absente${s} : ${missing.join(', ')} (${how} : ${clipValue(rawColumns.join(' | '))}) ; ` +
        `colonnes attendues : ${expected.join(', ')}`,
    );
  }
  if (diagnostics.some((d) => d.severity === 'error' && d.line === headerLine)) return table;
  table.headerOk = true;

  const known = new Set([...schema.required, ...(schema.optional ?? [])]);
  for (const h of header) {
    if (h !== '' && !known.has(h) && !schema.keepOtherColumns) {
      diagnostics.push({
        severity: 'warning',
        file,
        line: headerLine,
        field: h,
        message: `colonne inconnue « ${clipValue(h)} » ignorée`,
      });
    }
  }

  // Columns with no name in the header (Excel's trailing ";;", a note typed to the right): read
  // nowhere, so each value found there is said (never silently dropped), and the row is kept.
  const named = header.map((h) => h !== '');
  const width = named.lastIndexOf(true) + 1;
  const blank = (f: string) => f.trim() === '';
  for (const { line, fields: all } of records.slice(1)) {
    if (all.every(blank)) continue; // blank line
    let fields = all;
    if (all.length > header.length && all.slice(header.length).every(blank)) fields = all.slice(0, header.length);
    else if (all.length < header.length && all.length >= width)
      fields = [...all, ...Array<string>(header.length - all.length).fill('')];
    if (fields.length === header.length)
      fields.forEach((f, j) => {
        if (!named[j] && !blank(f))
          diagnostics.push({
            severity: 'warning',
            file,
            line,
            field: null,
            message: `valeur « ${clipValue(f.trim())} » en colonne ${j + 1}, sans en-tête : ignorée`,
          });
      });
    if (fields.length !== header.length) {
      const hint = source.format === 'csv' ? ` (séparateur ${fieldCountHint})` : '';
      const message = `${plural(fields.length, 'champ', 'champs')} au lieu de ${header.length}${hint}`;
      err(line, null, message);
      table.malformed.push({ line, fields, message });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      if (h !== '') values[h] = fields[j]!.trim();
    });
    table.rows.push({ line, values });
  }
  if (table.rows.length === 0 && table.malformed.length === 0)
    err(null, null, "aucune ligne de données après l'en-tête");
  return table;
}

/** A table that could not be read at all: no header, no row, the reason as its one error. */
export function unreadableTable(file: string, source: TableSource, message: string): RawTable {
  const diagnostics: Diagnostic[] = [{ severity: 'error', file, line: null, field: null, message }];
  return { file, source, columns: [], rawColumns: [], rows: [], malformed: [], headerOk: false, diagnostics };
}
