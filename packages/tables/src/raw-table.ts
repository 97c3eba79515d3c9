import { clipValue, plural, type Diagnostic, type RawRow } from '@cls/core';
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
  | { format: 'xlsx'; sheet: string; sheets: readonly string[] };

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
  records: readonly SplitRecord[],
  file: string,
  source: TableSource,
  schema: TableSchema,
  diagnostics: Diagnostic[] = [],
  fieldCountHint = '',
): RawTable {
  const err = (line: number | null, field: string | null, message: string) =>
    diagnostics.push({ severity: 'error', file, line, field, message });
  const rawColumns = (records[0]?.fields ?? []).map((h) => h.trim());
  const header = rawColumns.map((h) => h.toLowerCase());
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
    if (seen.has(h)) err(1, h, `colonne « ${clipValue(h)} » en double : impossible de savoir laquelle lire`);
    seen.add(h);
  }
  const missing = schema.required.filter((c) => !header.includes(c));
  if (missing.length) {
    const s = missing.length > 1 ? 's' : '';
    const how =
      source.format === 'csv'
        ? `en-tête lu avec le séparateur ${fieldCountHint}`
        : `en-tête de la feuille « ${source.sheet} »`;
    err(
      1,
      missing.join(', '),
      `colonne${s} obligatoire${s} absente${s} : ${missing.join(', ')} (${how} : ${clipValue(header.join(' | '))})`,
    );
  }
  if (diagnostics.some((d) => d.severity === 'error' && d.line === 1)) return table;
  table.headerOk = true;

  const known = new Set([...schema.required, ...(schema.optional ?? [])]);
  for (const h of header) {
    if (!known.has(h) && !schema.keepOtherColumns) {
      diagnostics.push({
        severity: 'warning',
        file,
        line: 1,
        field: h,
        message: `colonne inconnue « ${clipValue(h)} » ignorée`,
      });
    }
  }

  for (const { line, fields } of records.slice(1)) {
    if (fields.every((f) => f.trim() === '')) continue; // blank line
    if (fields.length !== header.length) {
      const hint = source.format === 'csv' ? ` (séparateur ${fieldCountHint})` : '';
      const message = `${plural(fields.length, 'champ', 'champs')} au lieu de ${header.length}${hint}`;
      err(line, null, message);
      table.malformed.push({ line, fields, message });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = fields[j]!.trim();
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
