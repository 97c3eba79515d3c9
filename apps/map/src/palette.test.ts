import { describe, expect, it } from 'vitest';
import { CHANGE_COLORS, CLASS_COLORS, STATUS_COLORS, contrast } from './palette.ts';

describe('colour scheme', () => {
  it('each coverage class has at least 3:1 contrast against white', () => {
    for (const k of ['cls', 'charte', 'expired'] as const)
      expect(contrast(STATUS_COLORS[k], '#ffffff'), k).toBeGreaterThanOrEqual(3);
  });
  it('classes are told apart from each other (contrast between classes, not only hue)', () => {
    expect(contrast(STATUS_COLORS.cls, STATUS_COLORS.none)).toBeGreaterThan(3);
    expect(contrast(STATUS_COLORS.charte, STATUS_COLORS.none)).toBeGreaterThan(2.5);
  });
  it('the EPCI classes too: full and partial against white and against each other', () => {
    for (const k of ['full', 'partial'] as const)
      expect(contrast(CLASS_COLORS[k], '#ffffff'), k).toBeGreaterThanOrEqual(3);
    expect(contrast(CLASS_COLORS.full, CLASS_COLORS.partial)).toBeGreaterThan(1.1);
  });
  it('the change view: gained and lost against white; unchanged classes recede but stay apart', () => {
    for (const k of ['gained', 'lost'] as const)
      expect(contrast(CHANGE_COLORS[k], '#ffffff'), k).toBeGreaterThanOrEqual(3);
    expect(contrast(CHANGE_COLORS.gained, CHANGE_COLORS.kept)).toBeGreaterThan(2.5);
    expect(contrast(CHANGE_COLORS.kept, CHANGE_COLORS.never)).toBeGreaterThan(1.3);
  });
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
