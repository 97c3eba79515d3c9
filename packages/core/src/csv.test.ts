import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { today } from './dates.ts';
import { clipValue } from './diagnostics.ts';
import { formatInteger, formatPopulation } from './format.ts';

describe('toCsv (the one CSV writer)', () => {
  it('writes BOM, ;, CRLF, decimal commas, oui/non and quotes when needed', () => {
    expect(
      toCsv([
        [
          ['code', 'nom', 'part', 'ok'],
          ['02691', 'Saint-Quentin; ville', 0.5, true],
          ['59350', 'Lille "centre"', 3, false],
        ],
      ]),
    ).toBe('\uFEFFcode;nom;part;ok\r\n02691;"Saint-Quentin; ville";0,5000;oui\r\n59350;"Lille ""centre""";3;non\r\n');
  });

  it('neutralises formulas (OWASP CSV injection) but keeps negative numbers', () => {
    const csv = toCsv([[['=HYPERLINK("x")'], ['+33 1'], ['-5'], ['-1,5'], ['@SUM(A1)'], ['\tx'], [-2]]], {
      bom: false,
    });
    expect(csv.split('\r\n').slice(0, 7)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      "'+33 1",
      '-5',
      '-1,5',
      "'@SUM(A1)",
      "'\tx",
      '-2',
    ]);
  });

  it('puts sections (totals) apart, after an empty line', () => {
    expect(
      toCsv(
        [
          [['a'], [1]],
          [['total'], [1]],
        ],
        { bom: false },
      ),
    ).toBe('a\r\n1\r\n\r\ntotal\r\n1\r\n');
  });
});

describe('French numbers and dates', () => {
  it('formats populations as the ARS writes them, plural from the number as written', () => {
    expect(formatPopulation(1_612_345)).toBe('1,6 million');
    expect(formatPopulation(1_999_999)).toBe('2 millions');
    expect(formatPopulation(2_340_000)).toBe('2,3 millions');
    expect(formatInteger(6_002_372)).toBe('6\u202f002\u202f372');
  });

  it('today() is the date in Paris, not in UTC', () => {
    expect(today(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
    expect(today(new Date('2024-12-31T12:00:00Z'))).toBe('2024-12-31');
  });

  it('clips long values in messages', () => {
    expect(clipValue('x'.repeat(300))).toBe(`${'x'.repeat(200)}… (300 caractères)`);
    expect(clipValue('court')).toBe('court');
  });
});
