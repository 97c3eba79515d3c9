import { classCounts, statusCounts, type ClassCount } from '@cls/core';
import type { Snapshot } from './context.ts';
import { frDate } from './dom.ts';
import { CHANGE_COLORS, CHANGE_LABELS, CLASS_COLORS, CLASS_LABELS, STATUS_COLORS, STATUS_LABELS } from './palette.ts';

export interface LegendEntry extends ClassCount {
  key: string;
  color: string;
  label: string;
}

export interface Legend {
  title: string;
  /** What the counts count. */
  unit: 'communes' | 'EPCI';
  entries: LegendEntry[];
  /** The outlines drawn over the classes (PRAPS, QPV), only those in force: long and short wording. */
  outlines: Array<{ text: string; short: string }>;
}

/**
 * The legend of what the map shows: communes by status, EPCI by communes covered, or what changed
 * since the comparison date; each class with its communes (or EPCI) and inhabitants. One source for
 * the legend panel and the exported image.
 */
export function legendOf(s: Snapshot, view: 'communes' | 'epci'): Legend {
  const epci = view === 'epci';
  // With a comparison date the communes view shows what changed (see ComparePanel).
  const change = !epci ? s.change : null;
  const counts: Record<string, ClassCount> = change
    ? change.counts
    : epci
      ? classCounts(s.figures.byEpci)
      : statusCounts(s.figures);
  const [colors, labels]: [Record<string, string>, Record<string, string>] = change
    ? [CHANGE_COLORS, CHANGE_LABELS]
    : epci
      ? [CLASS_COLORS, CLASS_LABELS]
      : [STATUS_COLORS, STATUS_LABELS];
  return {
    title: change
      ? `Légende : évolution du ${frDate(change.from)} au ${frDate(change.to)}`
      : epci
        ? 'Légende : EPCI par communes couvertes'
        : 'Légende',
    unit: epci ? 'EPCI' : 'communes',
    entries: Object.keys(colors).map((key) => ({ key, color: colors[key]!, label: labels[key]!, ...counts[key]! })),
    // A region without priority territories (Bretagne's loaded registry) draws no outline: none is explained.
    outlines: [
      ...(s.figures.priority.praps.count > 0
        ? [
            {
              text: '— — contour bleu : territoire prioritaire PRAPS',
              short: '— — contour bleu : territoire prioritaire PRAPS',
            },
          ]
        : []),
      ...(s.figures.priority.qpv.count > 0
        ? [
            {
              text: '···· contour pointillé : commune avec un quartier prioritaire (QPV), territoire prioritaire lui aussi',
              short: '···· pointillé : commune avec un quartier prioritaire (QPV)',
            },
          ]
        : []),
    ],
  };
}
