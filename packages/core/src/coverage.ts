import { cogYearAt } from './dates.ts';
import { codeMapping } from './lineage.ts';
import { resolvePerimeter } from './perimeter.ts';
import type { CogYear, DocType, InseeCode, IsoDate, PriorityTerritory, Reference, RegistryDocument } from './types.ts';

/** Coverage status of a commune: a CLS (or avenant, renouvellement) covers it, only a charte does, or nothing. */
export type CoverageStatus = 'cls' | 'charte' | 'none';

export interface CommuneCoverage {
  code: InseeCode;
  status: CoverageStatus;
  /** No document in force, but one that covered the commune has ended (`ends_on` before the date). */
  expired: boolean;
  /** Ids of the documents in force covering the commune, latest first is not implied; a document replaced
   * there by a later one (a charte by a CLS, a CLS or avenant by a newer CLS or renouvellement) is not listed. */
  documents: readonly string[];
  /** Ids of the documents that covered the commune and have ended by the date. */
  expiredDocuments: readonly string[];
}

export interface Coverage {
  asOf: IsoDate;
  /** COG year whose communes and populations are used at that date. */
  cog: CogYear;
  /** False when the date's own year is not shipped (a nearby year is used instead). */
  cogExact: boolean;
  reference: Reference;
  /** One entry per commune of the reference, in the reference's order. */
  communes: CommuneCoverage[];
  /** Documents in force at the date: signed, not ended, and not replaced on their whole perimeter by a
   * later one (a charte by a CLS-type document; a CLS or avenant by a newer CLS or renouvellement). */
  inForce: RegistryDocument[];
  /** Documents signed by the date, whatever their state. */
  signed: RegistryDocument[];
  /** Counts of `inForce` and `signed`, when the producer kept them (the sweep does: figures then never
   * walk the lists, which it builds only when read). */
  tally?: CoverageTally;
}

export interface CoverageTally {
  inForce: Record<DocType, number>;
  signed: Record<DocType, number>;
  unverifiedInForce: number;
}

/** What the engine computes from: plain data and a way to get the reference of a COG year. */
export interface CoverageModel {
  documents: readonly RegistryDocument[];
  priority: readonly PriorityTerritory[];
  referenceFor: (cog: CogYear) => Reference;
  cogYears: readonly CogYear[];
}

const CLS_TYPES: ReadonlySet<DocType> = new Set(['cls', 'avenant', 'renouvellement']);
const NONE: readonly string[] = Object.freeze([]);

/** True for the document types that make a commune `cls` (cls, avenant, renouvellement). */
export function isClsType(t: DocType): boolean {
  return CLS_TYPES.has(t);
}

/**
 * A coverage engine over one registry: perimeters are expanded once per (document, COG year) and
 * reused, so that asking many dates (a timeline, a slider) costs little. Pure over its inputs.
 * @example createCoverageEngine(model).coverageAt('2019-09-30').communes.filter((c) => c.status !== 'none').length
 */
