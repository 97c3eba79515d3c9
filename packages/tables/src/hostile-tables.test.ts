import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { DOCUMENT_COLUMNS } from '@cls/core';
import { readTable } from './index.ts';

/** Tables as a careless or hostile user hands them over: each once read wrong with no warning. */
const SCHEMA = { required: ['id', 'signed_on'], optional: ['code'], dateColumns: ['signed_on'] };

async function workbook(sheets: Array<{ sheet: string; data: unknown[][] }>): Promise<Uint8Array> {
  const blob = await writeXlsxFile(sheets as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
const cells = (...values: unknown[]) => values.map((value) => (value === null ? null : { value }));
/** The same workbook with one of its XML parts rewritten (a hidden sheet, the 1904 date system, a far cell). */
function patched(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[part] = strToU8(edit(strFromU8(files[part]!)));
  return zipSync(files);
}
const csv = (text: string) => readTable(new TextEncoder().encode(text), 'r.csv', SCHEMA);

describe('hostile workbooks', () => {
  it('reads the first visible sheet and says a hidden one (bug: a hidden first sheet was read, 1 CLS instead of 3)', async () => {
    const bytes = patched(
      await workbook([
        { sheet: 'Ancien', data: [cells('id', 'signed_on'), cells('old', '2015')] },
        { sheet: 'CLS', data: [cells('id', 'signed_on'), cells('a', '2019'), cells('b', '2020')] },
      ]),
      'xl/workbook.xml',
      (x) => x.replace('name="Ancien"', 'name="Ancien" state="hidden"'),
    );
    const t = await readTable(bytes, 'r.xlsx', SCHEMA);
    expect(t.source).toMatchObject({ sheet: 'CLS', hidden: ['Ancien'] });
    expect(t.rows.map((r) => r.values.id)).toEqual(['a', 'b']);
    expect(t.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: 'feuille « CLS » lue ; feuille masquée : « Ancien »' }),
    );
  });

  it('reads a bare serial date in the 1904 system on its day, and a year typed as a number as that year', async () => {
    const bytes = patched(
      await workbook([{ sheet: 'R', data: [cells('id', 'signed_on'), cells('a', 42185), cells('b', 2015)] }]),
      'xl/workbook.xml',
      (x) => x.replace(/<workbook\b([^>]*)>/, '<workbook$1><workbookPr date1904="1"/>'),
    );
    const t = await readTable(bytes, 'r.xlsx', SCHEMA);
    // 42185 days after 1904-01-01 is 2019-07-01 (the 1900 system reads 2015-06-30).
    expect(t.rows.map((r) => r.values.signed_on)).toEqual(['2019-07-01', '2015']);
  });

  it('refuses a sheet whose used range is huge (one far-away cell) before reading it, saying what to do', async () => {
    const bytes = patched(
      await workbook([{ sheet: 'R', data: [cells('id', 'signed_on'), cells('a', '2019')] }]),
      'xl/worksheets/sheet1.xml',
      (x) =>
        x.replace(
          '</sheetData>',
          '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    );
    const t = await readTable(bytes, 'r.xlsx', SCHEMA);
    expect(t.headerOk).toBe(false);
    expect(t.diagnostics[0]!.message).toMatch(/une cellule remplie loin du tableau/);
  });

  it('keeps a sheet with a note typed to the right of a row, and says the note (bug: « colonne «  » en double »)', async () => {
    const bytes = await workbook([
      { sheet: 'R', data: [cells('id', 'signed_on'), cells('a', '2019', null, 'à revoir'), cells('b', '2020')] },
    ]);
    const t = await readTable(bytes, 'r.xlsx', SCHEMA);
    expect(t.headerOk).toBe(true);
    expect(t.rows.map((r) => r.values.id)).toEqual(['a', 'b']);
    expect(t.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 2,
        message: 'valeur « à revoir » en colonne 4, sans en-tête : ignorée',
      }),
    ]);
  });

  it('says a workbook with no sheet, or not a workbook at all, in French', async () => {
    const files = unzipSync(await workbook([{ sheet: 'R', data: [cells('id')] }]));
    files['xl/workbook.xml'] = strToU8(
      strFromU8(files['xl/workbook.xml']!).replace(/<sheets>.*<\/sheets>/s, '<sheets/>'),
    );
    const t = await readTable(zipSync(files), 'r.xlsx', SCHEMA);
    expect(t.diagnostics[0]!.message).toBe('classeur .xlsx sans aucune feuille');
  });
});

