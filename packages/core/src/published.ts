import { type CoverageModel, createCoverageEngine } from './coverage.ts';
import { daysBetween, parseDate } from './dates.ts';
import { clipValue } from './diagnostics.ts';
import { type CoverageFigures, coverageFigures } from './metrics.ts';
import type { RawRow, ValidationResult } from './registry.ts';
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
export const PUBLISHED_OPTIONAL = [...NUMBER_COLUMNS, 'generation_min'] as const;

/** A figure published by the ARS, a partner or INSEE, with its source: shown beside the computed one. */
export interface PublishedFigure {
  id: string;
  /** Date the figure describes (a page saying "mi-2019" is dated 2019-06-30, explained in dateNote). */
  date: IsoDate;
  dateNote: string;
  /** "32" (the region) or a department code ("62"). */
  scope: string;
  sourceUrl: string;
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
    if (!/^https?:\/\/\S+$/.test(v.source_url ?? '')) say('source_url', 'source manquante ou invalide');
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
      quote: v.quote ?? '',
      values,
      minGeneration: generation === '' ? null : Number(generation),
      line,
    });
  }
  return { accepted, rejectedLines, diagnostics };
}

export interface PublishedComparison {
  published: PublishedFigure;
  /** What the computed side counts, when not the whole registry at that date (or when it should not be). */
  counted: string | null;
  /** One line per figure present in both: what it is, the published value, the computed one. */
  rows: Array<{ label: string; published: number; computed: number; kind: 'count' | 'share' | 'population' }>;
}

/** `1re`, `2e`, `3e`… */
const ordinal = (n: number) => (n === 1 ? '1re' : `${n}e`);

/**
 * The published figures within `withinDays` (default 62, two months) of the figures' date, for the
 * region or one of its departments, each set beside the value computed the same way. With `model`,
 * a figure that counts only documents of a generation or later is compared with the figures of those
 * documents (and of documents of unknown generation); without it, the comparison says it mixes them.
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
      const model = options.model!;
      const documents = model.documents.filter((d) => d.generation === null || d.generation >= min);
      const engine = createCoverageEngine({ ...model, documents });
      g = coverageFigures(engine.coverageAt(figures.asOf), engine, { target: figures.priority.target });
      byGeneration.set(min, g);
    }
    return g;
  };
  for (const p of published) {
    if (Math.abs(daysBetween(p.date, figures.asOf)) > within) continue;
    const min = p.minGeneration;
    const f = min !== null && options.model ? figuresFrom(min) : figures;
    const counted =
      min === null
        ? null
        : options.model
          ? `calculé sur les documents de ${ordinal(min)} génération ou suivante (ou non renseignée), comme le chiffre publié`
          : `calculé sur tout le registre, alors que le chiffre publié ne compte que la ${ordinal(min)} génération et suivantes`;
    const rows: PublishedComparison['rows'] = [];
    const v = p.values;
    const push = (label: string, pub: number | undefined, computed: number, kind: 'count' | 'share' | 'population') => {
      if (pub !== undefined) rows.push({ label, published: pub, computed, kind });
    };
    if (p.scope === f.region.code) {
      push('CLS en vigueur', v.cls, f.documents.cls + f.documents.renouvellement, 'count');
      push("chartes d'engagement en vigueur", v.chartes, f.documents.charte, 'count');
      push('communes couvertes', v.communes, f.covered.communes, 'count');
      push('habitants couverts', v.population, f.covered.population, 'population');
      push('part de la population couverte', v.population_share, f.covered.populationShare, 'share');
      push('part des territoires PRAPS entièrement couverts', v.priority_share, f.priority.praps.share, 'share');
      push('QPV en vigueur', v.qpv_count, f.priority.qpv.count, 'count');
    } else {
      const dep = f.byDepartment.find((d) => d.code === p.scope);
      if (!dep) continue;
      const epci = f.byEpci.filter((e) => e.clsCommunes > 0 && e.department === p.scope).length;
      push(`EPCI du ${p.scope} signataires d'un CLS`, v.epci, epci, 'count');
      push(
        `part de la population du ${p.scope} couverte`,
        v.population_share,
        dep.population ? dep.coveredPopulation / dep.population : 0,
        'share',
      );
    }
    if (rows.length) out.push({ published: p, counted, rows });
  }
  return out;
}
