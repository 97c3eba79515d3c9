import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communeStates, createCoverageEngine, type CoverageModel } from './coverage.ts';
import { coverageSweep } from './coverage-sweep.ts';
import { timeline } from './timeline.ts';
import { coverageFigures } from './metrics.ts';
import { tinyReference } from './tiny-reference.fixture.ts';
import { doc } from './test-documents.fixture.ts';
import { DOC_TYPES, type RegistryDocument } from './types.ts';

const refs = new Map([2019, 2024].map((y) => [y, tinyReference(y)]));
const model = (documents: RegistryDocument[]): CoverageModel => ({
  documents,
  priority: [],
  referenceFor: (cog) => refs.get(cog)!,
  cogYears: [2019, 2024],
});
const PERIMETERS = [['200000001'], ['200000002'], ['99001'], ['99002', '98004'], ['99009'], ['75056'], []];
const day = (n: number) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Random registries on the tiny reference: any type, overlapping perimeters, ends, equal dates. */
const registry = fc.array(
  fc.record({
    perimeter: fc.constantFrom(...PERIMETERS),
    docType: fc.constantFrom(...DOC_TYPES),
    signed: fc.integer({ min: 0, max: 2500 }),
    length: fc.option(fc.integer({ min: 0, max: 1500 })),
  }),
  { maxLength: 25 },
);
const toDocs = (
  rows: Array<{ perimeter: string[]; docType: RegistryDocument['docType']; signed: number; length: number | null }>,
) =>
  rows.map((r, i) =>
    doc(`d${i}`, r.perimeter, r.docType, day(r.signed), r.length === null ? null : day(r.signed + r.length), {
      verified: i % 2 === 0,
      line: i + 2,
    }),
  );

describe('coverageSweep', () => {
  it('gives the coverage engine.coverageAt gives, at every date, for any registry', () => {
    fc.assert(
      fc.property(
        registry,
        fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 30 }),
        (rows, ds) => {
          const engine = createCoverageEngine(model(toDocs(rows)));
          const dates = [...new Set(ds.map(day))].sort();
          const swept = [...coverageSweep(engine, dates)];
          expect(swept.map((c) => c.asOf)).toEqual(dates);
          for (const c of swept) {
            const { state, ...direct } = engine.coverageAt(c.asOf);
            expect({ ...c, tally: undefined }).toEqual(direct); // the tally is checked through the figures
            expect(communeStates(c)).toEqual(state);
            expect(coverageFigures(c, engine)).toEqual(coverageFigures(direct, engine));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reuses the previous coverage when nothing happened in between, and changes on the day after an end', () => {
    const engine = createCoverageEngine(
      model(toDocs([{ perimeter: ['200000001'], docType: 'cls', signed: 400, length: 100 }])),
    );
    const [a, b, c, d] = [...coverageSweep(engine, [day(410), day(450), day(500), day(501)])];
    expect(b!.communes).toBe(a!.communes);
    expect(c!.communes).toBe(a!.communes); // the end date itself is still in force
    expect(d!.communes).not.toBe(c!.communes);
    expect(d!.communes[0]).toMatchObject({ status: 'none', expired: true, expiredDocuments: ['d0'] });
  });

  it('refuses dates out of order', () => {
    const engine = createCoverageEngine(model([]));
    expect(() => [...coverageSweep(engine, ['2020-01-02', '2020-01-01'])]).toThrow(/ordre croissant/);
  });

  it('timeline figures equal the figures of coverageAt at each date', () => {
    const docs = toDocs([
      { perimeter: ['200000001'], docType: 'charte', signed: 10, length: null },
      { perimeter: ['99001'], docType: 'cls', signed: 200, length: 400 },
      { perimeter: ['200000002'], docType: 'avenant', signed: 900, length: null },
    ]);
    const engine = createCoverageEngine(model(docs));
    const points = timeline(engine, { to: '2021-12-31' });
    expect(points.length).toBeGreaterThan(40);
    for (const p of points) expect(p.figures).toEqual(coverageFigures(engine.coverageAt(p.date), engine));
  });

  it('a month or year precision signature is not a signing day: it counts from the end of its period', () => {
    const docs = [
      doc('day', ['99001'], 'cls', '2020-03-17'),
      doc('month', ['99002'], 'cls', '2020-05-31', null, { signedPrecision: 'month' }),
      doc('year', ['99003'], 'cls', '2020-12-31', null, { signedPrecision: 'year' }),
    ];
    const points = timeline(createCoverageEngine(model(docs)), { to: '2020-12-31' });
    const at = (date: string) => points.find((p) => p.date === date)!;
    expect(points.filter((p) => p.kind !== 'month-end').map((p) => p.date)).toEqual(['2020-03-17']);
    expect(at('2020-03-17').signedThatDay).toEqual(['day']);
    expect([at('2020-05-31').kind, at('2020-05-31').signedInPeriod]).toEqual(['month-end', ['month']]);
    expect(at('2020-04-30').figures.covered.communes).toBe(1);
    expect(at('2020-05-31').figures.covered.communes).toBe(2);
    expect([at('2020-12-31').signedInPeriod, at('2020-12-31').figures.covered.communes]).toEqual([['year'], 3]);
  });
});