export function createCoverageEngine(model: CoverageModel) {
  // Documents and priority territories have separate caches: their ids are separate namespaces.
  const docCache = new Map<string, Int32Array>();
  const territoryCache = new Map<string, Int32Array>();
  const indexes = new Map<CogYear, Map<InseeCode, number>>();
  // One entry per id (the same document given twice counts once), in signature order.
  const docs = [...new Map(model.documents.map((d) => [d.id, d])).values()].sort((a, b) =>
    a.signedOn < b.signedOn ? -1 : a.signedOn > b.signedOn ? 1 : a.id < b.id ? -1 : 1,
  );

  function indexOf(cog: CogYear): Map<InseeCode, number> {
    let idx = indexes.get(cog);
    if (!idx) {
      idx = new Map(model.referenceFor(cog).communes.map((c, i) => [c.code, i]));
      indexes.set(cog, idx);
    }
    return idx;
  }

  /** Communes (indexes in the `cog` reference) of a perimeter, as signed then mapped to `cog`. */
  function communesOf(
    cache: Map<string, Int32Array>,
    perimeter: readonly string[],
    signedOn: IsoDate,
    id: string,
    cog: CogYear,
  ): Int32Array {
    const k = `${id}@${cog}`;
    let hit = cache.get(k);
    if (hit) return hit;
    const signCog = cogYearAt(signedOn, model.cogYears).cog;
    const idx = indexOf(cog);
    const out = new Set<number>();
    if (signCog === cog) {
      for (const c of resolvePerimeter(perimeter, model.referenceFor(cog)).communes) {
        const i = idx.get(c);
        if (i !== undefined) out.add(i);
      }
    } else {
      // Resolved once in the COG of the signature (cached), then mapped to `cog`.
      const signRef = model.referenceFor(signCog);
      const mapping = codeMapping(signRef, model.referenceFor(cog));
      for (const s of communesOf(cache, perimeter, signedOn, id, signCog)) {
        for (const t of mapping.get(signRef.communes[s]!.code) ?? []) {
          const i = idx.get(t);
          if (i !== undefined) out.add(i);
        }
      }
    }
    hit = Int32Array.from(out).sort();
    cache.set(k, hit);
    return hit;
  }
  const documentCommunes = (d: RegistryDocument, cog: CogYear) =>
    communesOf(docCache, d.perimeter, d.signedOn, d.id, cog);

  function coverageAt(asOf: IsoDate): Coverage {
    const { cog, exact } = cogYearAt(asOf, model.cogYears);
    const reference = model.referenceFor(cog);
    const n = reference.communes.length;
    const signed = docs.filter((d) => d.signedOn <= asOf);
    // Per commune: latest signature of a CLS-type document in force (retires earlier chartes) and
    // of a contract in force, cls or renouvellement (retires earlier contracts and avenants). Only
    // documents in force retire others, so adding a document never lowers coverage.
    const clsSignedAt: Array<IsoDate | undefined> = new Array(n);
    const contractSignedAt: Array<IsoDate | undefined> = new Array(n);
    for (const d of signed) {
      if (!isClsType(d.docType) || (d.endsOn !== null && d.endsOn < asOf)) continue;
      const contract = d.docType !== 'avenant';
      for (const i of documentCommunes(d, cog)) {
        if (!clsSignedAt[i] || clsSignedAt[i]! < d.signedOn) clsSignedAt[i] = d.signedOn;
        if (contract && (!contractSignedAt[i] || contractSignedAt[i]! < d.signedOn)) contractSignedAt[i] = d.signedOn;
      }
    }
    const status = new Uint8Array(n); // 0 none, 1 charte, 2 cls
    const docLists: Array<string[] | undefined> = new Array(n);
    const expiredLists: Array<string[] | undefined> = new Array(n);
    const inForce: RegistryDocument[] = [];
    for (const d of signed) {
      const communes = documentCommunes(d, cog);
      const ended = d.endsOn !== null && d.endsOn < asOf;
      if (ended) {
        for (const i of communes) (expiredLists[i] ??= []).push(d.id);
        continue;
      }
      const cls = isClsType(d.docType);
      let current = false;
      for (const i of communes) {
        const superseded = cls
          ? contractSignedAt[i] !== undefined && contractSignedAt[i]! > d.signedOn
          : clsSignedAt[i] !== undefined && clsSignedAt[i]! >= d.signedOn;
        if (superseded) continue;
        const s = cls ? 2 : 1;
        if (status[i]! < s) status[i] = s;
        current = true;
        (docLists[i] ??= []).push(d.id);
      }
      if (current || communes.length === 0) inForce.push(d);
    }
    const communes: CommuneCoverage[] = reference.communes.map((c, i) => {
      const st = status[i]!;
      return {
        code: c.code,
        status: st === 2 ? 'cls' : st === 1 ? 'charte' : 'none',
        expired: st === 0 && expiredLists[i] !== undefined,
        documents: docLists[i] ?? NONE,
        expiredDocuments: expiredLists[i] ?? NONE,
      };
    });
    return { asOf, cog, cogExact: exact, reference, communes, inForce, signed };
  }

  return {
    coverageAt,
    /** Communes (indexes in the reference of `cog`) of a priority territory, read in the COG of its `since` date. */
    territoryCommunes: (t: PriorityTerritory, cog: CogYear) =>
      communesOf(territoryCache, t.perimeter, t.since ?? `${cog}-01-01`, t.id, cog),
    /** Communes (indexes in the reference of `cog`) of a document's perimeter. */
    documentCommunes,
    /** Documents sorted by signature date. */
    documents: docs as readonly RegistryDocument[],
    model,
  };
}

export type CoverageEngine = ReturnType<typeof createCoverageEngine>;
