import Papa from 'papaparse';
import { clipValue, plural, type Diagnostic } from '@cls/core';
import { decodeText, type TextEncoding } from './decode.ts';
import { delimiterName, guessDelimiter } from './delimiter.ts';

export interface CsvRow {
  /** Line of the row in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** A row whose number of fields differs from the header's: kept apart, never silently dropped. */
export interface MalformedRow {
  line: number;
  fields: string[];
  message: string;
}

export interface CsvTable {
  file: string;
  encoding: TextEncoding;
  delimiter: string;
  /** Header names, trimmed and lower-cased (the keys of `values`). */
  columns: string[];
  /** Header names as written in the file (trimmed). */
  rawColumns: string[];
  rows: CsvRow[];
  /** Rows with the wrong number of fields (each also has an error diagnostic). */
  malformed: MalformedRow[];
  /** False when the header cannot be used (empty file, missing or duplicated columns): no row is returned. */
  headerOk: boolean;
  diagnostics: Diagnostic[];
}

export interface CsvSchema {
  required: readonly string[];
  optional?: readonly string[];
  /** Other columns are kept and passed through silently (default: reported as a warning). */
  keepOtherColumns?: boolean;
}

/**
 * Reads a CSV table as strings only (codes keep their leading zeros): detects the encoding (UTF-8,
 * UTF-16, Windows-1252) and the separator (`;`, `,` or tab, see guessDelimiter), checks the header
 * against a schema (missing or duplicated columns are errors), and reports every malformed row with
 * its line. Rows with the wrong number of fields are listed in `malformed`, not in `rows`.
 */
export function readCsvTable(bytes: Uint8Array, file: string, schema: CsvSchema): CsvTable {
  const { text, encoding } = decodeText(bytes);
  const diagnostics: Diagnostic[] = [];
  const err = (line: number | null, field: string | null, message: string) =>
    diagnostics.push({ severity: 'error', file, line, field, message });
  const table: CsvTable = {
    file,
    encoding,
    delimiter: ';',
    columns: [],
    rawColumns: [],
    rows: [],
    malformed: [],
    headerOk: false,
    diagnostics,
  };
  if (text.trim() === '') {
    err(null, null, "fichier vide : une ligne d'en-tête est attendue");
    return table;
  }
  const guess = guessDelimiter(text);
  table.delimiter = guess.delimiter;
  if (guess.doubt) diagnostics.push({ severity: 'warning', file, line: 1, field: null, message: guess.doubt });

  const parsed = Papa.parse<string[]>(text, { delimiter: guess.delimiter, skipEmptyLines: false });
  const starts = recordStartLines(text);
  const records = parsed.data;
  table.rawColumns = (records[0] ?? []).map((h) => h.trim());
  table.columns = table.rawColumns.map((h) => h.toLowerCase());
  const header = table.columns;

  for (const e of parsed.errors) {
    if (e.type === 'Quotes')
      err(e.row != null ? (starts[e.row] ?? null) : null, null, `guillemets mal fermés : ${e.message}`);
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) err(1, h, `colonne « ${clipValue(h)} » en double : impossible de savoir laquelle lire`);
    seen.add(h);
  }
  const missing = schema.required.filter((c) => !header.includes(c));
  if (missing.length) {
    const s = missing.length > 1 ? 's' : '';
    err(
      1,
      missing.join(', '),
      `colonne${s} obligatoire${s} absente${s} : ${missing.join(', ')} (en-tête lu avec le séparateur ` +
        `${delimiterName(guess.delimiter)} : ${clipValue(header.join(' | '))})`,
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

  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    const line = starts[i] ?? i + 1;
    if (rec.length === 1 && rec[0]!.trim() === '') continue; // blank line
    if (rec.length !== header.length) {
      const message = `${plural(rec.length, 'champ', 'champs')} au lieu de ${header.length} (séparateur ${delimiterName(guess.delimiter)})`;
      err(line, null, message);
      table.malformed.push({ line, fields: rec, message });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = rec[j]!.trim();
    });
    table.rows.push({ line, values });
  }
  if (table.rows.length === 0 && table.malformed.length === 0)
    err(null, null, "aucune ligne de données après l'en-tête");
  return table;
}

function recordStartLines(text: string): number[] {
  const starts: number[] = [1];
  let line = 1;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n') {
      line++;
      if (!inQuotes) starts.push(line);
    }
  }
  return starts;
}
