import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCoverageEngine, type CoverageModel } from './coverage.ts';
import { coverageFigures } from './metrics.ts';
import { approachesFor, planToTarget } from './plan.ts';
import { doc, territory } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';
import type { DocType, PriorityTerritory, RegistryDocument } from './types.ts';

const prio = (
  id: string,
  perimeter: string[],
  kind: 'praps' | 'qpv' = 'praps',
  population: number | null = null,
): PriorityTerritory => territory(id, perimeter, { kind, population });
const model = (documents: RegistryDocument[], priority: PriorityTerritory[] = []): CoverageModel => {
  const ref = tinyReference(2024);
  return { documents, priority, referenceFor: () => ref, cogYears: [2024] };
};
const statusOf = (m: CoverageModel, date: string) =>
  Object.fromEntries(
    createCoverageEngine(m)
      .coverageAt(date)
      .communes.map((c) => [c.code, c.status]),
  );

describe('coverageAt on a hand-made region', () => {
  it('a charte then a CLS on the same EPCI shows charte, then cls, and retires the charte', () => {
    const m = model([doc('ch', ['200000001'], 'charte', '2024-02-01'), doc('cls', ['200000001'], 'cls', '2024-09-01')]);
    const e = createCoverageEngine(m);
    expect(e.coverageAt('2024-01-31').communes.every((c) => c.status === 'none')).toBe(true);
    expect(statusOf(m, '2024-03-01')).toEqual({
      '99001': 'charte',
      '99002': 'charte',
      '99003': 'charte',
      '98004': 'none',
      '98005': 'none',
    });
    const after = e.coverageAt('2024-10-01');
    expect(after.communes[0]).toMatchObject({ status: 'cls', documents: ['cls'] });
    expect(after.inForce.map((d) => d.id)).toEqual(['cls']);
  });

  it('counts a commune covered by two documents once', () => {
    const m = model([doc('a', ['200000001'], 'cls', '2024-01-01'), doc('b', ['99001', '98004'], 'cls', '2024-01-01')]);
    const e = createCoverageEngine(m);
    const f = coverageFigures(e.coverageAt('2024-06-30'), e);
    expect(f.covered).toMatchObject({ communes: 4, population: 1600 });
    expect(e.coverageAt('2024-06-30').communes[0]!.documents).toEqual(['a', 'b']);
  });

  it('marks expired communes apart and lets a renewal take over', () => {
    const m = model([
      doc('old', ['99001'], 'cls', '2024-01-01', '2024-03-31'),
      doc('new', ['99001'], 'renouvellement', '2024-06-01'),
    ]);
    const e = createCoverageEngine(m);
    expect(e.coverageAt('2024-05-01').communes[0]).toMatchObject({
      status: 'none',
      expired: true,
      expiredDocuments: ['old'],
    });
    expect(e.coverageAt('2024-07-01').communes[0]).toMatchObject({ status: 'cls', expired: false, documents: ['new'] });
  });

  it('a renouvellement retires the earlier CLS and its avenant from the documents in force', () => {
    const m = model([
      doc('c1', ['200000002'], 'cls', '2024-01-01'),
      doc('av', ['200000002'], 'avenant', '2024-02-01'),
      doc('r', ['200000002'], 'renouvellement', '2024-03-01'),
    ]);
    const c = createCoverageEngine(m).coverageAt('2024-02-15');
    expect(c.inForce.map((d) => d.id)).toEqual(['c1', 'av']);
    const c2 = createCoverageEngine(m).coverageAt('2024-04-01');
    expect(c2.inForce.map((d) => d.id)).toEqual(['r']);
    expect(c2.communes[3]!.documents).toEqual(['r']);
  });

  it('priority figures: full, partial, gap to the target, QPV population outside PRAPS', () => {
    const m = model(
      [doc('a', ['99001', '99002'], 'cls', '2024-01-01')],
      [prio('p1', ['200000001']), prio('q1', ['98005'], 'qpv', 40), prio('q2', ['99001'], 'qpv', 30)],
    );
    const e = createCoverageEngine(m);
    const p = coverageFigures(e.coverageAt('2024-06-30'), e).priority;
    // PRAPS E1 = 600 inhabitants, 300 covered; q1 outside PRAPS adds 40 (uncovered); q2 lies inside PRAPS communes.
    expect(p).toMatchObject({
      known: true,
      measure: 'praps-communes+qpv',
      population: 640,
      populationCovered: 300,
      gap: 180,
    });
    // PRAPS and QPV apart: never one ratio over 1 PRAPS + 2 QPV.
    expect(p.praps).toMatchObject({ count: 1, covered: 0, partlyCovered: 1, population: 600, populationCovered: 300 });
    expect(p.qpv).toMatchObject({ count: 2, covered: 1, partlyCovered: 0, withPopulation: 2, population: 70 });
    expect(p.qpv.share).toBeCloseTo(1 / 2);
  });

  it('departments add up to the region', () => {
    const m = model([doc('a', ['99001', '98004'], 'charte', '2024-01-01')]);
    const e = createCoverageEngine(m);
    const f = coverageFigures(e.coverageAt('2024-06-30'), e);
    expect(f.byDepartment.reduce((s, d) => s + d.coveredPopulation, 0)).toBe(f.covered.population);
    expect(f.byDepartment.reduce((s, d) => s + d.population, 0)).toBe(f.region.population);
  });
});

