import { classCounts } from './area-class.ts';
import { formatDecimal, formatInteger, formatPercent } from './format.ts';
import type { CoverageFigures } from './metrics.ts';
import { contractCount } from './report.ts';

/** One measure at two dates: its key, its French label, each date's value and how it reads. */
export interface TwoDatesRow {
  key: string;
  label: string;
  before: number | null;
  after: number | null;
  /** Each value as the page writes it ("1 612 345", "40,3 %"), "—" where it is not measurable. */
  text: [string, string];
  /** The change, signed ("+12", "−3,4 points"), or "—". */
  change: string;
}

const minus = '\u2212';
const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `${minus}${text}` : text);

/**
 * The figures of two dates side by side, measure by measure, with the change between them: the rows
 * of the page's side-by-side view (earlier date first).
 * @example twoDatesRows(at2019, at2024)[0] // { key: 'cls', label: 'CLS en vigueur', before: 2, after: 25, … }
 */
export function twoDatesRows(before: CoverageFigures, after: CoverageFigures): TwoDatesRow[] {
  const count = (key: string, label: string, of: (f: CoverageFigures) => number): TwoDatesRow => {
    const a = of(before);
    const b = of(after);
    return {
      key,
      label,
      before: a,
      after: b,
      text: [formatInteger(a), formatInteger(b)],
      change: signed(b - a, formatInteger(Math.abs(b - a))),
    };
  };
  const share = (key: string, label: string, of: (f: CoverageFigures) => number | null): TwoDatesRow => {
    const a = of(before);
    const b = of(after);
    const text = (v: number | null) => (v === null ? '—' : formatPercent(v, 1));
    const points = a === null || b === null ? null : Math.round((b - a) * 1000) / 10;
    return {
      key,
      label,
      before: a,
      after: b,
      text: [text(a), text(b)],
      change:
        points === null
          ? '—'
          : signed(points, `${formatDecimal(Math.abs(points), 1)} point${Math.abs(points) >= 2 ? 's' : ''}`),
    };
  };
  const priority = (f: CoverageFigures) => (f.priority.known ? f.priority.populationShare : null);
  return [
    count('cls', 'CLS en vigueur', contractCount),
    count('chartes', 'Chartes d’engagement', (f) => f.documents.charte),
    count('communes', 'Communes couvertes', (f) => f.covered.communes),
    count('population', 'Population couverte', (f) => f.covered.population),
    share('part_population', 'Part de la population couverte', (f) => f.covered.populationShare),
    count('epci_entiers', 'EPCI entièrement couverts', (f) => classCounts(f.byEpci).full.count),
    count('epci_en_partie', 'EPCI couverts en partie', (f) => classCounts(f.byEpci).partial.count),
    count('praps', 'Territoires PRAPS entièrement couverts', (f) => f.priority.praps.covered),
    count('qpv', 'QPV entièrement couverts', (f) => f.priority.qpv.covered),
    share('prioritaire', `Part de la ${after.priority.measureLabel} couverte`, priority),
  ];
}
