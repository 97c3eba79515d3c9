import { type CoverageEngine, type CoverageModel, createCoverageEngine } from './coverage.ts';
import { daysBetween, parseDate } from './dates.ts';
import { clipValue } from './diagnostics.ts';
import { type CoverageFigures, coverageFigures } from './metrics.ts';
import type { RawRow, ValidationResult } from './registry.ts';
import { sourceUrlProblem } from './source-url.ts';
import type { Diagnostic, IsoDate } from './types.ts';

export const PUBLISHED_COLUMNS = ['id', 'date', 'date_note', 'scope', 'source_url', 'quote'] as const;
const NUMBER_COLUMNS = [
  'cls',
  'chartes',
  'epci',
  'communes',
  'population',
  'population_share',
  'priority_share',
  'qpv_count',
  'qpv_population',
] as const;
export const PUBLISHED_OPTIONAL = [...NUMBER_COLUMNS, 'generation_min', 'publisher'] as const;

/** A figure published by the ARS, a partner or INSEE, with its source: shown beside the computed one. */
export interface PublishedFigure {
  id: string;
  /** Date the figure describes (a page saying "mi-2019" is dated 2019-06-30, explained in dateNote). */
  date: IsoDate;
  dateNote: string;
  /** "32" (the region) or a department code ("62"). */
  scope: string;
  sourceUrl: string;
  /** Who published it ("ARS Hauts-de-France", "Radio 6, citant l'ARS"); the source's host when not given. */
  publisher: string;
  quote: string;
  values: Partial<Record<(typeof NUMBER_COLUMNS)[number], number>>;
  /**
   * The published figure counts only documents of this generation or later (the ARS's mid-2019 figure
   * counts its second-generation deployment); null when it counts every document.
   */
  minGeneration: number | null;
  line: number;
}

/** Validates the rows of `published-figures.csv`: every row has a date, a scope, a source and at least one figure. */
export function validatePublishedFigures(rows: readonly RawRow[], file: string): ValidationResult<PublishedFigure> {
  const diagnostics: Diagnostic[] = [];
  const accepted: PublishedFigure[] = [];
  const rejectedLines: number[] = [];
  for (const { line, values: v } of rows) {
    const errors: Diagnostic[] = [];
    const say = (field: string, message: string) => errors.push({ severity: 'error', file, line, field, message });
    const d = parseDate(v.date ?? '');
    if (!d) say('date', `date « ${clipValue(v.date ?? '')} » illisible`);
    if (!/^(\d{2}|2[AB]|\d{3})$/.test(v.scope ?? ''))
      say('scope', `périmètre « ${clipValue(v.scope ?? '')} » : code de région ou de département attendu`);
    const url = sourceUrlProblem(v.source_url ?? '');
    if (url) say('source_url', url);
    const values: PublishedFigure['values'] = {};
    for (const c of NUMBER_COLUMNS) {
      const raw = (v[c] ?? '').replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
      if (raw === '') continue;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) say(c, `« ${clipValue(v[c] ?? '')} » : un nombre est attendu`);
      else values[c] = n;
    }
    if (Object.keys(values).length === 0) say('quote', 'aucun chiffre sur la ligne');
    const generation = (v.generation_min ?? '').trim();
    if (generation !== '' && !/^[1-9]$/.test(generation))
      say('generation_min', `« ${clipValue(generation)} » : numéro de génération attendu (1, 2, 3…)`);
    diagnostics.push(...errors);
    if (errors.length) {
      rejectedLines.push(line);
      continue;
    }
    accepted.push({
      id: v.id ?? '',
      date: d!.date,
      dateNote: v.date_note ?? '',
      scope: v.scope!,
      sourceUrl: v.source_url!,
      publisher: (v.publisher ?? '').trim() || new URL(v.source_url!).hostname,
      quote: v.quote ?? '',
      values,
      minGeneration: generation === '' ? null : Number(generation),
      line,
    });
  }
  return { accepted, rejectedLines, diagnostics };
}

/**
 * How a published measure relates to what the registry computes: `same`, the same definition (a count
 * of documents, communes, inhabitants, a population share); `unpublished`, the publication does not say
 * what it measures ("40 % des territoires identifiés comme prioritaires"): quoted, never recomputed.
 */
export type MeasureDefinition = 'same' | 'unpublished';

/** One published figure set beside the registry's value for the same measure. */
export interface ComparedFigure {
  /** Column of `published-figures.csv` the figure comes from. */
  measure: (typeof NUMBER_COLUMNS)[number];
  label: string;
  kind: 'count' | 'share' | 'population';
  definition: MeasureDefinition;
  published: number;
  /** What the registry gives for the same measure; null when the definition is not published. */
  computed: number | null;
  /** computed − published (a share in points of 1: 0.05 is 5 points); null when not recomputed. */
  gap: number | null;
}

