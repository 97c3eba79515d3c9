import { describe, expect, it } from 'vitest';
import { type CoverageModel, createCoverageEngine } from './coverage.ts';
import { readTypedDate } from './dates.ts';
import { coverageFigures } from './metrics.ts';
import { openEndedDocuments, withAssumedDuration } from './open-ended.ts';
import { compareWithPublished, type PublishedFigure } from './published.ts';
import { validateDocuments } from './registry.ts';
import {
  caveatLines,
  comparedFigureText,
  figuresSentence,
  gapSentence,
  projectionNote,
  territoryCount,
  territoryLines,
} from './report.ts';
import { sourceUrlProblem } from './source-url.ts';
import { doc, territory } from './test-documents.fixture.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

/** The page and every output tell the whole truth: measures that compare, parts called parts, open ends said. */
const model = (documents: CoverageModel['documents'], priority: CoverageModel['priority'] = []): CoverageModel => ({
  documents,
  priority,
  referenceFor: tinyReference,
  cogYears: [2024],
});
const published = (scope: string, values: PublishedFigure['values']): PublishedFigure => ({
  id: `p${scope}`,
  date: '2024-06-30',
  dateNote: '',
  scope,
  sourceUrl: 'https://example.org',
  publisher: 'ARS test',
  quote: 'q',
  values,
  minGeneration: null,
  line: 2,
});

describe('measures that can be compared', () => {
  it('a count of territories carries no share below five territories (0, 50 or 100 % of two is not a measure)', () => {
    expect(territoryCount(0, 2)).toBe('0 sur 2');
    expect(territoryCount(1, 4)).toBe('1 sur 4');
    expect(territoryCount(1, 5)).toBe('1 sur 5 (20\u00a0%)');
  });

  it('the sentence uses the target’s own measure, the covered share of the priority population', () => {
    // PRAPS territory of A (100) and B (200): A covered → 33,3 %.
    const e = createCoverageEngine(
      model([doc('a', ['99001'], 'cls', '2024-01-01')], [territory('t', ['99001', '99002'])]),
    );
    const f = coverageFigures(e.coverageAt('2024-06-30'), e);
    expect(figuresSentence(f)).toBe(
      "Au 30/06/2024, 1 CLS et 0 charte d'engagement en vigueur, couvrant 1 commune et 100 habitants ; " +
        '33,3\u00a0% de la population des communes PRAPS est couverte (objectif 75\u00a0%).',
    );
    expect(territoryLines(f)).toEqual(['Territoires PRAPS entièrement couverts : 0 sur 1, 1 en partie']);
    expect(gapSentence(f)).toBe(
      'Au 30/06/2024, il manque 125 habitants pour atteindre 75\u00a0% (33,3\u00a0% couverts à cette date).',
    );
  });

  it('a published share of "territories identified as priority" is quoted, never set against a number', () => {
    const e = createCoverageEngine(model([doc('a', ['99001'], 'cls', '2024-01-01')], [territory('t', ['99001'])]));
    const f = coverageFigures(e.coverageAt('2024-06-30'), e);
    const [c] = compareWithPublished(f, [published('99', { priority_share: 0.4, communes: 1 })]);
    const share = c!.rows.find((r) => r.measure === 'priority_share')!;
    expect(share).toMatchObject({ definition: 'unpublished', computed: null, gap: null });
    expect(comparedFigureText(share)).toBe(
      'part des territoires identifiés comme prioritaires : publié 40,0\u00a0% — définition non publiée : non recalculé',
    );
    expect(c!.rows.find((r) => r.measure === 'communes')).toMatchObject({ definition: 'same', computed: 1, gap: 0 });
  });

  it('a department’s figures are compared with that department’s statements only, region figures with all', () => {
    const e = createCoverageEngine(model([doc('a', ['200000002'], 'cls', '2024-01-01')]));
    const all = [published('99', { communes: 2 }), published('98', { population_share: 0.5 })];
    const region = coverageFigures(e.coverageAt('2024-06-30'), e);
    expect(compareWithPublished(region, all).map((c) => c.scopeLabel)).toEqual(['région 99', 'département 98']);
    const d98 = coverageFigures(e.coverageAt('2024-06-30'), e, { department: '98' });
    const only = compareWithPublished(d98, all);
    expect(only.map((c) => c.scopeLabel)).toEqual(['département 98']);
    expect(only[0]!.rows[0]).toMatchObject({ published: 0.5, computed: 1, gap: 0.5 });
    // Region "99" of the test reference also has a department "99": its statement is the department's there.
    const d99 = coverageFigures(e.coverageAt('2024-06-30'), e, { department: '99' });
    expect(compareWithPublished(d99, [published('98', { population_share: 0.5 })])).toEqual([]);
  });
});

