import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from './coverage.ts';
import { doc, territory } from './test-documents.fixture.ts';
import { territoryHistory, territoryPortrait } from './territory-portrait.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

// CC Un (A 100, B 200, C 300) in department 99; CA Deux (D 1000, E 50) in 98.
const engine = createCoverageEngine({
  documents: [
    doc('charte-a', ['99001'], 'charte', '2020-01-01'),
    doc('cls-deux', ['200000002'], 'cls', '2021-01-01', '2022-12-31'),
    doc('cls-b', ['99002'], 'cls', '2023-06-01'),
  ],
  priority: [territory('praps-c', ['99003']), territory('praps-d', ['98004'])],
  referenceFor: () => tinyReference(),
  cogYears: [2024],
});

describe('territoryPortrait', () => {
  it('counts an EPCI, sets it beside its department and region, ranks it, lists its documents', () => {
    const p = territoryPortrait(engine, '200000001', '2024-06-30')!;
    expect(p).toMatchObject({ kind: 'epci', name: 'CC Un', communes: 3, population: 600, coveredCommunes: 2 });
    expect(p.coveredPopulation).toBe(300);
    expect(p.departments).toEqual([{ code: '99', name: '99', share: 0.5 }]);
    // Region: 300 of 1,650 inhabitants (CA Deux's CLS ended in 2022).
    expect(p.region.share).toBeCloseTo(300 / 1650, 10);
    expect(p.rank).toEqual({ position: 1, of: 1, department: '99' });
    expect(p.documents.map((d) => [d.document.id, d.inForce, d.communes])).toEqual([
      ['charte-a', true, 1],
      ['cls-b', true, 1],
    ]);
    expect(p.priority.map((t) => t.id)).toEqual(['praps-c']);
    // The plan: a CLS on CC Un would add C (300, PRAPS, uncovered).
    expect(p.planKnown).toBe(true);
    expect(p.plan?.addedPopulation).toBe(300);
  });

  it('gives a commune its status (expired when its document ended without relay) and its EPCI', () => {
    const d = territoryPortrait(engine, '98004', '2024-06-30')!;
    expect(d).toMatchObject({ kind: 'commune', status: 'expired', coveredPopulation: 0 });
    expect(d.epci).toEqual({ code: '200000002', name: 'CA Deux' });
    expect(d.documents.map((x) => [x.document.id, x.inForce])).toEqual([['cls-deux', false]]);
    expect(d.plan?.addedPopulation).toBe(1000);
    expect(territoryPortrait(engine, '12345', '2024-06-30')).toBeNull();
  });

  it('tells its own history, date by date', () => {
    expect(
      territoryHistory(engine, '200000002', ['2020-06-30', '2021-06-30', '2023-06-30']).map((h) => h.share),
    ).toEqual([0, 1, 0]);
  });
});
