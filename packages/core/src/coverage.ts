import { isClsType, isRetired, retiringSlots } from './retirement.ts';
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
  /** One entry per commune of the reference, in the reference's order (built on first read by `coverageAt`). */
  communes: CommuneCoverage[];
  /**
   * The same status in one byte per commune (see CommuneState), when the producer has it: figures read
   * it without building 35,000 objects for France.
   */
  state?: Uint8Array;
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
  /** Years assumed for documents with no known end (see withAssumedDuration); absent: none assumed. */
  assumedDuration?: number;
}

export interface CoverageAtOptions {
  /**
   * Reads the date in the geography of this COG year instead of the date's own (default): to compare
   * two dates commune by commune, both must be read in the same geography.
   */
  cog?: CogYear;
}

/** `Coverage.state` values: no document, a charte only, a CLS-type document, no document but one has ended. */
export const CommuneState = { none: 0, charte: 1, cls: 2, expired: 3 } as const;

/**
 * One byte per commune, in the reference's order: `coverage.state`, or computed from `communes`.
 * @example communeStates(coverage)[i] === CommuneState.cls
 */
export function communeStates(coverage: Coverage): Uint8Array {
  if (coverage.state) return coverage.state;
  const cs = coverage.communes;
  const out = new Uint8Array(cs.length);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    out[i] = c.status === 'cls' ? 2 : c.status === 'charte' ? 1 : c.expired ? 3 : 0;
  }
  return out;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * A coverage engine over one registry: perimeters are expanded once per (document, COG year) and
 * reused, so that asking many dates (a timeline, a slider) costs little. Pure over its inputs.
 * @example createCoverageEngine(model).coverageAt('2019-09-30').communes.filter((c) => c.status !== 'none').length
 */
