import type { DocType } from './types.ts';

const CLS_TYPES: ReadonlySet<DocType> = new Set(['cls', 'avenant', 'renouvellement']);

/** True for the document types that make a commune `cls` (cls, avenant, renouvellement). */
export function isClsType(t: DocType): boolean {
  return CLS_TYPES.has(t);
}

/**
 * Which latest signature on its communes a document in force sets: a CLS-type document the latest
 * CLS-type signature (it retires the chartes signed that day or before), a contract (cls or
 * renouvellement, not an avenant) also the latest contract (it retires the CLS-type documents
 * signed before it).
 * @example retiringSlots('avenant') // { cls: true, contract: false }
 */
export function retiringSlots(t: DocType): { cls: boolean; contract: boolean } {
  const cls = isClsType(t);
  return { cls, contract: cls && t !== 'avenant' };
}

/**
 * The one rule of retirement, for the engine (coverageAt, with date ranks) and the sweep (with ISO
 * dates): a document in force on a commune is retired there by a later document in force on it. A
 * CLS-type document is retired by a contract signed strictly after it; a charte by a CLS-type
 * document signed the same day or after. `latestCls` and `latestContract` are the latest signatures
 * in force on the commune (a rank of -1 or undefined: none). Only documents in force retire others,
 * so adding a document never lowers coverage.
 * @example isRetired('charte', '2019-01-01', '2019-01-01', undefined) // true: a CLS signed the same day
 */
export function isRetired<T extends number | string>(
  t: DocType,
  signed: T,
  latestCls: T | undefined,
  latestContract: T | undefined,
): boolean {
  return isClsType(t)
    ? latestContract !== undefined && latestContract > signed
    : latestCls !== undefined && latestCls >= signed;
}
