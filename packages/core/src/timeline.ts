import { monthEnds, today } from './dates.ts';
import type { CoverageEngine } from './coverage.ts';
import { coverageFigures, type CoverageFigures, type FiguresOptions } from './metrics.ts';
import type { IsoDate } from './types.ts';

export interface TimelineOptions extends FiguresOptions {
  /** First date (default: the first signature). */
  from?: IsoDate;
  /** Last date (default: today). */
  to?: IsoDate;
}

export interface TimelinePoint {
  date: IsoDate;
  /** Why this date is in the timeline. */
  kind: 'signature' | 'month-end' | 'both';
  /** Documents signed on that date. */
  signedThatDay: string[];
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
    if (d.signedOn < from || d.signedOn > to) continue;
    kinds.set(d.signedOn, kinds.has(d.signedOn) && kinds.get(d.signedOn) !== 'signature' ? 'both' : 'signature');
  }
  return [...kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, kind]) => ({ date, kind }));
}

/**
 * The figures at every signing date and every month end, from the first document to today.
 * @example timeline(engine).at(-1)?.figures.covered.population
 */
export function timeline(engine: CoverageEngine, options: TimelineOptions = {}): TimelinePoint[] {
  return timelineDates(engine, options).map(({ date, kind }) => ({
    date,
    kind,
    signedThatDay: engine.documents.filter((d) => d.signedOn === date).map((d) => d.id),
    figures: coverageFigures(engine.coverageAt(date), engine, options),
  }));
}
