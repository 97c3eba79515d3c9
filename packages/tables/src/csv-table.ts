import Papa from 'papaparse';
import type { Diagnostic } from '@cls/core';
import { decodeText } from './decode.ts';
import { type Delimiter, DELIMITERS, delimiterName, guessDelimiter } from './delimiter.ts';
import { tableFromRecords, type RawTable, type TableSchema, unreadableTable } from './raw-table.ts';

/**
 * Reads a CSV table as strings only (codes keep their leading zeros): detects the encoding (UTF-8,
 * UTF-16, Windows-1252) and the separator (`;`, `,` or tab, see guessDelimiter), checks the header
 * against a schema (missing or duplicated columns are errors), and reports every malformed row with
 * its line. Rows with the wrong number of fields are listed in `malformed`, not in `rows`.
 * @example readCsvTable(bytes, 'registre.csv', { required: ['id'] }).rows[0].values.id
 */
export function readCsvTable(bytes: Uint8Array, file: string, schema: TableSchema): RawTable {
  const raw = decodeText(bytes);
  // One kind of line end (a header ending CRLF over rows ending LF was read as one record).
  const decoded = { ...raw, text: raw.text.replace(/\r\n?/g, '\n') };
  const encoding = decoded.encoding;
  const diagnostics: Diagnostic[] = [];
  if (decoded.doubt) diagnostics.push({ severity: 'warning', file, line: null, field: null, message: decoded.doubt });
  if (decoded.text.trim() === '')
    return tableFromRecords([], file, { format: 'csv', encoding, delimiter: ';' }, schema);
  const { text, sep, skipped } = leadingLines(decoded.text);
  // Lines skipped before the header: every line number below is the file's.
  const offset = lineCount(decoded.text.slice(0, decoded.text.length - text.length));
  if (skipped) diagnostics.push({ severity: 'warning', file, line: 1, field: null, message: skipped });
  const guess = sep ? { delimiter: sep as Delimiter, doubt: null } : guessDelimiter(text);
  if (guess.doubt) diagnostics.push({ severity: 'warning', file, line: 1, field: null, message: guess.doubt });

  const source = { format: 'csv', encoding, delimiter: guess.delimiter } as const;
  // A quote that does not close would make every following line one field: the file is refused, naming
  // the line where the quote opened (bug: the shipped registry with one quote removed lost a row, exit 0).
  const quote = quoteProblem(text, guess.delimiter, offset + 1);
  if (quote) {
    const table = unreadableTable(file, source, quote.message);
    table.diagnostics[0]!.line = quote.line;
    table.diagnostics.unshift(...diagnostics);
    return table;
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: guess.delimiter, skipEmptyLines: false });
  const starts = recordStartLines(text);
  const records = parsed.data.map((fields, i) => ({ line: (starts[i] ?? i + 1) + offset, fields }));
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

/**
 * The first quoted field that does not close properly, as RFC 4180 reads quotes: a quote opens a
 * field only at its start, `""` inside is a quote, and the closing quote is followed by the separator,
 * a line end or the end of the file. Returns the line where the quote opened (the text's first line
 * being `firstLine`), or null.
 * @example quoteProblem('a;b\n"x;y\n1;2\n', ';') // { line: 2, message: 'guillemet ouvert ligne 2 jamais fermé…' }
 */
export function quoteProblem(text: string, delimiter: string, firstLine = 1): { line: number; message: string } | null {
  let line = firstLine;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (fieldStart && ch === '"') {
      const opened = line;
      let closed = false;
      for (i++; i < text.length; i++) {
        const c = text[i]!;
        if (c === '\n') line++;
        if (c !== '"') continue;
        if (text[i + 1] === '"') {
          i++;
          continue;
        }
        const next = text[i + 1];
        if (next === undefined || next === delimiter || next === '\n' || next === '\r') {
          closed = true;
          break;
        }
        return {
          line: opened,
          message:
            `guillemet ouvert ligne ${opened} mal fermé : « ${next} » suit le guillemet de la ligne ${line} ` +
            '(un guillemet dans un champ s\'écrit "")',
        };
      }
      if (!closed)
        return {
          line: opened,
          message: `guillemet ouvert ligne ${opened} jamais fermé : toutes les lignes suivantes seraient lues comme un seul champ`,
        };
      fieldStart = false;
      continue;
    }
    if (ch === delimiter) fieldStart = true;
    else if (ch === '\n') {
      line++;
      fieldStart = true;
    } else if (ch !== '\r') fieldStart = false;
  }
  return null;
}

const lineCount = (s: string) => s.split('\n').length - 1;

/**
 * What comes before the header in a CSV a spreadsheet wrote: Excel's `sep=;` line (the separator it
 * names), blank lines. Returns the text from the header on, the separator named, and what was skipped,
 * said as a warning (line numbers stay those of the file).
 */
function leadingLines(text: string): { text: string; sep: string | null; skipped: string | null } {
  let rest = text;
  let sep: string | null = null;
  const said: string[] = [];
  const m = /^sep=(.)\r?\n/i.exec(rest);
  if (m && (DELIMITERS as readonly string[]).includes(m[1]!)) {
    sep = m[1]!;
    rest = rest.slice(m[0].length);
    said.push(`ligne « sep=${sep} » d'Excel lue comme le séparateur`);
  }
  const blank = /^(?:[ \t;,]*\r?\n)+/.exec(rest);
  if (blank) {
    rest = rest.slice(blank[0].length);
    said.push(`${lineCount(blank[0])} ligne(s) vide(s) avant l'en-tête ignorée(s)`);
  }
  return { text: rest, sep, skipped: said.length ? said.join(' ; ') : null };
}
