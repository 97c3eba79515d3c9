import type { InseeCode, Reference } from './types.ts';

export type CodeResolution =
  | { status: 'current'; code: InseeCode }
  | { status: 'succeeded'; code: InseeCode; from: InseeCode; kind: string }
  | { status: 'unknown'; from: InseeCode };

/**
 * Resolves a commune code against a COG year: the code itself when it is a current commune, or its
 * successor when it was merged (the code of a commune déléguée, associée, or an older code).
 * @example resolveCommune('02077', ref2024) // { status: 'succeeded', code: '02564', ... }
 */
export function resolveCommune(code: InseeCode, ref: Reference): CodeResolution {
  if (ref.regionOfCode.has(code)) return { status: 'current', code };
  const seen = new Set<string>();
  let cur = code;
  let kind = '';
  while (!seen.has(cur)) {
    seen.add(cur);
    const s = ref.successions[cur];
    if (!s) break;
    kind ||= s.kind;
    cur = s.to;
    if (ref.regionOfCode.has(cur)) return { status: 'succeeded', code: cur, from: code, kind };
  }
  return { status: 'unknown', from: code };
}

/**
 * The mapping of every commune of one COG year to its commune(s) in another year, computed in one
 * pass : one code for a merge, several for a
 * split, none for a commune the target year does not know.
 */
export function codeMapping(from: Reference, to: Reference): ReadonlyMap<InseeCode, readonly InseeCode[]> {
  // References are immutable: the mapping of a pair is computed once per process.
  let byTarget = mappingCache.get(from);
  if (!byTarget) mappingCache.set(from, (byTarget = new WeakMap()));
  let out = byTarget.get(to);
  if (!out) byTarget.set(to, (out = computeCodeMapping(from, to)));
  return out;
}
const mappingCache = new WeakMap<Reference, WeakMap<Reference, Map<InseeCode, InseeCode[]>>>();

function computeCodeMapping(from: Reference, to: Reference): Map<InseeCode, InseeCode[]> {
  const out = new Map<InseeCode, InseeCode[]>();
  for (const c of from.communes) {
    if (from.cog === to.cog) {
      out.set(c.code, [c.code]);
      continue;
    }
    const r = resolveCommune(c.code, to);
    out.set(c.code, r.status === 'unknown' ? [] : [r.code]);
  }
  if (to.cog > from.cog) {
    for (const [old, s] of Object.entries(from.successions)) {
      const list = out.get(s.to);
      if (list && to.regionOfCode.has(old) && !list.includes(old)) list.push(old);
    }
  }
  return out;
}

/**
 * Keeps only what concerns the selected region: the national code tables shrink to the region's
 * communes, the successions that lead to them and the EPCI of the selection. For shipping a
 * reference to the browser, where perimeters are already validated.
 */
export function sliceReference(ref: Reference): Reference {
  const inRegion = new Set(ref.communes.map((c) => c.code));
  return {
    ...ref,
    regionOfCode: new Map(ref.communes.map((c) => [c.code, c.region])),
    successions: Object.fromEntries(Object.entries(ref.successions).filter(([, s]) => inRegion.has(s.to))),
    regionsOfEpci: Object.fromEntries(ref.epcis.map((e) => [e.siren, ref.regionsOfEpci[e.siren] ?? []])),
  };
}
