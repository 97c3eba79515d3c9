import { describe, expect, it } from 'vitest';
import { CHANGE_COLORS, CLASS_COLORS, STATUS_COLORS, contrast } from './palette.ts';

describe('colour scheme', () => {
  it('each coverage class has at least 3:1 contrast against white', () => {
    for (const k of ['cls', 'charte', 'expired'] as const)
      expect(contrast(STATUS_COLORS[k], '#ffffff'), k).toBeGreaterThanOrEqual(3);
  });
  it('each covered class stands out from « aucun document » by contrast', () => {
    expect(contrast(STATUS_COLORS.cls, STATUS_COLORS.none)).toBeGreaterThan(3);
    expect(contrast(STATUS_COLORS.charte, STATUS_COLORS.none)).toBeGreaterThan(2.5);
    expect(contrast(STATUS_COLORS.expired, STATUS_COLORS.none)).toBeGreaterThan(3);
  });
  it('the covered classes are told apart from each other by hue, not by contrast (CLS against expired is 1.1:1)', () => {
    // What the legend and the print rely on: blue, orange and purple (Okabe–Ito, safe for the
    // common colour-vision deficiencies), at least 60° of hue apart. Their contrast between them is
    // low, said here rather than claimed.
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    const apart = (a: string, b: string) => {
      const x = Math.abs(hue(a) - hue(b));
      return Math.min(x, 360 - x);
    };
    const { cls, charte, expired } = STATUS_COLORS;
    expect(apart(cls, charte)).toBeGreaterThan(60);
    expect(apart(cls, expired)).toBeGreaterThan(60);
    expect(apart(charte, expired)).toBeGreaterThan(60);
    expect(contrast(cls, expired)).toBeLessThan(1.5);
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
