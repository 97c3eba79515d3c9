import { describe, expect, it } from 'vitest';
import { validateDocuments } from './registry.ts';
import { documentRow, documentsCsv } from './registry-rows.ts';
import { doc } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

const options = { referenceFor: () => tinyReference(2024), cogYears: [2024], today: '2026-11-24' };

describe('documentRow', () => {
  it('gives back the row a document validates from, at the precision of its date', () => {
    const docs = [
      doc('a', ['99001', '200000002'], 'cls', '2024-03-15', '2029-03-14', { generation: 2 }),
      { ...doc('b', ['99002'], 'charte', '2024-12-31', null), signedPrecision: 'month' as const, verified: false },
      { ...doc('c', ['99003'], 'avenant', '2024-12-31', null), signedPrecision: 'year' as const },
    ];
    const rows = docs.map((d, i) => ({ line: i + 2, values: documentRow(d) }));
    expect(rows.map((r) => r.values.signed_on)).toEqual(['2024-03-15', '2024-12', '2024']);
    const back = validateDocuments(rows, 'r.csv', options);
    expect(back.diagnostics).toEqual([]);
    expect(back.accepted).toEqual(docs.map((d, i) => ({ ...d, line: i + 2 })));
  });
});

describe('documentsCsv', () => {
  it('writes the header and every row for Excel, neutralising a formula', () => {
    const csv = documentsCsv([{ id: 'x', territory: '=HYPERLINK("http://evil")', perimeter: '02691' }]);
    expect(csv.startsWith('\ufeffid;territory;perimeter;doc_type;signed_on;')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`x;"'=HYPERLINK(""http://evil"")";02691;;;;;;;`);
  });
});
