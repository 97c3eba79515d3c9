import { describe, expect, it } from 'vitest';
import { cogYearAt, monthEnd, monthEnds, parseDate } from './dates.ts';

describe('parseDate', () => {
  it('reads ISO days and months, French days and months', () => {
    expect(parseDate('2019-09-25')).toEqual({ date: '2019-09-25', precision: 'day' });
    expect(parseDate('25/09/2019')).toEqual({ date: '2019-09-25', precision: 'day' });
    expect(parseDate('1/7/2021')).toEqual({ date: '2021-07-01', precision: 'day' });
    expect(parseDate('2019-09')).toEqual({ date: '2019-09-30', precision: 'month' });
    expect(parseDate('02/2024')).toEqual({ date: '2024-02-29', precision: 'month' });
  });
  it('rejects impossible dates and other text', () => {
    for (const s of ['2019-02-30', '31/04/2020', '2019-13', '2019', 'hier', '', '2019/09/25'])
      expect(parseDate(s)).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('monthEnd handles leap years', () => {
    expect(monthEnd(2023, 2)).toBe('2023-02-28');
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
    expect(monthEnd(2024, 12)).toBe('2024-12-31');
  });
  it('monthEnds lists every month end inclusive', () => {
    expect(monthEnds('2019-11-15', '2020-02-01')).toEqual(['2019-11-30', '2019-12-31', '2020-01-31', '2020-02-29']);
  });
  it('cogYearAt falls back to the latest earlier year, or the earliest', () => {
    const years = [2019, 2021, 2022];
    expect(cogYearAt('2021-03-01', years)).toEqual({ cog: 2021, exact: true });
    expect(cogYearAt('2020-06-30', years)).toEqual({ cog: 2019, exact: false });
    expect(cogYearAt('2014-12-16', years)).toEqual({ cog: 2019, exact: false });
    expect(cogYearAt('2030-01-01', years)).toEqual({ cog: 2022, exact: false });
  });
});
