import { describe, expect, it } from 'vitest';
import { isRetired, retiringSlots } from './retirement.ts';

describe('the rule of retirement (one place for coverageAt and the sweep)', () => {
  it('retires a CLS-type document by a contract signed strictly after it, ranks or dates alike', () => {
    expect(isRetired('cls', 3, 5, 5)).toBe(true);
    expect(isRetired('cls', 5, 5, 5)).toBe(false);
    expect(isRetired('avenant', '2020-01-01', undefined, '2021-01-01')).toBe(true);
    // An avenant signed later is not a contract: it retires nothing of the CLS-type.
    expect(isRetired('cls', '2020-01-01', '2021-01-01', undefined)).toBe(false);
    expect(isRetired('renouvellement', 2, 9, -1)).toBe(false);
  });

  it('retires a charte by a CLS-type document signed the same day or after, never by another charte', () => {
    expect(isRetired('charte', '2019-01-01', '2019-01-01', undefined)).toBe(true);
    expect(isRetired('charte', '2019-01-02', '2019-01-01', undefined)).toBe(false);
    expect(isRetired('charte', 4, -1, -1)).toBe(false);
  });

  it('says which latest signature each type sets', () => {
    expect(retiringSlots('charte')).toEqual({ cls: false, contract: false });
    expect(retiringSlots('avenant')).toEqual({ cls: true, contract: false });
    expect(retiringSlots('cls')).toEqual({ cls: true, contract: true });
    expect(retiringSlots('renouvellement')).toEqual({ cls: true, contract: true });
  });
});
