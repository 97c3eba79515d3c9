import { readCsvTable } from './csv-table.ts';
import { delimiterName } from './delimiter.ts';
import { unreadableTable, type RawTable, type TableSchema } from './raw-table.ts';
import { isLegacyXls, isXlsx, readXlsxTable, type XlsxOptions } from './xlsx-table.ts';

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 avec BOM',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16 (gros-boutiste)',
  'windows-1252': 'Windows-1252',
};

/**
 * Reads a table from a file's bytes, whatever form a spreadsheet saved it in: an `.xlsx` workbook
 * (told by its bytes, not its name; first sheet or `options.sheet`) or a CSV text (see readCsvTable).
 * An `.xls` (Excel 97–2003) file is refused with a message saying how to save it.
 * @example await readTable(bytes, 'registre.xlsx', { required: DOCUMENT_COLUMNS }, { sheet: 'CLS' })
 */
export async function readTable(
  bytes: Uint8Array,
  file: string,
  schema: TableSchema,
  options: XlsxOptions = {},
): Promise<RawTable> {
  if (isXlsx(bytes)) return readXlsxTable(bytes, file, schema, options);
  if (isLegacyXls(bytes)) {
    const message = 'classeur Excel 97-2003 (.xls) non lu : enregistrez-le au format .xlsx ou CSV';
    return unreadableTable(file, { format: 'xlsx', sheet: '', sheets: [] }, message);
  }
  const table = readCsvTable(bytes, file, schema);
  if (options.sheet !== undefined) {
    const message = `option feuille « ${options.sheet} » ignorée : le fichier est un CSV, pas un classeur .xlsx`;
    table.diagnostics.unshift({ severity: 'warning', file, line: null, field: null, message });
  }
  return table;
}

/**
 * How a table was read, in French, for messages: "UTF-8 avec BOM, séparateur « ; »" or
 * "classeur .xlsx, feuille « Registre » (1re de 2)".
 */
export function describeSource(table: Pick<RawTable, 'source'>): string {
  const s = table.source;
  if (s.format === 'csv')
    return `CSV ${ENCODING_NAMES[s.encoding] ?? s.encoding}, séparateur ${delimiterName(s.delimiter)}`;
  if (!s.sheet) return 'classeur .xlsx';
  if (s.sheets.length <= 1) return `classeur .xlsx, feuille « ${s.sheet} »`;
  return `classeur .xlsx, feuille « ${s.sheet} » (${s.sheets.length} feuilles : ${s.sheets.join(', ')})`;
}