export interface PublishedComparison {
  published: PublishedFigure;
  /** "région 32" or "département 62". */
  scopeLabel: string;
  /** What the computed side counts, when not the whole registry at that date (or when it should not be). */
  counted: string | null;
  rows: ComparedFigure[];
}

const generationEngines = new WeakMap<CoverageModel, Map<number, CoverageEngine>>();

/**
 * The engine of a model's documents of generation `min` or later (or unknown), built once per model:
 * the page asks it at every step of the slider near a published date.
 */
function generationEngine(model: CoverageModel, min: number): CoverageEngine {
  let byMin = generationEngines.get(model);
  if (!byMin) generationEngines.set(model, (byMin = new Map()));
  let engine = byMin.get(min);
  if (!engine) {
    const documents = model.documents.filter((d) => d.generation === null || d.generation >= min);
    engine = createCoverageEngine({ ...model, documents });
    byMin.set(min, engine);
  }
  return engine;
}

/** `1re`, `2e`, `3e`… */
const ordinal = (n: number) => (n === 1 ? '1re' : `${n}e`);

/**
 * The published figures within `withinDays` (default 62, two months) of the figures' date for the
 * scope shown: the region's and its departments' for region figures, only the department's for the
 * figures of one department. Each is set beside the value computed the same way; a figure whose
 * definition is not published is quoted, not recomputed. With `model`, a figure that counts only
 * documents of a generation or later is compared with those documents (and those of unknown
 * generation); without it, the comparison says it mixes them.
 * @example compareWithPublished(figures, registry.published, { model })[0].rows[0].gap // −1
 */
export function compareWithPublished(
  figures: CoverageFigures,
  published: readonly PublishedFigure[],
  options: { withinDays?: number; model?: CoverageModel } = {},
): PublishedComparison[] {
  const within = options.withinDays ?? 62;
  const out: PublishedComparison[] = [];
  const byGeneration = new Map<number, CoverageFigures>();
  const figuresFrom = (min: number) => {
    let g = byGeneration.get(min);
    if (!g) {
      const engine = generationEngine(options.model!, min);
      g = coverageFigures(engine.coverageAt(figures.asOf), engine, {
        target: figures.priority.target,
        department: figures.department,
      });
      byGeneration.set(min, g);
    }
    return g;
  };
  for (const p of published) {
    if (Math.abs(daysBetween(p.date, figures.asOf)) > within) continue;
    // The figures of a department are compared with that department's statements only.
    const regionScope = figures.department === null && p.scope === figures.region.code;
    const inScope =
      figures.department !== null
        ? p.scope === figures.department
        : regionScope || figures.byDepartment.some((d) => d.code === p.scope);
    if (!inScope) continue;
    const min = p.minGeneration;
    const f = min !== null && options.model ? figuresFrom(min) : figures;
    const counted =
      min === null
        ? null
        : options.model
          ? `calculé sur les documents de ${ordinal(min)} génération ou suivante (ou non renseignée), comme le chiffre publié`
          : `calculé sur tout le registre, alors que le chiffre publié ne compte que la ${ordinal(min)} génération et suivantes`;
    const rows: ComparedFigure[] = [];
    const v = p.values;
    const push = (
      measure: ComparedFigure['measure'],
      label: string,
      computed: number | null,
      kind: ComparedFigure['kind'],
    ) => {
      const pub = v[measure];
      if (pub === undefined) return;
      const definition: MeasureDefinition = computed === null ? 'unpublished' : 'same';
      rows.push({
        measure,
        label,
        kind,
        definition,
        published: pub,
        computed,
        gap: computed === null ? null : computed - pub,
      });
    };
    if (regionScope) {
      push('cls', 'CLS en vigueur', f.documents.cls + f.documents.renouvellement, 'count');
      push('chartes', "chartes d'engagement en vigueur", f.documents.charte, 'count');
      push('communes', 'communes couvertes', f.covered.communes, 'count');
      push('population', 'habitants couverts', f.covered.population, 'population');
      push('population_share', 'part de la population couverte', f.covered.populationShare, 'share');
      // "40 % des territoires identifiés comme prioritaires": which territories, counted how, is not published.
      push('priority_share', 'part des territoires identifiés comme prioritaires', null, 'share');
      push('qpv_count', 'QPV en vigueur', f.priority.qpv.count, 'count');
    } else {
      const dep = f.byDepartment.find((d) => d.code === p.scope);
      if (!dep) continue;
      const epci = f.byEpci.filter((e) => e.clsCommunes > 0 && e.department === p.scope).length;
      push('epci', `EPCI du ${p.scope} signataires d'un CLS`, epci, 'count');
      push(
        'population_share',
        `part de la population du ${p.scope} couverte`,
        dep.population ? dep.coveredPopulation / dep.population : 0,
        'share',
      );
    }
    if (rows.length)
      out.push({
        published: p,
        scopeLabel: regionScope ? `région ${p.scope}` : `département ${p.scope}`,
        counted,
        rows,
      });
  }
  return out;
}