describe('a department’s part is called a part', () => {
  it('each territory gives the department’s part and the whole territory’s state', () => {
    // Territory over A, B (dep 99) and D (dep 98); A and B covered.
    const e = createCoverageEngine(
      model([doc('a', ['99001', '99002'], 'cls', '2024-01-01')], [territory('t', ['99001', '99002', '98004'])]),
    );
    const f = coverageFigures(e.coverageAt('2024-06-30'), e, { department: '99' });
    const [t] = f.priority.details;
    expect(t).toMatchObject({ communes: 2, coveredCommunes: 2, state: 'full' });
    expect(t!.whole).toEqual({ communes: 3, coveredCommunes: 2, state: 'partial' });
    expect(territoryLines(f)[0]).toBe(
      'Territoires PRAPS dont la partie Département 99 est entièrement couverte : 1 sur 1',
    );
    expect(coverageFigures(e.coverageAt('2024-06-30'), e).priority.details[0]!.whole).toBeNull();
  });
});

describe('documents without an end date', () => {
  const docs = [
    doc('old', ['99001'], 'cls', '2015-03-01'),
    doc('ended', ['99002'], 'cls', '2015-03-01', '2030-01-01'),
    doc('recent', ['98004'], 'cls', '2022-03-01'),
  ];
  it('counts those in force for more than five years with no known end, with their population', () => {
    const e = createCoverageEngine(model(docs));
    const o = openEndedDocuments(e.coverageAt('2024-06-30'), e);
    expect(o.documents.map((d) => d.id)).toEqual(['old']);
    expect(o.population).toBe(100);
    expect(openEndedDocuments(e.coverageAt('2020-02-28'), e).documents).toEqual([]);
    expect(openEndedDocuments(e.coverageAt('2024-06-30'), e, { department: '98' }).documents).toEqual([]);
  });

  it('an assumed duration ends them, is stated in every output, and is off by default', () => {
    const m = withAssumedDuration(model(docs), 6);
    expect(m.documents.find((d) => d.id === 'old')).toMatchObject({ endsOn: '2021-02-28', assumedEnd: true });
    expect(m.documents.find((d) => d.id === 'ended')!.endsOn).toBe('2030-01-01');
    const e = createCoverageEngine(m);
    const f = coverageFigures(e.coverageAt('2024-06-30'), e);
    expect(f.covered.communes).toBe(2); // B (ended 2030) and D; A's CLS is assumed over
    expect(caveatLines(f, { model: m }).join(' ')).toMatch(/durée supposée appliquée : les 2 documents/i);
    expect(caveatLines(f, { model: model(docs) })).toEqual([]);
    expect(() => withAssumedDuration(model(docs), 0)).toThrow(/entre 1 et 20/);
  });
});

describe('dates', () => {
  it('a date after today is a projection', () => {
    expect(projectionNote('2027-01-01', '2026-12-05')).toMatch(/^Projection : .*documents connus à ce jour/);
    expect(projectionNote('2026-12-05', '2026-12-05')).toBeNull();
  });

  it('reads what a French user types, or refuses it with a message (bug: "30062019" gave 01/03/2019)', () => {
    expect(readTypedDate('30062019')).toEqual({ date: '2019-06-30' });
    expect(readTypedDate('30/06/2019')).toEqual({ date: '2019-06-30' });
    expect(readTypedDate('3.6.2019')).toEqual({ date: '2019-06-03' });
    expect(readTypedDate('2019-06-30')).toEqual({ date: '2019-06-30' });
    expect(readTypedDate('31/02/2019')).toEqual({ error: 'le 31/02/2019 n’existe pas' });
    expect(readTypedDate('0001-01-01')).toMatchObject({ error: expect.stringMatching(/année entre 2000 et 2100/) });
    expect(readTypedDate('juin 2019')).toMatchObject({ error: expect.stringMatching(/jj\/mm\/aaaa/) });
  });
});

