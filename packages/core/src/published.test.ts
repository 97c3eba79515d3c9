import { describe, expect, it } from 'vitest';
import { type CoverageModel, createCoverageEngine } from './coverage.ts';
import { coverageFigures } from './metrics.ts';
import { compareWithPublished, type PublishedFigure, validatePublishedFigures } from './published.ts';
import { doc } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

const model: CoverageModel = {
  // A first-generation CLS still in force on A (99001), a second-generation one on E2 (D, E).
  documents: [
    doc('first', ['99001'], 'cls', '2015-06-01', null, { generation: 1 }),
    doc('second', ['200000002'], 'cls', '2019-03-01', null, { generation: 2 }),
  ],
  priority: [],
  referenceFor: tinyReference,
  cogYears: [2024],
};
const published = (values: PublishedFigure['values'], minGeneration: number | null): PublishedFigure => ({
  id: 'p',
  date: '2019-06-30',
  dateNote: '',
  scope: '99',
  sourceUrl: 'https://example.org',
  publisher: 'ARS test',
  quote: 'q',
  values,
  minGeneration,
  line: 2,
});
const engine = createCoverageEngine(model);
const figures = coverageFigures(engine.coverageAt('2019-06-30'), engine);

describe('compareWithPublished', () => {
  it('compares a figure of the second generation with the documents it counts, and says so', () => {
    const [c] = compareWithPublished(figures, [published({ cls: 1, communes: 2 }, 2)], { model });
    expect(c!.counted).toMatch(/2e génération ou suivante/);
    expect(c!.rows.map((r) => [r.label, r.published, r.computed])).toEqual([
      ['CLS en vigueur', 1, 1],
      ['communes couvertes', 2, 2],
    ]);
  });

  it('without the model, compares with the whole registry and says it mixes generations', () => {
    const [c] = compareWithPublished(figures, [published({ cls: 1 }, 2)]);
    expect(c!.counted).toMatch(/tout le registre/);
    expect(c!.rows[0]!.computed).toBe(2);
  });

  it('a figure of every generation is compared with the whole registry, with no note', () => {
    const [c] = compareWithPublished(figures, [published({ communes: 3 }, null)], { model });
    expect(c!.counted).toBeNull();
    expect(c!.rows[0]!.computed).toBe(3);
  });

  it('leaves out figures more than two months away', () => {
    const far = { ...published({ cls: 1 }, null), date: '2019-10-01' };
    expect(compareWithPublished(figures, [far], { model })).toEqual([]);
  });
});

describe('validatePublishedFigures', () => {
  it('reads generation_min and refuses anything but a generation number', () => {
    const row = (generation_min: string) => ({
      line: 2,
      values: { id: 'x', date: '2019-06-30', scope: '32', source_url: 'https://example.org', cls: '2', generation_min },
    });
    const ok = validatePublishedFigures([row('2'), row('')], 'f.csv');
    expect(ok.accepted.map((p) => p.minGeneration)).toEqual([2, null]);
    const bad = validatePublishedFigures([row('deux')], 'f.csv');
    expect(bad.rejectedLines).toEqual([2]);
    expect(bad.diagnostics[0]).toMatchObject({ line: 2, field: 'generation_min' });
  });
});
