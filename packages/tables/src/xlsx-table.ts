import type { Diagnostic } from '@cls/core';
import { tableFromRecords, unreadableTable, type RawTable, type SplitRecord, type TableSchema } from './raw-table.ts';
import { MAX_SHEET_CELLS, workbookInfo } from './workbook-info.ts';

export interface XlsxOptions {
  /** Sheet to read, by name (default: the first). */
  sheet?: string;
}

/** A number cell as written in the workbook (its text, never a float rounded by JavaScript). */
interface NumberCell {
  number: string;
}
type Cell = string | boolean | Date | NumberCell | null;

/** Days between Excel's day 0 (1899-12-30, counting its fictitious 1900-02-29) and 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;
/** The same for a workbook in the 1904 date system (day 0 is 1904-01-01). */
const EXCEL_1904_EPOCH_DAYS = 24107;

/** A `.xlsx` workbook begins like every zip archive. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A legacy `.xls` workbook (Excel 97–2003, an OLE compound file). */
export function isLegacyXls(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * Reads one sheet of an `.xlsx` workbook as a table of strings, as readCsvTable reads a CSV: the
 * header is the first non-blank row, lines are the sheet's row numbers. Date cells become
 * `yyyy-mm-dd`; in a date column, a bare number is read as an Excel serial date, with a warning;
 * numbers keep the digits written (a code typed as 2691 stays "2691", for the validator to restore
 * its zero); TRUE/FALSE become oui/non. The read-excel-file library is loaded on first use.
 * @example (await readXlsxTable(bytes, 'registre.xlsx', { required: ['id'] })).source // { format: 'xlsx', sheet: 'Feuil1', … }
 */
export async function readXlsxTable(
  bytes: Uint8Array,
  file: string,
  schema: TableSchema,
  options: XlsxOptions = {},
): Promise<RawTable> {
  const info = workbookInfo(bytes);
  const empty = { format: 'xlsx', sheet: '', sheets: [] } as const;
  if ('error' in info) return unreadableTable(file, empty, info.error);
  if (info.sheets.length === 0) return unreadableTable(file, empty, 'classeur .xlsx sans aucune feuille');
  if (info.cells > MAX_SHEET_CELLS)
    return unreadableTable(
      file,
      { ...empty, sheets: info.sheets.map((x) => x.name) },
      `classeur .xlsx refusé : une feuille s'étend sur ${info.cells.toLocaleString('fr-FR')} cellules (au plus ` +
        `${MAX_SHEET_CELLS.toLocaleString('fr-FR')}) ; une cellule remplie loin du tableau ? Effacez-la puis enregistrez`,
    );
  const { default: readWorkbook } = await import('read-excel-file/universal');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: Array<{ sheet: string; data: Cell[][] }>;
  try {
    sheets = (await readWorkbook(buffer, {
      trim: false,
      parseNumber: (text: string): NumberCell => ({ number: text }),
    })) as unknown as Array<{ sheet: string; data: Cell[][] }>;
  } catch (e) {
    const message = `classeur .xlsx illisible (${(e as Error).message})`;
    return unreadableTable(file, empty, message);
  }
  const names = sheets.map((s) => s.sheet);
  const hidden = info.sheets.filter((x) => x.hidden).map((x) => x.name);
  // The first visible sheet, as Excel opens the workbook (bug: a hidden first sheet was read, naming none).
  const chosen =
    options.sheet === undefined
      ? (sheets.find((s) => !hidden.includes(s.sheet)) ?? sheets[0])
      : sheets.find((s) => s.sheet === options.sheet);
  const source = {
    format: 'xlsx',
    sheet: chosen?.sheet ?? options.sheet ?? '',
    sheets: names,
    ...(hidden.length ? { hidden } : {}),
  } as const;
  if (!chosen) {
    const message = `feuille « ${options.sheet} » absente du classeur (feuilles : ${names.join(', ')})`;
    return unreadableTable(file, source, message);
  }
  const diagnostics: Diagnostic[] = [];
  if (hidden.length)
    diagnostics.push({
      severity: 'warning',
      file,
      line: null,
      field: null,
      message:
        `feuille « ${chosen.sheet} » lue${hidden.includes(chosen.sheet) ? ' (masquée dans le classeur)' : ''} ; ` +
        `feuille${hidden.length > 1 ? 's' : ''} masquée${hidden.length > 1 ? 's' : ''} : ${hidden.map((x) => `« ${x} »`).join(', ')}`,
    });
  const records = sheetRecords(chosen.data);
  const dateColumns = new Set(schema.dateColumns ?? []);
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  const cells = chosen.data;
  const isoDates = info.isoDates.get(chosen.sheet);
  for (const r of records.slice(1)) {
    const row = cells[r.line - 1]!;
    r.fields = r.fields.map((text, j) => {
      const cell = row[j] ?? null;
      // An ISO date cell ("2019-07-01T00:30:00+02:00") is the day written, not that day moved to UTC.
      const written = cell instanceof Date ? isoDates?.get(`${columnLetters(j)}${r.line}`) : undefined;
      if (written) return written;
      if (!dateColumns.has(header[j] ?? '') || cell === null || typeof cell !== 'object' || cell instanceof Date) {
        return text;
      }
      const iso = serialDate(cell.number, info.epoch1904);
      if (!iso) return text;
      const message = `date enregistrée comme un nombre (${cell.number}) : lue comme le numéro de série Excel du ${iso}`;
      diagnostics.push({ severity: 'warning', file, line: r.line, field: header[j]!, message });
      return iso;
    });
  }
  return tableFromRecords(records, file, source, schema, diagnostics);
}

/** The sheet's rows as text from its first non-blank row, without the empty columns at the right. */
function sheetRecords(data: Cell[][]): SplitRecord[] {
  const first = data.findIndex((row) => row.some((c) => cellText(c) !== ''));
  if (first < 0) return [];
  const rows = data.slice(first);
  let width = 0;
  for (const row of rows) {
    for (let j = row.length - 1; j >= width; j--) {
      if (cellText(row[j] ?? null) !== '') {
        width = j + 1;
        break;
      }
    }
  }
  return rows.map((row, i) => ({
    line: first + i + 1,
    fields: Array.from({ length: width }, (_, j) => cellText(row[j] ?? null)),
  }));
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return cell.number;
}

/**
 * `43647` → "2019-07-01" (1904 system: `42185` → "2019-07-01"); null unless a whole day between 1900
 * and 9999. A number that reads as a year (2015) is not a serial date (it would be 1905).
 */
function serialDate(text: string, epoch1904: boolean): string | null {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 2_958_465) return null;
  if (n >= 1900 && n <= 2100) return null;
  return new Date((n - (epoch1904 ? EXCEL_1904_EPOCH_DAYS : EXCEL_EPOCH_DAYS)) * 86_400_000).toISOString().slice(0, 10);
}

/** `0` → "A", `27` → "AB": the letters of a 0-based column. */
function columnLetters(j: number): string {
  let s = '';
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