describe('registry rows that looked fine', () => {
  it('one URL rule, the browser’s parser: what it cannot parse is refused, any scheme case is read', () => {
    for (const bad of ['http://example.org:99999/', 'https://[x]/', 'https://exa\u202emple.org/', 'ftp://x.org', 'x'])
      expect(sourceUrlProblem(bad), bad).not.toBeNull();
    expect(sourceUrlProblem('HTTPS://example.org/a')).toBeNull();
  });

  it('ids that look the same (zero-width space, NFD, case) are one id: the second is refused', () => {
    const row = (line: number, id: string) => ({
      line,
      values: {
        id,
        territory: 'A',
        perimeter: '99001',
        doc_type: 'cls',
        signed_on: '2024-01-01',
        verified: 'yes',
        source_url: 'https://example.org',
        evidence: 'q',
      },
    });
    const r = validateDocuments(
      [row(2, 'crème'), row(3, 'cre\u0300me'), row(4, 'CRÈME'), row(5, 'crème\u200b')],
      'f.csv',
      { referenceFor: tinyReference, cogYears: [2024], today: '2026-01-01' },
    );
    expect(r.accepted.map((d) => d.id)).toEqual(['crème']);
    expect(r.rejectedLines).toEqual([3, 4, 5]);
  });

  it('a document signed "2019" that ends on 30/06/2019 is kept, with a warning that it never counts', () => {
    const r = validateDocuments(
      [
        {
          line: 2,
          values: {
            id: 'y',
            territory: 'A',
            perimeter: '99001',
            doc_type: 'cls',
            signed_on: '2019',
            ends_on: '30/06/2019',
            verified: 'yes',
            source_url: 'https://example.org',
            evidence: 'q',
          },
        },
      ],
      'f.csv',
      { referenceFor: tinyReference, cogYears: [2024], today: '2026-01-01' },
    );
    expect(r.rejectedLines).toEqual([]);
    expect(r.diagnostics.some((d) => d.field === 'ends_on' && d.severity === 'warning')).toBe(true);
  });
});

describe('Markdown tables', () => {
  it('a line break in a label stays in its row (bug: it broke the table)', async () => {
    const { renderPlan } = await import('./report.ts');
    const md = renderPlan(
      {
        asOf: '2024-06-30',
        known: true,
        gap: 10,
        target: 0.75,
        population: 100,
        populationCovered: 65,
        share: 0.65,
        measureLabel: 'population des communes PRAPS',
        smallestSetSize: 1,
        notes: [],
        steps: [
          {
            rank: 1,
            epci: '200000001',
            name: 'CC\nUn | Deux',
            territories: ['T'],
            addedPopulation: 10,
            cumulativePopulation: 75,
            cumulativeShare: 0.75,
            reachesTarget: true,
            renewal: false,
          },
        ],
      } as never,
      'md',
    );
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain('CC Un \\| Deux (200000001)');
  });
});

describe('the target is the region’s', () => {
  it('a department past 75 % is never said to reach the target; its gap is said to be its own', () => {
    // PRAPS territory over A (100, dep 99) and D (1000, dep 98); D covered.
    const e = createCoverageEngine(
      model([doc('d', ['98004'], 'cls', '2024-01-01')], [territory('t', ['99001', '98004'])]),
    );
    const d98 = coverageFigures(e.coverageAt('2024-06-30'), e, { department: '98' });
    expect(gapSentence(d98)).toBe(
      "Au 30/06/2024, dans Département 98, 100,0\u00a0% couverts, au-delà des 75\u00a0% de l'objectif régional.",
    );
    expect(gapSentence(d98)).not.toMatch(/atteint/);
    const d99 = coverageFigures(e.coverageAt('2024-06-30'), e, { department: '99' });
    expect(gapSentence(d99)).toMatch(/dans Département 99, il manque 75 habitants pour y atteindre 75\u00a0%/);
  });
});
