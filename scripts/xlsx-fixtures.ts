/**
 * Writes the `.xlsx` fixtures of tests/fixtures/registry, as Excel leaves a registry typed by hand:
 * a date cell formatted dd/mm/yyyy, a date typed as a bare serial number, codes typed as numbers
 * (Saint-Quentin's 02691 become 2691), TRUE for "verified", a second sheet of notes; and a workbook
 * cut short. Run again only to change them (they are committed):
 *
 *   pnpm tsx scripts/xlsx-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/universal';
import { DOCUMENT_COLUMNS } from '@cls/core';

const DIR = join(import.meta.dirname, '../tests/fixtures/registry');
const HEADER = DOCUMENT_COLUMNS;
const text = (value: string) => ({ value });
const number = (value: number) => ({ value });
const date = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), format: 'dd/mm/yyyy' });

const registry = [
  HEADER.map(text),
  [
    text('lens'),
    text('CA de Lens-Liévin'),
    number(246200364),
    text('cls'),
    date('2019-09-25'),
    null,
    number(2),
    { value: true },
    text('https://example.org/source'),
    text('Signé à Liévin'),
  ],
  [
    text('sq'),
    text('Ville de Saint-Quentin'),
    number(2691),
    text('cls'),
    number(44378), // 2021-07-01 typed as a bare number
    date('2026-06-30'),
    number(2),
    text('oui'),
    text('https://example.org/source'),
    text('Code et date saisis comme des nombres'),
  ],
  [],
  [
    text('amiens'),
    text("Ville d'Amiens"),
    number(80021),
    text('cls'),
    text('31/02/2024'),
    null,
    number(2),
    { value: false },
    text('https://example.org/source'),
    text('Date impossible'),
  ],
];
const notes = [[text('Notes')], [text('Registre saisi à la main.')]];

const workbook = await writeXlsxFile([
  { sheet: 'Registre', data: registry },
  { sheet: 'Notes', data: notes },
] as never).toBlob();
const bytes = new Uint8Array(await workbook.arrayBuffer());
writeFileSync(join(DIR, 'excel-typed-cells.xlsx'), bytes);
// A workbook cut short (a download interrupted): its zip directory is gone.
writeFileSync(join(DIR, 'truncated.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
console.log('tests/fixtures/registry: excel-typed-cells.xlsx, truncated.xlsx');