describe('coverage properties (fast-check)', () => {
  const codes = ['99001', '99002', '99003', '98004', '98005', '200000001', '200000002'];
  const dateArb = fc
    .integer({ min: 0, max: 364 })
    .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
  const docArb = fc.record({
    perimeter: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 3 }),
    docType: fc.constantFrom<DocType>('charte', 'cls', 'avenant', 'renouvellement'),
    signedOn: dateArb,
    ends: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  });
  const docsArb = fc.array(docArb, { maxLength: 8 }).map((ds) =>
    ds.map((d, i) => {
      const end =
        d.ends === null ? null : new Date(Date.parse(d.signedOn) + d.ends * 86_400_000).toISOString().slice(0, 10);
      return doc(`d${i}`, d.perimeter, d.docType, d.signedOn, end);
    }),
  );
  const covered = (docs: RegistryDocument[], date: string) => {
    const e = createCoverageEngine(model(docs));
    return coverageFigures(e.coverageAt(date), e);
  };
  const rank = { none: 0, charte: 1, cls: 2 } as const;

  it('adding a document never lowers any commune status', () => {
    fc.assert(
      fc.property(docsArb, docArb, dateArb, (docs, extra, date) => {
        const before = statusOf(model(docs), date);
        const after = statusOf(
          model([...docs, doc('extra', extra.perimeter, extra.docType, extra.signedOn, null)]),
          date,
        );
        return Object.keys(before).every((k) => rank[after[k]!] >= rank[before[k]!]);
      }),
    );
  });

  it('the same document twice changes nothing', () => {
    fc.assert(
      fc.property(docsArb, dateArb, (docs, date) => {
        fc.pre(docs.length > 0);
        expect(covered([...docs, docs[0]!], date)).toEqual(covered(docs, date));
      }),
    );
  });

  it('covered never exceeds total, and results do not depend on row order', () => {
    fc.assert(
      fc.property(docsArb, dateArb, (docs, date) => {
        const f = covered(docs, date);
        expect(f.covered.communes).toBeLessThanOrEqual(f.region.communes);
        expect(f.covered.population).toBeLessThanOrEqual(f.region.population);
        expect(f.priority.populationCovered).toBeLessThanOrEqual(f.priority.population);
        expect(covered([...docs].reverse(), date)).toEqual(f);
      }),
    );
  });

  it('plan: overlapping PRAPS territories count each commune once (cumulative share never above 100 %)', () => {
    // p1 and p2 overlap on the whole of E1; nothing is covered.
    const m = model([], [prio('p1', ['200000001']), prio('p2', ['200000001', '99001'])]);
    const plan = planToTarget(createCoverageEngine(m), '2024-06-30');
    expect(plan.population).toBe(600);
    expect(plan.steps.map((s) => s.addedPopulation)).toEqual([600]);
    expect(plan.steps[0]!.cumulativeShare).toBe(1);
    expect(plan.steps[0]!.territories).toEqual(['p1', 'p2']);
    expect(plan.smallestSetSize).toBe(1);
  });

  it('plan: a QPV spanning two EPCI counts only once both are taken', () => {
    const m = model([], [prio('q', ['99001', '98004'], 'qpv', 1000)]);
    const plan = planToTarget(createCoverageEngine(m), '2024-06-30');
    const total = plan.steps.reduce((s, x) => s + x.addedPopulation, 0);
    expect(total).toBe(1000);
    expect(plan.steps.at(-1)!.addedPopulation).toBe(1000);
    expect(plan.steps.length).toBe(2);
  });

  it('plan: an EPCI whose document has expired is a renewal candidate', () => {
    const m = model([doc('old', ['200000001'], 'cls', '2020-01-01', '2023-12-31')], [prio('p1', ['200000001'])]);
    const plan = planToTarget(createCoverageEngine(m), '2024-06-30');
    expect(plan.steps[0]!.renewal).toBe(true);
  });

  it('approaches: the EPCI holding the uncovered communes of a territory, most uncovered inhabitants first', () => {
    // E1 (A 100, B 200, C 300) and E2 (D 1000, E 50); A is covered.
    const t = prio('p', ['200000001', '98005']);
    const e = createCoverageEngine(model([doc('a', ['99001'], 'cls', '2024-01-01')], [t]));
    expect(approachesFor(e, e.coverageAt('2024-06-30'), t)).toEqual([
      { epci: '200000001', name: 'CC Un', uncoveredCommunes: 2, uncoveredPopulation: 500, departments: ['99'] },
      { epci: '200000002', name: 'CA Deux', uncoveredCommunes: 1, uncoveredPopulation: 50, departments: ['98'] },
    ]);
    // A department's part: only the EPCI holding its uncovered communes there.
    expect(approachesFor(e, e.coverageAt('2024-06-30'), t, { department: '98' }).map((a) => a.epci)).toEqual([
      '200000002',
    ]);
    const all = createCoverageEngine(model([doc('b', ['200000001', '200000002'], 'cls', '2024-01-01')], [t]));
    expect(approachesFor(all, all.coverageAt('2024-06-30'), t)).toEqual([]);
  });

  it('a region without priority territories has no gap and says why', () => {
    const e = createCoverageEngine(model([doc('a', ['99001'], 'cls', '2024-01-01')]));
    const p = coverageFigures(e.coverageAt('2024-06-30'), e).priority;
    expect(p.known).toBe(false);
    expect(p.gap).toBeNull();
    expect(p.notes[0]).toMatch(/aucun territoire prioritaire connu/);
    expect(planToTarget(e, '2024-06-30').smallestSetSize).toBeNull();
  });
});
