import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { describeSource, readTable, writeXlsxTable } from './index.ts';

const SCHEMA = { required: ['id', 'signed_on'], optional: ['code'], dateColumns: ['signed_on'] };

/** An in-memory workbook of the given sheets (cells as write-excel-file takes them). */
async function workbook(sheets: Array<{ sheet: string; data: unknown[][] }>): Promise<Uint8Array> {
  const blob = await writeXlsxFile(sheets as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
const cells = (...values: unknown[]) => values.map((value) => (value === null ? null : { value }));

describe('readTable on .xlsx', () => {
  it('reads date cells, serial numbers in date columns only, numbers as typed and booleans as oui/non', async () => {
    const bytes = await workbook([
      {
        sheet: 'Registre',
        data: [
          cells('id', 'signed_on', 'code'),
          [{ value: 'a' }, { value: new Date('2019-07-01T00:00:00Z'), format: 'dd/mm/yyyy' }, { value: 2691 }],
          cells('b', 44378, 44378),
          cells(true, '01/07/2021', 0.5),
        ],
      },
    ]);
    const t = await readTable(bytes, 'r.xlsx', SCHEMA);
    expect(t.source).toEqual({ format: 'xlsx', sheet: 'Registre', sheets: ['Registre'] });
    expect(t.rows.map((r) => [r.line, r.values])).toEqual([
      [2, { id: 'a', signed_on: '2019-07-01', code: '2691' }],
      [3, { id: 'b', signed_on: '2021-07-01', code: '44378' }],
      [4, { id: 'oui', signed_on: '01/07/2021', code: '0.5' }],
    ]);
    expect(t.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 3,
        field: 'signed_on',
        message: expect.stringMatching(/44378/),
      }),
    ]);
  });

  it('counts lines as the sheet numbers its rows, from a header below blank rows, without empty right columns', async () => {
    const bytes = await workbook([
      { sheet: 'S', data: [[], cells('id', 'signed_on', null), [], cells('x', '2020-01-01', null)] },
    ]);
    const t = await readTable(bytes, 's.xlsx', SCHEMA);
    expect(t.headerOk).toBe(true);
    expect(t.columns).toEqual(['id', 'signed_on']);
    expect(t.rows).toEqual([{ line: 4, values: { id: 'x', signed_on: '2020-01-01' } }]);
  });

  it('reads the sheet asked for, and names the sheets when it is absent', async () => {
    const bytes = await workbook([
      { sheet: 'Notes', data: [cells('texte')] },
      { sheet: 'CLS', data: [cells('id', 'signed_on'), cells('y', '2021')] },
    ]);
    const first = await readTable(bytes, 'w.xlsx', SCHEMA);
    expect(first.headerOk).toBe(false);
    expect(first.diagnostics[0]!.message).toMatch(/colonnes obligatoires absentes : id, signed_on .*feuille « Notes »/);
    expect(describeSource(first)).toBe('classeur .xlsx, feuille « Notes » (2 feuilles : Notes, CLS)');
    const cls = await readTable(bytes, 'w.xlsx', SCHEMA, { sheet: 'CLS' });
    expect(cls.rows.map((r) => r.values.id)).toEqual(['y']);
    const absent = await readTable(bytes, 'w.xlsx', SCHEMA, { sheet: 'Feuil1' });
    expect(absent.diagnostics.map((d) => d.message)).toEqual([
      'feuille « Feuil1 » absente du classeur (feuilles : Notes, CLS)',
    ]);
  });

  it('refuses a workbook cut short and an Excel 97-2003 file, saying why', async () => {
    const bytes = await workbook([{ sheet: 'S', data: [cells('id', 'signed_on')] }]);
    const cut = await readTable(bytes.subarray(0, 200), 'cut.xlsx', SCHEMA);
    expect(cut.headerOk).toBe(false);
    expect(cut.diagnostics[0]!.message).toMatch(/^classeur \.xlsx illisible/);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const legacy = await readTable(xls, 'old.xls', SCHEMA);
    expect(legacy.diagnostics[0]!.message).toMatch(/\.xls.*enregistrez-le au format \.xlsx ou CSV/);
  });
});

describe('readTable on CSV', () => {
  it('reads the CSV a spreadsheet wrote, by its bytes whatever its name, and says how it was read', async () => {
    const bytes = new TextEncoder().encode('\ufeffid;signed_on\nx;01/07/2021\n;\n');
    const t = await readTable(bytes, 'registre.xlsx', SCHEMA);
    expect(t.source).toEqual({ format: 'csv', encoding: 'utf-8-bom', delimiter: ';' });
    expect(t.rows).toEqual([{ line: 2, values: { id: 'x', signed_on: '01/07/2021' } }]);
    expect(describeSource(t)).toBe('CSV UTF-8 avec BOM, séparateur « ; »');
  });

  it('warns that a sheet asked for a CSV is ignored', async () => {
    const t = await readTable(new TextEncoder().encode('id,signed_on\nx,2020\n'), 'r.csv', SCHEMA, { sheet: 'A' });
    expect(t.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/feuille « A » ignorée/),
    });
  });
});

describe('writeXlsxTable', () => {
  it('writes text cells that read back as the same rows (zeros, dates, a formula-looking text)', async () => {
    const rows = [
      ['02691', '2019-07', '=1+1'],
      ['', '01/07/2021', 'Évaluation « CLS »'],
    ];
    const bytes = await writeXlsxTable(['perimeter', 'signed_on', 'evidence'], rows);
    const t = await readTable(bytes, 'w.xlsx', {
      required: ['perimeter', 'signed_on', 'evidence'],
      dateColumns: ['signed_on'],
    });
    expect(t.diagnostics).toEqual([]);
    expect(t.rows.map((r) => [r.values.perimeter, r.values.signed_on, r.values.evidence])).toEqual(rows);
  });
});
