import { describe, expect, it } from 'vitest';
import { validateUndatedDocuments } from './registry.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

const row = (line: number, values: Record<string, string>) => ({
  line,
  values: {
    id: `d${line}`,
    territory: 'CC Un',
    perimeter: '200000001',
    doc_type: 'cls',
    signed_on: '',
    ends_on: '',
    generation: '2',
    verified: 'no',
    source_url: 'https://example.org/cls',
    evidence: 'le CLS a été signé',
    date_note: 'après octobre 2023, jour inconnu',
    ...values,
  },
});
const options = { referenceFor: (cog: number) => tinyReference(cog), cogYears: [2023, 2024] };

describe('validateUndatedDocuments', () => {
  it('keeps a sourced row without a date, with what is known of the date', () => {
    const r = validateUndatedDocuments([row(2, {})], 'undated.csv', options);
    expect(r.diagnostics).toEqual([]);
    expect(r.accepted).toEqual([
      {
        id: 'd2',
        territory: 'CC Un',
        perimeter: ['200000001'],
        docType: 'cls',
        generation: 2,
        verified: false,
        sourceUrl: 'https://example.org/cls',
        evidence: 'le CLS a été signé',
        dateNote: 'après octobre 2023, jour inconnu',
        line: 2,
      },
    ]);
  });

  it('rejects a dated row, a row without date note or source, an unknown code — naming file, line and field', () => {
    const r = validateUndatedDocuments(
      [
        row(2, { signed_on: '2023-05-01' }),
        row(3, { date_note: '' }),
        row(4, { source_url: 'javascript:alert(1)' }),
        row(5, { perimeter: '12345' }),
      ],
      'undated.csv',
      options,
    );
    expect(r.accepted).toEqual([]);
    expect(r.rejectedLines).toEqual([2, 3, 4, 5]);
    const where = r.diagnostics.map((d) => `${d.file}:${d.line} ${d.field}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'undated.csv:2 signed_on',
        'undated.csv:3 date_note',
        'undated.csv:4 source_url',
        'undated.csv:5 perimeter',
      ]),
    );
    expect(r.diagnostics.find((d) => d.line === 2)!.message).toContain('documents.csv');
  });
});
