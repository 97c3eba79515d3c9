import { clipValue } from './diagnostics.ts';
import type { InseeCode, Siren } from './types.ts';

export type ParsedCode =
  | { kind: 'commune'; code: InseeCode; padded: boolean }
  | { kind: 'epci'; code: Siren; padded: false }
  | { kind: 'invalid'; code: string; reason: string };

/**
 * Classifies a perimeter code: 9 digits = EPCI SIREN, 5 characters = INSEE commune code. A 4-digit
 * code is a commune code that lost its leading zero in a spreadsheet and is restored (`padded`).
 * @example parseCode('2691') // { kind: 'commune', code: '02691', padded: true }
 */
export function parseCode(raw: string): ParsedCode {
  const s = raw.trim().toUpperCase();
  if (/^\d{9}$/.test(s)) return { kind: 'epci', code: s, padded: false };
  if (/^(\d{5}|2[AB]\d{3})$/.test(s)) return { kind: 'commune', code: s, padded: false };
  if (/^\d{4}$/.test(s)) return { kind: 'commune', code: `0${s}`, padded: true };
  if (s === '') return { kind: 'invalid', code: s, reason: 'code vide' };
  return {
    kind: 'invalid',
    code: s,
    reason: `« ${clipValue(raw.trim())} » n'est ni un code commune INSEE (5 caractères) ni un SIREN d'EPCI (9 chiffres)`,
  };
}
