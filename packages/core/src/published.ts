import { daysBetween, parseDate } from './dates.ts';
import { clipValue } from './diagnostics.ts';
import type { CoverageFigures } from './metrics.ts';
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
export const PUBLISHED_OPTIONAL = NUMBER_COLUMNS;

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
      line,
    });
  }
  return { accepted, rejectedLines, diagnostics };
}

export interface PublishedComparison {
  published: PublishedFigure;
  /** One line per figure present in both: what it is, the published value, the computed one. */
  rows: Array<{ label: string; published: number; computed: number; kind: 'count' | 'share' | 'population' }>;
}

/**
 * The published figures within `withinDays` (default 62, two months) of the figures' date, for the
 * region or one of its departments, each set beside the value computed the same way.
 */
export function compareWithPublished(
  f: CoverageFigures,
  published: readonly PublishedFigure[],
  options: { withinDays?: number } = {},
): PublishedComparison[] {
  const within = options.withinDays ?? 62;
  const out: PublishedComparison[] = [];
  for (const p of published) {
    if (Math.abs(daysBetween(p.date, f.asOf)) > within) continue;
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
    if (rows.length) out.push({ published: p, rows });
  }
  return out;
}
