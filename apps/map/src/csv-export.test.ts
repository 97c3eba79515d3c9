import { describe, expect, it } from 'vitest';
import { toExcelCsv } from './csv-export.ts';

describe('toExcelCsv', () => {
  it('writes BOM, ;, CRLF, decimal commas and quotes when needed', () => {
    expect(
      toExcelCsv([
        ['code', 'nom', 'part'],
        ['02691', 'Saint-Quentin; ville', 0.5],
        ['59350', 'Lille "centre"', 3],
      ]),
    ).toBe('\uFEFFcode;nom;part\r\n02691;"Saint-Quentin; ville";0,5000\r\n59350;"Lille ""centre""";3\r\n');
  });
});
