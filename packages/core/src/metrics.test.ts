import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage.ts';
import { classCounts, statusCounts } from './area-class.ts';
import { coverageFigures } from './metrics.ts';
import { doc, territory } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

describe('coverageFigures for one department', () => {
  // E1 = A, B, C in department 99; E2 = D, E in department 98.
  const engine = createCoverageEngine({
    documents: [
      doc('e1', ['200000001'], 'cls', '2020-01-01', null, { verified: false }),
      doc('d', ['98004'], 'charte', '2020-01-01'),
    ],
    priority: [territory('p-all', ['99001', '98004', '98005']), territory('p-99', ['99002'])],
    referenceFor: tinyReference,
    cogYears: [2024],
  });
  const c = engine.coverageAt('2024-06-30');
  const region = coverageFigures(c, engine);
  const d98 = coverageFigures(c, engine, { department: '98' });

  it('counts only its communes, the documents and territories that touch it, and says which department', () => {
    expect(d98.department).toBe('98');
    expect(d98.region).toMatchObject({ communes: 2, population: 1050 });
    expect(d98.covered).toMatchObject({ communes: 1, population: 1000, clsCommunes: 0 });
    expect(d98.documents).toMatchObject({ cls: 0, charte: 1 });
    expect(d98.unverifiedInForce).toBe(0);
    expect(d98.byDepartment.map((d) => d.code)).toEqual(['98']);
    expect(d98.byEpci.map((e) => e.code)).toEqual(['200000002']);
    // p-all counts by its communes in 98 (D covered, E not): partly covered; p-99 is not there.
    expect(d98.priority.praps).toMatchObject({ count: 1, covered: 0, partlyCovered: 1, population: 1050 });
    expect(d98.priority.praps.populationCovered).toBe(1000);
  });

  it('the departments add up to the region', () => {
    const d99 = coverageFigures(c, engine, { department: '99' });
    expect(d99.covered.population + d98.covered.population).toBe(region.covered.population);
    expect(d99.region.population + d98.region.population).toBe(region.region.population);
    expect(region.department).toBeNull();
  });
});

describe('legend counts', () => {
  it('statuses and EPCI classes add up to the totals', () => {
    const engine = createCoverageEngine({
      documents: [doc('a', ['99001'], 'cls', '2020-01-01'), doc('b', ['98005'], 'cls', '2020-01-01', '2021-01-01')],
      priority: [],
      referenceFor: tinyReference,
      cogYears: [2024],
    });
    const f = coverageFigures(engine.coverageAt('2024-06-30'), engine);
    const s = statusCounts(f);
    expect(s).toEqual({
      cls: { count: 1, population: 100, covered: 100 },
      charte: { count: 0, population: 0, covered: 0 },
      expired: { count: 1, population: 50, covered: 0 },
      none: { count: 3, population: 1500, covered: 0 },
    });
    expect(classCounts(f.byEpci)).toEqual({
      full: { count: 0, population: 0, covered: 0 },
      partial: { count: 1, population: 600, covered: 100 },
      none: { count: 1, population: 1050, covered: 0 },
    });
  });
});
