import { monthEnds, today } from './dates.ts';
import type { Coverage, CoverageEngine } from './coverage.ts';
import { coverageSweep } from './coverage-sweep.ts';
import { coverageFigures, priorityInForce, type CoverageFigures, type FiguresOptions } from './metrics.ts';
import type { IsoDate } from './types.ts';

export interface TimelineOptions extends FiguresOptions {
  /** First date (default: the first signature). */
  from?: IsoDate;
  /** Last date (default: today). */
  to?: IsoDate;
}

export interface TimelinePoint {
  date: IsoDate;
  /** Why this date is in the timeline ("signature": a document signed on that very day). */
  kind: 'signature' | 'month-end' | 'both';
  /** Documents signed on that date (day precision). */
  signedThatDay: string[];
  /**
   * Documents whose signing month or year ends on that date (month or year precision: the day is not
   * known, they count from here).
   */
  signedInPeriod: string[];
  figures: CoverageFigures;
}

/** The dates of a timeline: every signing date and every month end, from the first document to `to`. */
export function timelineDates(
  engine: CoverageEngine,
  options: TimelineOptions = {},
): Array<{ date: IsoDate; kind: TimelinePoint['kind'] }> {
  const docs = engine.documents;
  if (docs.length === 0) return [];
  const from = options.from ?? docs[0]!.signedOn;
  const to = options.to ?? today();
  const kinds = new Map<IsoDate, TimelinePoint['kind']>();
  for (const d of monthEnds(from, to)) if (d >= from && d <= to) kinds.set(d, 'month-end');
  for (const d of docs) {
    // A month or a year counts from its last day, which is a month end: not a signing day.
    if (d.signedOn < from || d.signedOn > to || d.signedPrecision !== 'day') continue;
    kinds.set(d.signedOn, kinds.has(d.signedOn) && kinds.get(d.signedOn) !== 'signature' ? 'both' : 'signature');
  }
  return [...kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, kind]) => ({ date, kind }));
}

/**
 * The figures at every signing date and every month end, from the first document to today. The
 * coverage is swept incrementally (see coverageSweep), and a date where neither the coverage nor the
 * priority territories in force changed reuses the previous figures.
 * @example timeline(engine).at(-1)?.figures.covered.population
 */
export function timeline(engine: CoverageEngine, options: TimelineOptions = {}): TimelinePoint[] {
  return [...timelinePoints(engine, options)];
}

/**
 * The points of `timeline`, one at a time: a page can draw between them (a 50,000-document registry
 * takes seconds to sweep).
 * @example for (const p of timelinePoints(engine)) if (p.kind !== 'month-end') console.log(p.date)
 */
export function* timelinePoints(engine: CoverageEngine, options: TimelineOptions = {}): Generator<TimelinePoint> {
  const dates = timelineDates(engine, options);
  const signedOn = new Map<IsoDate, string[]>();
  const signedInPeriod = new Map<IsoDate, string[]>();
  for (const d of engine.documents) {
    const byDate = d.signedPrecision === 'day' ? signedOn : signedInPeriod;
    const list = byDate.get(d.signedOn);
    if (list) list.push(d.id);
    else byDate.set(d.signedOn, [d.id]);
  }
  const priority = engine.model.priority;
  let previous: { coverage: Coverage; priorityKey: string; figures: CoverageFigures } | null = null;
  let k = 0;
  for (const coverage of coverageSweep(
    engine,
    dates.map((d) => d.date),
  )) {
    const { date, kind } = dates[k++]!;
    const priorityKey = priority.map((t) => (priorityInForce(t, date) ? 1 : 0)).join('');
    const same: boolean =
      !!previous &&
      previous.coverage.communes === coverage.communes &&
      coverage.tally !== undefined &&
      previous.coverage.tally === coverage.tally &&
      previous.priorityKey === priorityKey;
    const figures: CoverageFigures = same
      ? { ...previous!.figures, asOf: date, cogExact: coverage.cogExact }
      : coverageFigures(coverage, engine, options);
    previous = { coverage, priorityKey, figures };
    yield {
      date,
      kind,
      signedThatDay: signedOn.get(date) ?? [],
      signedInPeriod: signedInPeriod.get(date) ?? [],
      figures,
    };
  }
}
