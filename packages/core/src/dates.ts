import type { CogYear, DatePrecision, IsoDate } from './types.ts';

export interface ParsedDate {
  /** Effective date: the day itself, or the last day of the month for month precision. */
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
 * Parses a registry date: `YYYY-MM-DD`, `YYYY-MM` (month precision), or the French Excel forms
 * `dd/mm/yyyy` and `mm/yyyy`. Returns null when the text is not a valid date.
 * @example parseDate('25/09/2019') // { date: '2019-09-25', precision: 'day' }
 * @example parseDate('2019-09')    // { date: '2019-09-30', precision: 'month' }
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
  return null;
}

function day(y: number, mo: number, d: number): ParsedDate | null {
  return isValidDay(y, mo, d) ? { date: `${y}-${pad2(mo)}-${pad2(d)}`, precision: 'day' } : null;
}
function month(y: number, mo: number): ParsedDate | null {
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

/** Today's date in UTC as an IsoDate. */
export function today(): IsoDate {
  return new Date().toISOString().slice(0, 10);
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
