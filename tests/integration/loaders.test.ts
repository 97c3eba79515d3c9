import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '@cls/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DOCUMENT_COLUMNS } from '@cls/core';
import { dataPath, loadDocuments, readBytes } from '@cls/io';
import { readCsvTable } from '@cls/tables';
import writeXlsxFile from 'write-excel-file/universal';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/registry', name);
const messages = (ds: Diagnostic[]) => ds.map(formatDiagnostic);
const load = (name: string) => loadDocuments(fixture(name), { today: '2026-11-23' });

describe('registry loader on Excel-style files', () => {
  it('reads a ;-separated UTF-8 export with a BOM, with dd/mm/yyyy dates', async () => {
    const r = await load('excel-utf8-bom.csv');
    expect(r.source).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', delimiter: ';' });
    expect(r.diagnostics).toEqual([]);
    expect(r.accepted.map((d) => [d.id, d.signedOn, d.territory])).toEqual([
      ['lens', '2019-09-25', 'CA de Lens-Liévin'],
      ['amiens', '2019-10-02', "Ville d'Amiens"],
    ]);
    expect(r.accepted[1]!.evidence).toBe('Évaluation du premier CLS');
  });

  it('reads a Windows-1252 export with its accents intact and oui/non, mm/yyyy', async () => {
    const r = await load('excel-windows-1252.csv');
    expect(r.source).toMatchObject({ encoding: 'windows-1252' });
    expect(r.diagnostics).toEqual([]);
    const [soissons, chateau] = r.accepted;
    expect(soissons).toMatchObject({
      signedOn: '2013-09-30',
      signedPrecision: 'month',
      verified: true,
      evidence: "Charte d'engagement signée à Soissons",
    });
    expect(chateau).toMatchObject({
      territory: 'Château-Thierry et CC du Canton de Charly-sur-Marne',
      endsOn: '2028-12-31',
      verified: false,
    });
  });

  it('accepts dd/mm/yyyy and rejects an impossible date with its line and field', async () => {
    const r = await load('dates-dd-mm-yyyy.csv');
    expect(r.accepted.map((d) => [d.signedOn, d.endsOn])).toEqual([['2021-07-01', '2026-06-30']]);
    expect(r.rejectedLines).toEqual([3]);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(
        /dates-dd-mm-yyyy\.csv:3 \[signed_on\] erreur : date de signature « 31\/02\/2024 » illisible/,
      ),
    ]);
  });

  it('restores a leading zero lost by a spreadsheet, with a warning', async () => {
    const r = await load('lost-leading-zero.csv');
    expect(r.accepted[0]!.perimeter).toEqual(['02691']);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(
        /lost-leading-zero\.csv:2 \[perimeter\] avertissement : code commune « 2691 » lu comme 02691/,
      ),
    ]);
  });

  it('rejects unknown commune and EPCI codes, keeping the good rows', async () => {
    const r = await load('unknown-code.csv');
    expect(r.accepted.map((d) => d.id)).toEqual(['ok']);
    expect(r.rejectedLines).toEqual([3, 4]);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/:3 \[perimeter\] erreur : code commune 80999 inconnu au COG 2019/),
      expect.stringMatching(/:4 \[perimeter\] erreur : SIREN 200000000 inconnu/),
    ]);
  });

  it("resolves a merged commune's old code to its successor, with a warning", async () => {
    const r = await load('merged-commune-code.csv');
    expect(r.accepted[0]!.perimeter).toEqual(['02564']);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(
        /:2 \[perimeter\] avertissement : commune 02077 fusionnée avant le COG 2024 : comptée comme 02564 \(commune déléguée\)/,
      ),
    ]);
  });

  it('rejects a duplicate id and names the first line', async () => {
    const r = await load('duplicate-id.csv');
    expect(r.accepted).toHaveLength(1);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/:3 \[id\] erreur : identifiant « x » en double \(déjà ligne 2\)/),
    ]);
  });

  it('rejects ends_on before signed_on', async () => {
    const r = await load('ends-before-signed.csv');
    expect(r.accepted).toEqual([]);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/:2 \[ends_on\] erreur : date de fin 01\/01\/2018 antérieure à la signature 02\/10\/2019/),
    ]);
  });

  it('stops on a missing required column, naming it', async () => {
    const r = await load('missing-column.csv');
    expect(r.accepted).toEqual([]);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/missing-column\.csv:1 \[verified\] erreur : colonne obligatoire absente : verified/),
    ]);
  });

  it('reports an empty file', async () => {
    const r = await load('empty.csv');
    expect(r.accepted).toEqual([]);
    expect(messages(r.diagnostics)).toEqual([expect.stringMatching(/empty\.csv erreur : fichier vide/)]);
  });

  it('rejects a perimeter mixing codes from two regions', async () => {
    const r = await load('two-regions.csv');
    expect(r.accepted).toEqual([]);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/:2 \[perimeter\] erreur : le périmètre mêle des codes de plusieurs régions \(28, 32\)/),
    ]);
  });

  it('reports a row with a missing field instead of dropping it', async () => {
    const r = await load('wrong-field-count.csv');
    expect(r.accepted.map((d) => d.id)).toEqual(['y']);
    expect(r.rejectedLines).toEqual([2]);
    expect(r.rowCount).toBe(2);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/:1 avertissement : séparateur « ; » retenu, mais 1 ligne sur 3 n’a pas/),
      expect.stringMatching(/:2 erreur : 9 champs au lieu de 10/),
    ]);
  });
});

