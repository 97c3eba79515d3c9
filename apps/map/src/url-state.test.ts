import { describe, expect, it } from 'vitest';
import { readUrlState, writeUrlState } from './url-state.ts';

describe('permalink state', () => {
  it('round-trips', () => {
    const s = { date: '2019-06-30', selection: '62498', department: '62', view: 'epci' as const };
    expect(readUrlState(writeUrlState(s))).toEqual(s);
  });
  it('ignores malformed values', () => {
    expect(readUrlState('?date=hier&sel=<script>&dep=999&vue=x')).toEqual({
      date: null,
      selection: null,
      department: null,
      view: 'communes',
    });
  });
});
