import Papa from 'papaparse';

/** A CSV cell: text, a number (decimal comma when not an integer), a yes/no flag, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Digits after the decimal comma for numbers that are not integers (default 4). */
  digits?: number;
  /** Start with a UTF-8 BOM so that Excel reads the accents (default true). */
  bom?: boolean;
}

const NUMBER_LIKE = /^[+-]?\d+(?:[.,]\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The one CSV writer of the product (reports, timeline, plan, overlay, locate, the map's exports),
 * for Excel in France: `;`, CRLF, UTF-8 BOM, quotes where needed, decimal commas, and formula
 * neutralisation (OWASP CSV injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR that
 * is not a number gets a leading apostrophe). Sections (e.g. totals) are separated by an empty line.
 * @example toCsv([[['code', 'part'], ['02691', 0.5]]]) // "\uFEFFcode;part\r\n02691;0,5000\r\n"
 */
export function toCsv(
  sections: ReadonlyArray<ReadonlyArray<ReadonlyArray<CsvCell>>>,
  options: CsvOptions = {},
): string {
  const digits = options.digits ?? 4;
  const cell = (v: CsvCell): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'oui' : 'non';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return '';
      return Number.isInteger(v) ? String(v) : v.toFixed(digits).replace('.', ',');
    }
    return FORMULA_START.test(v) && !NUMBER_LIKE.test(v) ? `'${v}` : v;
  };
  const body = sections
    .map((rows) =>
      Papa.unparse(
        rows.map((r) => r.map(cell)),
        { delimiter: ';', newline: '\r\n', quotes: false },
      ),
    )
    .join('\r\n\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}\r\n`;
}
