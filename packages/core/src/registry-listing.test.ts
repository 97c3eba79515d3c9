import { describe, expect, it } from 'vitest';
import { listRegistry } from './registry-listing.ts';
import { doc } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';
import type { UndatedDocument } from './types.ts';

describe('listRegistry', () => {
  const undated: UndatedDocument = {
    id: 'u',
    territory: 'CA Deux',
    perimeter: ['200000002'],
    docType: 'renouvellement',
    generation: 3,
    verified: false,
    sourceUrl: 'https://example.org/u',
    evidence: 'q',
    dateNote: 'après octobre 2023, jour inconnu',
    line: 2,
  };
  const rows = listRegistry(
    [
      doc('b', ['99001', '98004'], 'cls', '2024-05-31', null, { signedPrecision: 'month', line: 3 }),
      doc('a', ['200000001'], 'charte', '2015-12-31', '2016-06-30', { signedPrecision: 'year', line: 2 }),
    ],
    [undated],
    tinyReference(2024),
  );

  it('lists dated rows in file order, then undated ones, with the date at the precision the source gives', () => {
    expect(rows.map((r) => [r.id, r.file, r.signedText])).toEqual([
      ['a', 'documents', '2015'],
      ['b', 'documents', 'mai 2024'],
      ['u', 'undated', 'date inconnue (après octobre 2023, jour inconnu)'],
    ]);
    expect(rows[2]!.signed).toBeNull();
    expect(rows[0]!.endsOn).toBe('2016-06-30');
  });

  it('gives the departments each perimeter touches (an EPCI through its members)', () => {
    expect(rows.map((r) => r.departments)).toEqual([['99'], ['98', '99'], ['98']]);
  });
});