export function createCoverageEngine(model: CoverageModel) {
  // Documents and priority territories have separate caches: their ids are separate namespaces.
  const docCache = new Map<string, Int32Array>();
  const territoryCache = new Map<string, Int32Array>();
  /** Resolutions by perimeter, COG year of signature and COG year asked (shared by documents and territories alike). */
  const byPerimeter = new Map<string, Int32Array>();
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
    // Documents on the same perimeter signed in the same COG year (renewals, avenants, a large
    // registry's repeats) share one resolution: the arrays are read, never written.
    const same = `${perimeter.join('|')}#${signCog}@${cog}`;
    hit = byPerimeter.get(same);
    if (hit) {
      cache.set(k, hit);
      return hit;
    }
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
    byPerimeter.set(same, hit);
    return hit;
  }
  const documentCommunes = (d: RegistryDocument, cog: CogYear) =>
    communesOf(docCache, d.perimeter, d.signedOn, d.id, cog);

  // Rank of each document's signing date (equal dates, equal ranks): compared as integers below.
  const dateRank = new Int32Array(docs.length);
  for (let j = 1; j < docs.length; j++)
    dateRank[j] = dateRank[j - 1]! + (docs[j]!.signedOn === docs[j - 1]!.signedOn ? 0 : 1);
  // Per-commune scratch, reused from one date to the next (figures for France ask many dates).
  const scratch = new Map<CogYear, { cls: Int32Array; contract: Int32Array }>();
  let pairs = new Int32Array(1024);

  function coverageAt(asOf: IsoDate, options: CoverageAtOptions = {}): Coverage {
    const atDate = cogYearAt(asOf, model.cogYears);
    const cog = options.cog ?? atDate.cog;
    if (!model.cogYears.includes(cog)) throw new Error(`millésime COG ${cog} non chargé`);
    const exact = cog === atDate.cog && atDate.exact;
    const reference = model.referenceFor(cog);
    const n = reference.communes.length;
    let k = 0;
    while (k < docs.length && docs[k]!.signedOn <= asOf) k++;
    const signed = docs.slice(0, k);
    // Per commune: rank of the latest signature of a CLS-type document in force and of a contract in
    // force (see retiringSlots); -1 for none. The rule they feed is isRetired (retirement.ts), the
    // sweep's too.
    let s = scratch.get(cog);
    if (!s) scratch.set(cog, (s = { cls: new Int32Array(n), contract: new Int32Array(n) }));
    const clsRank = s.cls.fill(-1);
    const contractRank = s.contract.fill(-1);
    for (let j = 0; j < k; j++) {
      const d = docs[j]!;
      const slots = retiringSlots(d.docType);
      if (!slots.cls || (d.endsOn !== null && d.endsOn < asOf)) continue;
      const r = dateRank[j]!;
      const contract = slots.contract;
      for (const i of documentCommunes(d, cog)) {
        if (clsRank[i]! < r) clsRank[i] = r;
        if (contract && contractRank[i]! < r) contractRank[i] = r;
      }
    }
    // 0 none, 1 charte, 2 cls, 3 none but a document has ended (see CommuneState).
    const status = new Uint8Array(n);
    // (commune, document, 1 in force | 0 ended) triples, for the per-commune lists built on demand.
    let m = 0;
    const push = (i: number, j: number, inForce: number) => {
      if (m + 3 > pairs.length) {
        const grown = new Int32Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[m++] = i;
      pairs[m++] = j;
      pairs[m++] = inForce;
    };
    const inForce: RegistryDocument[] = [];
    for (let j = 0; j < k; j++) {
      const d = docs[j]!;
      const communes = documentCommunes(d, cog);
      if (d.endsOn !== null && d.endsOn < asOf) {
        for (const i of communes) {
          if (status[i] === 0) status[i] = 3;
          push(i, j, 0);
        }
        continue;
      }
      const cls = isClsType(d.docType);
      const r = dateRank[j]!;
      let current = false;
      for (const i of communes) {
        if (isRetired(d.docType, r, clsRank[i], contractRank[i])) continue;
        const st = cls ? 2 : 1;
        if (status[i] === 0 || status[i] === 3 || status[i]! < st) status[i] = st;
        current = true;
        push(i, j, 1);
      }
      if (current || communes.length === 0) inForce.push(d);
    }
    const triples = pairs.slice(0, m);
    const communes = (): CommuneCoverage[] => {
      const docLists: Array<string[] | undefined> = new Array(n);
      const expiredLists: Array<string[] | undefined> = new Array(n);
      for (let t = 0; t < triples.length; t += 3) {
        const lists = triples[t + 2] ? docLists : expiredLists;
        (lists[triples[t]!] ??= []).push(docs[triples[t + 1]!]!.id);
      }
      return reference.communes.map((c, i) => {
        const st = status[i]!;
        return {
          code: c.code,
          status: st === 2 ? 'cls' : st === 1 ? 'charte' : 'none',
          expired: st === 3,
          documents: docLists[i] ?? NONE,
          expiredDocuments: expiredLists[i] ?? NONE,
        };
      });
    };
    return lazyCommunes({ asOf, cog, cogExact: exact, reference, inForce, signed, state: status }, communes);
  }

  return {
    coverageAt,
    /** Communes (indexes in the reference of `cog`) of a priority territory, read in the COG of its `since` date. */
    territoryCommunes: (t: PriorityTerritory, cog: CogYear) =>
      communesOf(territoryCache, t.perimeter, t.since ?? `${cog}-01-01`, t.id, cog),
    /** Communes (indexes in the reference of `cog`) of a document's perimeter. */
    documentCommunes,
    /** Index of each commune code in the reference of `cog` (built once per COG year). */
    communeIndex: indexOf,
    /** Documents sorted by signature date. */
    documents: docs as readonly RegistryDocument[],
    model,
  };
}

export type CoverageEngine = ReturnType<typeof createCoverageEngine>;

/** A coverage whose `communes` objects are built on first read (and kept). */
function lazyCommunes(base: Omit<Coverage, 'communes'>, build: () => CommuneCoverage[]): Coverage {
  let communes: CommuneCoverage[] | undefined;
  return Object.defineProperty(base, 'communes', {
    get: () => (communes ??= build()),
    enumerable: true,
  }) as Coverage;
}
