import Papa from 'papaparse';
import type { Diagnostic } from '@cls/core';
import { decodeText } from './decode.ts';
import { delimiterName, guessDelimiter } from './delimiter.ts';
import { tableFromRecords, type RawTable, type TableSchema } from './raw-table.ts';

/**
 * Reads a CSV table as strings only (codes keep their leading zeros): detects the encoding (UTF-8,
 * UTF-16, Windows-1252) and the separator (`;`, `,` or tab, see guessDelimiter), checks the header
 * against a schema (missing or duplicated columns are errors), and reports every malformed row with
 * its line. Rows with the wrong number of fields are listed in `malformed`, not in `rows`.
 * @example readCsvTable(bytes, 'registre.csv', { required: ['id'] }).rows[0].values.id
 */
export function readCsvTable(bytes: Uint8Array, file: string, schema: TableSchema): RawTable {
  const { text, encoding } = decodeText(bytes);
  const diagnostics: Diagnostic[] = [];
  if (text.trim() === '') return tableFromRecords([], file, { format: 'csv', encoding, delimiter: ';' }, schema);
  const guess = guessDelimiter(text);
  if (guess.doubt) diagnostics.push({ severity: 'warning', file, line: 1, field: null, message: guess.doubt });

  const parsed = Papa.parse<string[]>(text, { delimiter: guess.delimiter, skipEmptyLines: false });
  const starts = recordStartLines(text);
  for (const e of parsed.errors) {
    if (e.type !== 'Quotes') continue;
    const line = e.row != null ? (starts[e.row] ?? null) : null;
    diagnostics.push({ severity: 'error', file, line, field: null, message: `guillemets mal fermés : ${e.message}` });
  }
  const records = parsed.data.map((fields, i) => ({ line: starts[i] ?? i + 1, fields }));
  const source = { format: 'csv', encoding, delimiter: guess.delimiter } as const;
  return tableFromRecords(records, file, source, schema, diagnostics, delimiterName(guess.delimiter));
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
