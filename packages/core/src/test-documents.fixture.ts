import type { DocType, PriorityTerritory, RegistryDocument } from './types.ts';

/**
 * A registry document for tests: day precision, verified, unknown generation unless `extra` says
 * otherwise.
 * @example doc('a', ['200000001'], 'cls', '2020-01-01', null, { generation: 2 })
 */
export function doc(
  id: string,
  perimeter: string[],
  docType: DocType,
  signedOn: string,
  endsOn: string | null = null,
  extra: Partial<RegistryDocument> = {},
): RegistryDocument {
  return {
    id,
    territory: id,
    perimeter,
    docType,
    signedOn,
    signedPrecision: 'day',
    endsOn,
    generation: null,
    verified: true,
    sourceUrl: 'https://example.org',
    evidence: 'q',
    line: 2,
    ...extra,
  };
}

/**
 * A priority territory for tests: a PRAPS territory in force at any date, unless `extra` says otherwise.
 * @example territory('QN99001M', ['99001'], { kind: 'qpv', since: '2024-01-01' })
 */
export function territory(id: string, perimeter: string[], extra: Partial<PriorityTerritory> = {}): PriorityTerritory {
  return {
    id,
    kind: 'praps',
    label: id,
    perimeter,
    since: null,
    until: null,
    sourceUrl: 'https://example.org',
    evidence: 'q',
    verified: true,
    population: null,
    line: 2,
    ...extra,
  };
}

/**
 * Four documents of the tiny reference (2024) whose coverage changes in 2024: a charte then a CLS on
 * EPCI 200000001, a CLS of 98004 ended on 2024-08-01, a CLS of 98005 signed on 2024-09-15.
 */
export const CHANGING_2024: readonly RegistryDocument[] = [
  doc('charte-e1', ['200000001'], 'charte', '2024-02-01'),
  doc('cls-e1', ['200000001'], 'cls', '2024-09-01'),
  doc('cls-d', ['98004'], 'cls', '2024-03-01', '2024-08-01'),
  doc('cls-e', ['98005'], 'cls', '2024-09-15'),
];
