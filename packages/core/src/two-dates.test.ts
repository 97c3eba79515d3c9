import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage.ts';
import { coverageFigures } from './metrics.ts';
import { CHANGING_2024 } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';
import { twoDatesRows } from './two-dates.ts';

const documents = CHANGING_2024;
const ref = tinyReference(2024);
const engine = createCoverageEngine({ documents, priority: [], referenceFor: () => ref, cogYears: [2024] });
const at = (d: string) => coverageFigures(engine.coverageAt(d), engine);

describe('twoDatesRows', () => {
  const rows = Object.fromEntries(twoDatesRows(at('2024-03-15'), at('2024-10-01')).map((r) => [r.key, r]));

  it('gives each measure at both dates, read from each date’s own figures', () => {
    const [a, b] = [at('2024-03-15'), at('2024-10-01')];
    expect(rows.communes).toMatchObject({ before: a.covered.communes, after: b.covered.communes });
    expect(rows.population).toMatchObject({ before: a.covered.population, after: b.covered.population });
    // 2024-03-15: the charte and cls-d; 2024-10-01: the two CLS of the EPCI and of 98005.
    expect(rows.cls).toMatchObject({ before: 1, after: 2, change: '+1' });
    expect(rows.chartes).toMatchObject({ before: 1, after: 0, change: '\u22121' });
  });

  it('writes a share’s change in points, and a measure not known as « — »', () => {
    expect(rows.part_population!.change).toMatch(/^[+\u2212]?\d+,\d points?$/);
    // No priority territory in this registry: the priority share is not measurable at either date.
    expect(rows.prioritaire).toMatchObject({ before: null, after: null, text: ['—', '—'], change: '—' });
  });
});