describe('hostile CSV', () => {
  it('refuses a quote that never closes, naming the line it opened (bug: the rows after it became one field, exit 0)', async () => {
    const t = await csv('id;signed_on;code\na;2019;"x\nb;2020;y\nc;2021;z\n');
    expect(t.headerOk).toBe(false);
    expect(t.rows).toEqual([]);
    expect(t.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        line: 2,
        message: expect.stringMatching(/guillemet ouvert ligne 2 jamais fermé/),
      }),
    );
    // A quote closed, then more text: the line where it opened.
    const early = await csv('id;signed_on;code\na;2019;"x"y\n');
    expect(early.diagnostics[0]).toMatchObject({ line: 2, message: expect.stringMatching(/mal fermé/) });
    // Quotes that close, across a line break and with "" inside, are read.
    const ok = await csv('id;signed_on;code\na;2019;"x\n""y"""\n');
    expect(ok.rows[0]!.values.code).toBe('x\n"y"');
  });

  it("reads Excel's trailing separators as nothing", async () => {
    const t = await csv('id;signed_on;;\r\na;2019;;\r\nb;2020\r\n');
    expect(t.rows.map((r) => r.values)).toEqual([
      { id: 'a', signed_on: '2019' },
      { id: 'b', signed_on: '2020' },
    ]);
    expect(t.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe("the analyst's own headers", () => {
  const DOCS = { required: DOCUMENT_COLUMNS };
  it('reads a registry headed in French, with or without accents and in any case', async () => {
    const text =
      'Identifiant;Territoire;Périmètre;TYPE;Signé le;Fin;Génération;verifie;Source;Extrait\n' +
      'lens;Ville de Lens;62498;cls;25/09/2019;;2;oui;https://example.org;« extrait »\n';
    const t = await readTable(new TextEncoder().encode(text), 'r.csv', DOCS);
    expect(t.headerOk).toBe(true);
    expect(t.rows[0]!.values).toMatchObject({
      id: 'lens',
      perimeter: '62498',
      doc_type: 'cls',
      signed_on: '25/09/2019',
    });
  });
  it('a header it cannot read is said on its first line with the columns expected', async () => {
    const t = await readTable(new TextEncoder().encode('Numéro;Commune\n1;Lens\n'), 'r.csv', DOCS);
    expect(t.headerOk).toBe(false);
    expect(t.diagnostics[0]).toMatchObject({ line: 1 });
    expect(t.diagnostics[0]!.message).toMatch(
      /colonnes attendues : id \(ou « identifiant »\), territory \(ou « territoire »\)/,
    );
  });
});

describe('what comes before the header, and how the bytes were written', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it("reads Excel's sep= line, blank lines and a title row before the header, with the file's line numbers", async () => {
    const t = await readTable(
      text('sep=,\r\n\r\nRegistre des CLS, mise à jour du 01/12/2026\r\nid,signed_on\r\na,2019\r\nb,20199\r\n'),
      'r.csv',
      SCHEMA,
    );
    expect(t.headerOk).toBe(true);
    expect(t.rows.map((r) => [r.line, r.values.id])).toEqual([
      [5, 'a'],
      [6, 'b'],
    ]);
    expect(t.diagnostics.map((d) => d.message).join(' | ')).toMatch(
      /sep=, .*1 ligne\(s\) vide\(s\).*prise pour un titre : en-tête lu ligne 4/,
    );
  });

  it('reads a header ending CRLF over rows ending LF (bug: every row became one record)', async () => {
    const t = await readTable(text('id;signed_on\r\na;2019\nb;2020\n'), 'r.csv', SCHEMA);
    expect(t.rows.map((r) => r.values.id)).toEqual(['a', 'b']);
  });

  it('a UTF-8 file with one stray byte is read as UTF-8, the byte said with its line; CP850 accents are doubted', async () => {
    const bytes = new Uint8Array([...text('id;signed_on\nBéthune;2019\nLi'), 0xff, ...text('évin;2020\n')]);
    const t = await readTable(bytes, 'r.csv', SCHEMA);
    expect(t.rows.map((r) => r.values.id)).toEqual(['Béthune', 'Li\ufffdévin']);
    expect(t.diagnostics[0]!.message).toMatch(/un octet invalide en UTF-8 \(ligne 3\)/);
    // "Béthune" written by a DOS program (CP850: é = 0x82), read as Windows-1252: "B‚thune".
    const dos = new Uint8Array([...text('id;signed_on\nB'), 0x82, ...text('thune;2019\n')]);
    const d = await readTable(dos, 'r.csv', SCHEMA);
    expect(d.diagnostics[0]!.message).toMatch(/« B‚t » \(ligne 2\) semble mal décodé : fichier en CP850/);
  });

  it('reads Windows-1252 as Excel writes it: ’ œ € are characters, not controls (bug: Node read it as Latin-1)', async () => {
    const bytes = new Uint8Array([
      ...text('id;signed_on\nd'),
      0x92,
      0x48,
      0xe9,
      ...text('nin '),
      0x9c,
      0x80,
      ...text(';2019\n'),
    ]);
    const t = await readTable(bytes, 'r.csv', SCHEMA);
    expect(t.source).toMatchObject({ encoding: 'windows-1252' });
    expect(t.rows[0]!.values.id).toBe('d’Hénin œ€');
  });
});

describe('ISO date cells', () => {
  it('reads a t="d" cell with a time zone on the day written (bug: moved to UTC, the day before)', async () => {
    const bytes = patched(
      await workbook([{ sheet: 'R', data: [cells('id', 'signed_on'), cells('a', 'x')] }]),
      'xl/worksheets/sheet1.xml',
      (x) => x.replace(/<c r="B2"[^>]*?(\/>|>.*?<\/c>)/, '<c r="B2" t="d"><v>2019-07-01T00:30:00+02:00</v></c>'),
    );
    const t = await readTable(bytes, 'r.xlsx', SCHEMA);
    expect(t.rows[0]!.values.signed_on).toBe('2019-07-01');
  });
});
