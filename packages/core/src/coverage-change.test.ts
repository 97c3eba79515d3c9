import { describe, expect, it } from 'vitest';
import { CHANGE_CLASSES, coverageChange } from './coverage-change.ts';
import { createCoverageEngine } from './coverage.ts';
import { CHANGING_2024, doc } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';
import type { Reference } from './types.ts';

const documents = CHANGING_2024;
const ref = tinyReference(2024);
const engine = createCoverageEngine({ documents, priority: [], referenceFor: () => ref, cogYears: [2024] });
const classOf = (classes: Uint8Array) =>
  Object.fromEntries(ref.communes.map((c, i) => [c.code, CHANGE_CLASSES[classes[i]!]]));

describe('coverageChange', () => {
  const change = coverageChange(engine.coverageAt('2024-03-15'), engine.coverageAt('2024-10-01'));

  it('classes each commune: newly covered, no longer covered, covered at both dates', () => {
    expect(classOf(change.classes)).toEqual({
      '99001': 'kept',
      '99002': 'kept',
      '99003': 'kept',
      '98004': 'lost',
      '98005': 'gained',
    });
    expect(change).toMatchObject({ from: '2024-03-15', to: '2024-10-01', cog: 2024, department: null });
  });

  it('counts communes and inhabitants of each class, and the chartes that became a CLS', () => {
    expect(change.counts).toEqual({
      gained: { count: 1, population: 50 },
      lost: { count: 1, population: 1000 },
      kept: { count: 3, population: 600 },
      never: { count: 0, population: 0 },
    });
    expect(change.upgraded).toEqual({ count: 3, population: 600 });
  });

  it('counts one department, classes every commune', () => {
    const d = coverageChange(engine.coverageAt('2024-03-15'), engine.coverageAt('2024-10-01'), { department: '98' });
    expect(d.counts.kept).toEqual({ count: 0, population: 0 });
    expect(d.counts.lost.count + d.counts.gained.count).toBe(2);
    expect(d.classes).toEqual(change.classes);
  });

  it('the same date twice: nothing gained or lost', () => {
    const same = coverageChange(engine.coverageAt('2024-10-01'), engine.coverageAt('2024-10-01'));
    expect(same.counts.gained.count + same.counts.lost.count).toBe(0);
    expect(same.counts.kept.count).toBe(4);
  });
});

describe('coverageChange across a commune merger', () => {
  // COG 2023: 99009 is a commune of its own; COG 2024: it merged into 99001 (tiny reference).
  const ref2023: Reference = (() => {
    const r = tinyReference(2023);
    const communes = [
      ...r.communes,
      { code: '99009', name: 'Z', department: '99', region: '99', population: 40, epci: '200000001' },
    ];
    const regionOfCode = new Map([...r.regionOfCode, ['99009', '99']]);
    return { ...r, communes, successions: {}, regionOfCode };
  })();
  const refs = new Map([
    [2023, ref2023],
    [2024, tinyReference(2024)],
  ]);
  const e = createCoverageEngine({
    documents: [doc('cls-z', ['99009'], 'cls', '2023-03-01', '2024-03-01')],
    priority: [],
    referenceFor: (cog) => refs.get(cog)!,
    cogYears: [2023, 2024],
  });

  it('refuses two dates read in different geographies (communes would be compared with others)', () => {
    expect(() => coverageChange(e.coverageAt('2023-06-30'), e.coverageAt('2024-06-30'))).toThrow(
      /2023-06-30 lu au COG 2023, 2024-06-30 au COG 2024/,
    );
  });

  it('reads the earlier date in the later geography: the merged commune counts in its successor', () => {
    const before = e.coverageAt('2023-06-30', { cog: 2024 });
    expect(before).toMatchObject({ cog: 2024, cogExact: false });
    const c = coverageChange(before, e.coverageAt('2024-06-30'));
    expect(c.counts.lost).toEqual({ count: 1, population: 100 });
    expect(classOf(c.classes)['99001']).toBe('lost');
  });

  it('refuses a COG year the model does not have', () => {
    expect(() => e.coverageAt('2023-06-30', { cog: 2019 })).toThrow(/millésime COG 2019 non chargé/);
  });
});
