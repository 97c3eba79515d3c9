import type { DocType, RegistryDocument } from './types.ts';

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
