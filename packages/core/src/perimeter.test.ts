import { describe, expect, it } from 'vitest';
import { arrondissementCity, resolvePerimeter } from './perimeter.ts';
import { parseCode } from './codes.ts';
import { tinyReference } from './tiny-reference.fixture.ts';

describe('parseCode', () => {
  it('tells SIREN, commune codes and codes that lost a leading zero', () => {
    expect(parseCode('246200364')).toEqual({ kind: 'epci', code: '246200364', padded: false });
    expect(parseCode(' 02691 ')).toEqual({ kind: 'commune', code: '02691', padded: false });
    expect(parseCode('2a004')).toEqual({ kind: 'commune', code: '2A004', padded: false });
    expect(parseCode('2691')).toEqual({ kind: 'commune', code: '02691', padded: true });
    expect(parseCode('12345678').kind).toBe('invalid');
  });
});

describe('resolvePerimeter', () => {
  const ref = tinyReference();
  it('expands an EPCI and counts a commune listed twice once', () => {
    const p = resolvePerimeter(['200000001', '99002'], ref);
    expect(p.communes).toEqual(['99001', '99002', '99003']);
    expect(p.problems).toEqual([]);
  });
  it('resolves a merged code with a warning', () => {
    const p = resolvePerimeter(['99009'], ref);
    expect(p.communes).toEqual(['99001']);
    expect(p.normalized).toEqual(['99001']);
    expect(p.problems).toEqual([
      { severity: 'warning', code: '99009', message: expect.stringContaining('comptée comme 99001') },
    ]);
  });
  it('errors on unknown codes, garbage and other regions', () => {
    expect(resolvePerimeter(['99999'], ref).problems[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('inconnu'),
    });
    expect(resolvePerimeter(['abc'], ref).problems[0]).toMatchObject({ severity: 'error' });
    expect(resolvePerimeter(['99001', '75056'], ref).problems.at(-1)!.message).toMatch(/plusieurs régions \(11, 99\)/);
    expect(resolvePerimeter(['200000003'], ref).problems.at(-1)!.message).toMatch(/hors de la région 99/);
  });
});

describe('municipal arrondissements (Paris, Lyon, Marseille)', () => {
  it('are named with their city, and nothing else is', () => {
    expect(arrondissementCity('75101')).toEqual({ code: '75056', name: 'Paris' });
    expect(arrondissementCity('75120')).toEqual({ code: '75056', name: 'Paris' });
    expect(arrondissementCity('69389')).toEqual({ code: '69123', name: 'Lyon' });
    expect(arrondissementCity('13216')).toEqual({ code: '13055', name: 'Marseille' });
    for (const c of ['75121', '75056', '69380', '69123', '13217', '13055', '62498'])
      expect(arrondissementCity(c)).toBeNull();
  });
});
