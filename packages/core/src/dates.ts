import type { CogYear, DatePrecision, IsoDate } from './types.ts';

export interface ParsedDate {
  /** Effective date: the day itself, or the last day of the month (or year) it names. */
  date: IsoDate;
  precision: DatePrecision;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Last day of a month, as an IsoDate. `monthEnd(2019, 2)` → "2019-02-28". */
export function monthEnd(year: number, month: number): IsoDate {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad2(month)}-${pad2(last)}`;
}

function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parses a registry date: `YYYY-MM-DD`, `YYYY-MM` (month precision), `YYYY` (year precision, for a
 * source that gives only the year), or the French Excel forms `dd/mm/yyyy` and `mm/yyyy`. A month or a
 * year counts from its last day. Returns null when the text is not a valid date or its year is outside
 * 2000–2100.
 * @example parseDate('25/09/2019') // { date: '2019-09-25', precision: 'day' }
 * @example parseDate('2019-09')    // { date: '2019-09-30', precision: 'month' }
 * @example parseDate('2015')       // { date: '2015-12-31', precision: 'year' }
 */
export function parseDate(text: string): ParsedDate | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return day(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return day(+m[3]!, +m[2]!, +m[1]!);
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return month(+m[1]!, +m[2]!);
  m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return month(+m[2]!, +m[1]!);
  m = /^(\d{4})$/.exec(s);
  if (m && inRange(+m[1]!)) return { date: `${m[1]}-12-31`, precision: 'year' };
  return null;
}

/** Years a registry or a question may name: anything else is a typo (`0999`, `20199`). */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;
const inRange = (y: number) => y >= YEAR_RANGE.min && y <= YEAR_RANGE.max;

function day(y: number, mo: number, d: number): ParsedDate | null {
  if (!inRange(y)) return null;
  return isValidDay(y, mo, d) ? { date: `${y}-${pad2(mo)}-${pad2(d)}`, precision: 'day' } : null;
}
function month(y: number, mo: number): ParsedDate | null {
  if (!inRange(y)) return null;
  return mo >= 1 && mo <= 12 ? { date: monthEnd(y, mo), precision: 'month' } : null;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): s is IsoDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isValidDay(+m[1]!, +m[2]!, +m[3]!);
}

/** Year of an IsoDate. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in France (Europe/Paris), as an IsoDate: at 00:30 on 1 July in Paris it is already July. */
export function today(now: Date = new Date()): IsoDate {
  return parisDay.format(now);
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** `dd/mm/yyyy` of an IsoDate. */
export function frenchDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * A registry date as the source gave it: "17/09/2024", "mai 2024" for a month-precision date, "2015"
 * for a year-precision one (never an invented day or month).
 * @example signedLabel('2024-05-31', 'month') // "mai 2024"
 */
export function signedLabel(date: IsoDate, precision: DatePrecision): string {
  if (precision === 'year') return date.slice(0, 4);
  return precision === 'month' ? `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}` : frenchDate(date);
}

/**
 * "le 17/09/2024", "en mai 2024", "en 2015": a registry date after a verb ("signé le …").
 * @example signedPhrase('2015-12-31', 'year') // "en 2015"
 */
export function signedPhrase(date: IsoDate, precision: DatePrecision): string {
  return `${precision === 'day' ? 'le' : 'en'} ${signedLabel(date, precision)}`;
}

/**
 * The COG year in force at a date is the date's year; when that year is not available, the latest
 * available year before it (or the earliest available one, for dates before all of them).
 * @example cogYearAt('2020-06-30', [2019, 2021]) // { cog: 2019, exact: false }
 */
export function cogYearAt(date: IsoDate, available: readonly CogYear[]): { cog: CogYear; exact: boolean } {
  const y = yearOf(date);
  const sorted = [...available].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('aucun millésime COG disponible');
  if (sorted.includes(y)) return { cog: y, exact: true };
  const before = sorted.filter((c) => c < y);
  return { cog: before.length ? before[before.length - 1]! : sorted[0]!, exact: false };
}

/** Every month end from the month of `from` to the month of `to`, inclusive. */
export function monthEnds(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let y = yearOf(from);
  let m = Number(from.slice(5, 7));
  const endKey = yearOf(to) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= endKey) {
    out.push(monthEnd(y, m));
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The same day `years` later (or earlier, when negative); 29 February becomes 28 February.
 * @example addYears('2019-03-01', 5) // "2024-03-01"
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), new Date(Date.UTC(y, m, 0)).getUTCDate());
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The day before a date. */
export function dayBefore(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date as a French user types it: `jj/mm/aaaa` with `/`, `.`, `-` or spaces between the parts, or
 * none (`30062019`), or `aaaa-mm-jj`. Returns the day, or a French message saying why it is refused.
 * @example readTypedDate('30062019') // { date: '2019-06-30' }
 * @example readTypedDate('31/02/2019') // { error: 'le 31/02/2019 n’existe pas' }
 */
export function readTypedDate(text: string): { date: IsoDate } | { error: string } {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let parts: [number, number, number] | null = m ? [+m[3]!, +m[2]!, +m[1]!] : null;
  m = /^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})$/.exec(s);
  if (m) parts = [+m[1]!, +m[2]!, +m[3]!];
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) parts = [+m[1]!, +m[2]!, +m[3]!];
  if (!parts)
    return { error: `« ${s.slice(0, 30)} » : date attendue sous la forme jj/mm/aaaa (par exemple 30/06/2019)` };
  const [d, mo, y] = parts;
  const label = `${pad2(d)}/${pad2(mo)}/${y}`;
  if (!inRange(y)) return { error: `${label} : année entre ${YEAR_RANGE.min} et ${YEAR_RANGE.max} attendue` };
  if (!isValidDay(y, mo, d)) return { error: `le ${label} n’existe pas` };
  return { date: `${y}-${pad2(mo)}-${pad2(d)}` };
}
