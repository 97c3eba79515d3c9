import { describe, expect, it } from 'vitest';
import { cogYearAt, monthEnd, monthEnds, parseDate, signedLabel, signedPhrase } from './dates.ts';

describe('parseDate', () => {
  it('reads ISO days and months, French days and months', () => {
    expect(parseDate('2019-09-25')).toEqual({ date: '2019-09-25', precision: 'day' });
    expect(parseDate('25/09/2019')).toEqual({ date: '2019-09-25', precision: 'day' });
    expect(parseDate('1/7/2021')).toEqual({ date: '2021-07-01', precision: 'day' });
    expect(parseDate('2019-09')).toEqual({ date: '2019-09-30', precision: 'month' });
    expect(parseDate('02/2024')).toEqual({ date: '2024-02-29', precision: 'month' });
  });
  it('reads a year alone as year precision, counted from its last day', () => {
    expect(parseDate('2015')).toEqual({ date: '2015-12-31', precision: 'year' });
    expect(parseDate(' 2016 ')).toEqual({ date: '2016-12-31', precision: 'year' });
    for (const s of ['0999', '1999', '2101', '20199', '215']) expect(parseDate(s)).toBeNull();
  });
  it('rejects impossible dates and other text', () => {
    for (const s of ['2019-02-30', '31/04/2020', '2019-13', '2019-00', 'hier', '', '2019/09/25'])
      expect(parseDate(s)).toBeNull();
  });
});

describe('signedLabel and signedPhrase', () => {
  it('never invent a day or a month', () => {
    expect(signedLabel('2024-09-17', 'day')).toBe('17/09/2024');
    expect(signedLabel('2024-05-31', 'month')).toBe('mai 2024');
    expect(signedLabel('2015-12-31', 'year')).toBe('2015');
    expect(signedPhrase('2024-09-17', 'day')).toBe('le 17/09/2024');
    expect(signedPhrase('2024-05-31', 'month')).toBe('en mai 2024');
    expect(signedPhrase('2015-12-31', 'year')).toBe('en 2015');
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
