import Papa from 'papaparse';
import type { Diagnostic } from '@cls/core';
import { decodeText, type TextEncoding } from './decode.ts';

export interface CsvRow {
  /** Line of the row in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
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
  diagnostics: Diagnostic[];
}

export interface CsvSchema {
  required: readonly string[];
  optional?: readonly string[];
  /** Other columns are kept and passed through silently (default: reported as a warning). */
  keepOtherColumns?: boolean;
}

/**
 * Reads a CSV table as strings only (codes keep their leading zeros): detects the encoding and the
 * separator (`,` or `;`), checks the header against a schema, and reports every malformed row with
 * its line. Rows with the wrong number of fields are reported and not returned.
 */
export function readCsvTable(bytes: Uint8Array, file: string, schema: CsvSchema): CsvTable {
  const { text, encoding } = decodeText(bytes);
  const diagnostics: Diagnostic[] = [];
  const err = (line: number | null, field: string | null, message: string) =>
    diagnostics.push({ severity: 'error', file, line, field, message });
  const empty: CsvTable = { file, encoding, delimiter: ',', columns: [], rawColumns: [], rows: [], diagnostics };
  if (text.trim() === '') {
    err(null, null, "fichier vide : une ligne d'en-tête est attendue");
    return empty;
  }

  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  const delimiter = parsed.meta.delimiter;
  // Line where each record starts: walk the text once, counting newlines outside quotes.
  const starts = recordStartLines(text);
  const records = parsed.data;
  const rawHeader = (records[0] ?? []).map((h) => h.trim());
  const header = rawHeader.map((h) => h.toLowerCase());
  const table: CsvTable = { ...empty, delimiter, columns: header, rawColumns: rawHeader };

  for (const e of parsed.errors) {
    if (e.type === 'Quotes')
      err(e.row != null ? (starts[e.row] ?? null) : null, null, `guillemets mal fermés : ${e.message}`);
  }
  const missing = schema.required.filter((c) => !header.includes(c));
  if (missing.length) {
    err(
      1,
      missing.join(', '),
      `colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} : ${missing.join(', ')} (en-tête lu : ${header.join(', ')})`,
    );
    return table;
  }
  const known = new Set([...schema.required, ...(schema.optional ?? [])]);
  for (const h of header) {
    if (!known.has(h) && !schema.keepOtherColumns)
      diagnostics.push({ severity: 'warning', file, line: 1, field: h, message: `colonne inconnue « ${h} » ignorée` });
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) err(1, h, `colonne « ${h} » en double`);
    seen.add(h);
  }

  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    const line = starts[i] ?? i + 1;
    if (rec.length === 1 && rec[0]!.trim() === '') continue; // blank line
    if (rec.length !== header.length) {
      err(line, null, `${rec.length} champs au lieu de ${header.length} (séparateur « ${delimiter} »)`);
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = rec[j]!.trim();
    });
    table.rows.push({ line, values });
  }
  if (table.rows.length === 0 && diagnostics.every((d) => d.severity !== 'error')) {
    err(null, null, "aucune ligne de données après l'en-tête");
  }
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