describe('registry loader on .xlsx workbooks', () => {
  it('reads typed cells as the CSV forms are read: date cells, a serial number, codes that lost their zero', async () => {
    const r = await load('excel-typed-cells.xlsx');
    expect(r.source).toEqual({ format: 'xlsx', sheet: 'Registre', sheets: ['Registre', 'Notes'] });
    expect(r.accepted.map((d) => [d.id, d.perimeter, d.signedOn, d.endsOn, d.verified])).toEqual([
      ['lens', ['246200364'], '2019-09-25', null, true],
      ['sq', ['02691'], '2021-07-01', '2026-06-30', true],
    ]);
    expect(r.rejectedLines).toEqual([5]);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/excel-typed-cells\.xlsx:3 \[signed_on\] avertissement : .*44378.*2021-07-01/),
      expect.stringMatching(
        /excel-typed-cells\.xlsx:3 \[perimeter\] avertissement : code commune « 2691 » lu comme 02691/,
      ),
      expect.stringMatching(
        /excel-typed-cells\.xlsx:5 \[signed_on\] erreur : date de signature « 31\/02\/2024 » illisible/,
      ),
    ]);
  });

  it('gives the same documents as the CSV for the shipped registry written to a workbook', async () => {
    const csv = await loadDocuments(dataPath('registry', 'documents.csv'), { today: '2026-11-23' });
    const table = readCsvTable(readBytes(dataPath('registry', 'documents.csv')), 'documents.csv', {
      required: DOCUMENT_COLUMNS,
    });
    const data = [table.rawColumns, ...table.rows.map((r) => table.columns.map((c) => r.values[c]!))];
    const blob = await writeXlsxFile(data.map((row) => row.map((value) => ({ value }))) as never).toBlob();
    const path = join(mkdtempSync(join(tmpdir(), 'cls-')), 'documents.xlsx');
    writeFileSync(path, new Uint8Array(await blob.arrayBuffer()));
    const xlsx = await loadDocuments(path, { today: '2026-11-23' });
    expect(xlsx.accepted).toEqual(csv.accepted);
    expect(xlsx.rowCount).toBe(csv.rowCount);
    expect(xlsx.diagnostics.map((d) => [d.line, d.field, d.message])).toEqual(
      csv.diagnostics.map((d) => [d.line, d.field, d.message]),
    );
  });

  it('names the file when a workbook is cut short', async () => {
    const r = await load('truncated.xlsx');
    expect(r.headerOk).toBe(false);
    expect(messages(r.diagnostics)).toEqual([
      expect.stringMatching(/truncated\.xlsx erreur : classeur \.xlsx illisible/),
    ]);
  });
});
