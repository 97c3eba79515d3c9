import { strFromU8, unzipSync } from 'fflate';

/** What a workbook's own XML says before any sheet is read: its sheets (and which are hidden), its date system. */
export interface WorkbookInfo {
  sheets: Array<{ name: string; hidden: boolean }>;
  /** Serial dates count from 1904-01-01 (a Mac workbook setting), not from 1899-12-30. */
  epoch1904: boolean;
  /** Cells of the largest used range of any sheet (every sheet is read), from its cell references. */
  cells: number;
  /**
   * The day written in each ISO date cell (`t="d"`), by sheet name and cell reference ("B2"): the
   * calendar day the user typed, whatever time zone follows it.
   */
  isoDates: Map<string, Map<string, string>>;
}

/** Uncompressed bytes a registry workbook may hold (a zip bomb is refused before it is inflated). */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;
/** Cells a sheet's used range may span: one cell typed far away would otherwise allocate the whole range. */
export const MAX_SHEET_CELLS = 2_000_000;

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** `"AB"` → 28 (1-based column number). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/**
 * Reads a `.xlsx` workbook's sheet list, visibility and date system, and each sheet's used range,
 * without reading any cell value; refuses (with a French message) what would not fit in memory.
 * @example workbookInfo(bytes).sheets // [{ name: 'Notes', hidden: true }, { name: 'CLS', hidden: false }]
 */
export function workbookInfo(bytes: Uint8Array): WorkbookInfo | { error: string } {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        return (
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          /^xl\/worksheets\/[^/]+\.xml$/.test(f.name)
        );
      },
    });
  } catch (e) {
    return { error: `classeur .xlsx illisible (archive endommagée : ${(e as Error).message})` };
  }
  if (total > MAX_WORKBOOK_BYTES)
    return {
      error: `classeur .xlsx refusé : ${Math.round(total / 1048576)} Mo une fois décompressé (au plus ${MAX_WORKBOOK_BYTES / 1048576} Mo)`,
    };
  const workbook = files['xl/workbook.xml'];
  if (!workbook) return { error: 'classeur .xlsx illisible : xl/workbook.xml absent' };
  const xml = strFromU8(workbook);
  const rels = new Map(
    [
      ...strFromU8(files['xl/_rels/workbook.xml.rels'] ?? new Uint8Array()).matchAll(/<Relationship\b([^>]*?)\/?>/g),
    ].map((m) => [/\bId="([^"]*)"/.exec(m[1]!)?.[1] ?? '', /\bTarget="([^"]*)"/.exec(m[1]!)?.[1] ?? '']),
  );
  const isoDates = new Map<string, Map<string, string>>();
  const sheets = [...xml.matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => {
    const attrs = m[1]!;
    const name = unescapeXml(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const state = /\bstate="([^"]*)"/.exec(attrs)?.[1] ?? 'visible';
    const target = rels.get(/\br:id="([^"]*)"/.exec(attrs)?.[1] ?? '') ?? '';
    const sheet = files[target.startsWith('/') ? target.slice(1) : `xl/${target}`];
    if (sheet) {
      const days = new Map<string, string>();
      for (const c of strFromU8(sheet).matchAll(/<c\b([^>]*?\bt="d"[^>]*)>\s*<v>(\d{4}-\d{2}-\d{2})/g)) {
        const ref = /\br="([A-Z]+\d+)"/.exec(c[1]!)?.[1];
        if (ref) days.set(ref, c[2]!);
      }
      if (days.size) isoDates.set(name, days);
    }
    return { name, hidden: state !== 'visible' };
  });
  const pr = /<workbookPr\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const epoch1904 = /\bdate1904="(1|true)"/.test(pr);
  let cells = 0;
  for (const [name, sheet] of Object.entries(files)) {
    if (!name.startsWith('xl/worksheets/')) continue;
    let rows = 0;
    let cols = 0;
    for (const m of strFromU8(sheet).matchAll(/<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"/g)) {
      cols = Math.max(cols, columnNumber(m[1]!));
      rows = Math.max(rows, Number(m[2]));
    }
    cells = Math.max(cells, rows * cols);
  }
  return { sheets, epoch1904, cells, isoDates };
}
