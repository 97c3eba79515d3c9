import { describe, expect, it } from 'vitest';
import { coverageClass, coveredShare, priorityTerritoriesOf } from './area-class.ts';
import { createCoverageEngine } from './coverage.ts';
import { doc, territory } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

describe('coverageClass', () => {
  it('classes by communes covered, not by majority (bug: the MEL showed "Aucun document" although Lille has a CLS)', () => {
    expect(coverageClass({ communes: 95, coveredCommunes: 1 })).toBe('partial');
    expect(coverageClass({ communes: 3, coveredCommunes: 3 })).toBe('full');
    expect(coverageClass({ communes: 3, coveredCommunes: 0 })).toBe('none');
    expect(coverageClass({ communes: 0, coveredCommunes: 0 })).toBe('none');
    expect(coveredShare({ population: 200, coveredPopulation: 50 })).toBe(0.25);
    expect(coveredShare({ population: 0, coveredPopulation: 0 })).toBe(0);
  });
});

describe('priorityTerritoriesOf', () => {
  const engine = createCoverageEngine({
    documents: [doc('a', ['99001'], 'cls', '2020-01-01')],
    priority: [
      territory('praps-un', ['200000001']),
      territory('QN99001M', ['99001'], { kind: 'qpv', since: '2024-01-01' }),
    ],
    referenceFor: tinyReference,
    cogYears: [2024],
  });
  it('lists the territories in force that hold the commune', () => {
    expect(priorityTerritoriesOf(engine, '99001', '2024-06-30').map((t) => t.id)).toEqual(['praps-un', 'QN99001M']);
    expect(priorityTerritoriesOf(engine, '99001', '2023-06-30').map((t) => t.id)).toEqual(['praps-un']);
    expect(priorityTerritoriesOf(engine, '98004', '2024-06-30')).toEqual([]);
    expect(priorityTerritoriesOf(engine, '00000', '2024-06-30')).toEqual([]);
  });
});
