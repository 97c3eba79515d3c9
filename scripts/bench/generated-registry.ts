/** Seeded registries of any size on the real communes and EPCI of region 32, for benchmarks. */
import { toCsv, type Reference, type RegistryDocument } from '@cls/core';
import { lcg } from './harness.ts';

/** A small deterministic generator (mulberry32): the same seed gives the same registry. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` documents signed between 2013 and 2026 on EPCI (70 %) or one to three communes of the COG
 * year of their signature, in the columns of `data/registry/documents.csv` (the product's CSV writer).
 */
export function generatedRegistryCsv(n: number, referenceOfYear: (year: number) => Reference, seed = 42): string {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const types = ['charte', 'cls', 'avenant', 'renouvellement'] as const;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const year = 2013 + Math.floor(rnd() * 14);
    const ref = referenceOfYear(year);
    const perimeter =
      rnd() < 0.7
        ? pick(ref.epcis).siren
        : Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(ref.communes).code).join('|');
    const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
    const ends = rnd() < 0.3 ? `${year + 5}-${month}-${day}` : '';
    rows.push([
      `g${i}`,
      `Territoire ${i}`,
      perimeter,
      pick(types),
      `${year}-${month}-${day}`,
      ends,
      '1',
      rnd() < 0.8 ? 'yes' : 'no',
      `https://example.org/cls/${i}`,
      'document généré pour le banc d’essai',
    ]);
  }
  const head = ['id', 'territory', 'perimeter', 'doc_type', 'signed_on', 'ends_on', 'generation', 'verified'];
  return toCsv([[[...head, 'source_url', 'evidence'], ...rows]]);
}

/** A generated national registry: `n` documents on random EPCI or communes, signed in `year`. */
export function generatedRegistry(ref: Reference, n: number, year: number, seed = 42): RegistryDocument[] {
  const rnd = lcg(seed);
  const types = ['charte', 'cls', 'avenant', 'renouvellement'] as const;
  return Array.from({ length: n }, (_, i) => {
    const epci = rnd() < 0.7;
    const perimeter = epci
      ? [ref.epcis[Math.floor(rnd() * ref.epcis.length)]!.siren]
      : Array.from(
          { length: 1 + Math.floor(rnd() * 3) },
          () => ref.communes[Math.floor(rnd() * ref.communes.length)]!.code,
        );
    const month = 1 + Math.floor(rnd() * 10);
    const signedOn = `${year}-${String(month).padStart(2, '0')}-15`;
    const endsOn = rnd() < 0.2 ? `${year}-${String(month + 1).padStart(2, '0')}-20` : null;
    return {
      id: `g${i}`,
      territory: `g${i}`,
      perimeter,
      docType: types[Math.floor(rnd() * 4)]!,
      signedOn,
      signedPrecision: 'day',
      endsOn,
      generation: 2,
      verified: true,
      sourceUrl: 'https://example.org',
      evidence: '',
      line: i + 2,
    } satisfies RegistryDocument;
  });
}
