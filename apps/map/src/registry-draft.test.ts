import { documentRow } from '@cls/core';
import { doc } from '@cls/core/test-documents.fixture';
import { tinyReference } from '@cls/core/tiny-reference.fixture';
import { describe, expect, it } from 'vitest';
import { registryFile } from './test-registry.fixture.ts';
import { draftRegistry, fileDraft, putRow, removeRow, shippedDraft } from './registry-draft.ts';

const options = { referenceFor: () => tinyReference(2024), cogYears: [2024], today: '2026-11-24' };
const shipped = registryFile([
  doc('b', ['99002'], 'cls', '2024-02-01', null),
  doc('a', ['99001'], 'cls', '2024-01-01', null),
]);

describe('registry drafts', () => {
  it('numbers the shipped rows as the saved file will, and puts, replaces and removes rows', () => {
    const shippedRows = shipped.documents.map((d, i) => ({ ...d, line: 3 - i }));
    const draft = shippedDraft(shippedRows, 'r.csv');
    expect(draft.rows.map((r) => [r.line, r.values.id])).toEqual([
      [2, 'a'],
      [3, 'b'],
    ]);
    const c = documentRow(doc('c', ['98004'], 'charte', '2024-03-01', null));
    const added = putRow(draft, c, null);
    expect(added.dirty).toBe(true);
    expect(added.rows.map((r) => [r.line, r.values.id])).toEqual([
      [2, 'a'],
      [3, 'b'],
      [4, 'c'],
    ]);
    const replaced = putRow(added, { ...c, id: 'c2' }, 'b');
    expect(replaced.rows.map((r) => r.values.id)).toEqual(['a', 'c2', 'c']);
    expect(removeRow(replaced, 'a').rows.map((r) => [r.line, r.values.id])).toEqual([
      [2, 'c2'],
      [3, 'c'],
    ]);
  });

  it('validates a draft as the CLI does: rejected rows stay in it, listed with their line', () => {
    const draft = fileDraft('mien.csv', [
      { line: 2, values: documentRow(doc('a', ['99001'], 'cls', '2024-01-01', null)) },
      { line: 5, values: { ...documentRow(doc('x', ['99001'], 'cls', '2024-01-01', null)), signed_on: '31/02/2024' } },
    ]);
    const { registry, result } = draftRegistry(draft, shipped, options, 'abc');
    expect(registry.documents.map((d) => d.id)).toEqual(['a']);
    expect(result.rejectedLines).toEqual([3]);
    expect(registry.files.documents).toMatchObject({
      path: 'mien.csv',
      sha256: 'abc',
      rows: 2,
      rejected: 1,
      errors: 1,
    });
    expect(draft.rows).toHaveLength(2);
  });
});
