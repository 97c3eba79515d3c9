/** Seeded registries of any size on the real communes and EPCI of region 32, for benchmarks. */
import { toCsv, type Reference } from '@cls/core';

/** A tiny deterministic generator (LCG): the same seed gives the same registry. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
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
