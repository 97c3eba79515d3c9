import { parseCode } from './codes.ts';
import { resolveCommune } from './lineage.ts';
import { cogYearAt } from './dates.ts';
import type { CogYear, InseeCode, PriorityTerritory, Reference, RegionCode, Severity, Siren } from './types.ts';

export interface PerimeterProblem {
  severity: Severity;
  code: string;
  message: string;
}

export interface ResolvedPerimeter {
  /** Communes of the reference's selection (region) that the perimeter covers, in the reference's COG year. */
  communes: InseeCode[];
  /** EPCI named in the perimeter. */
  epcis: Siren[];
  /** Codes as they should be written (leading zeros restored, successors of merged communes). */
  normalized: string[];
  problems: PerimeterProblem[];
}

/**
 * Expands a perimeter (EPCI SIRENs and commune codes) into the communes of one COG year. EPCI expand
 * through their membership in that year; merged communes resolve to their successor with a warning;
 * unknown codes and perimeters that mix regions are errors. A commune listed twice counts once.
 * @example resolvePerimeter(['246200364'], ref2019).communes.length // 36 (CA de Lens-Liévin)
 */
export function resolvePerimeter(codes: readonly string[], ref: Reference): ResolvedPerimeter {
  const problems: PerimeterProblem[] = [];
  const communes = new Set<InseeCode>();
  const epcis: Siren[] = [];
  const normalized: string[] = [];
  const { inSelection, epciBySiren } = indexesOf(ref);
  const regionSets: Array<{ code: string; regions: RegionCode[] }> = [];

  for (const raw of codes) {
    const p = parseCode(raw);
    if (p.kind === 'invalid') {
      problems.push({ severity: 'error', code: raw, message: p.reason });
      continue;
    }
    if (p.kind === 'epci') {
      const regions = ref.regionsOfEpci[p.code];
      if (!regions) {
        problems.push({
          severity: 'error',
          code: p.code,
          message: `SIREN ${p.code} inconnu : aucun EPCI ne porte ce code au COG ${ref.cog}`,
        });
        continue;
      }
      regionSets.push({ code: p.code, regions });
      normalized.push(p.code);
      epcis.push(p.code);
      const e = epciBySiren.get(p.code);
      if (e) for (const m of e.members) if (inSelection.has(m)) communes.add(m);
      continue;
    }
    if (p.padded) {
      problems.push({
        severity: 'warning',
        code: raw,
        message: `code commune « ${raw.trim()} » lu comme ${p.code} (zéro initial perdu, sans doute par un tableur)`,
      });
    }
    const city = arrondissementCity(p.code);
    if (city) {
      // Counting the whole city for one arrondissement would overstate the coverage: refused, said.
      problems.push({
        severity: 'error',
        code: p.code,
        message:
          `${p.code} est un arrondissement municipal de ${city.name}, pas une commune : le registre compte des ` +
          `communes entières (${city.name} : ${city.code}) ; indiquez ${city.code} si le document couvre toute la ville`,
      });
      continue;
    }
    const r = resolveCommune(p.code, ref);
    if (r.status === 'unknown') {
      problems.push({ severity: 'error', code: p.code, message: `code commune ${p.code} inconnu au COG ${ref.cog}` });
      continue;
    }
    if (r.status === 'succeeded') {
      problems.push({
        severity: 'warning',
        code: p.code,
        message: `commune ${p.code} fusionnée avant le COG ${ref.cog} : comptée comme ${r.code} (${kindLabel(r.kind)})`,
      });
    }
    regionSets.push({ code: r.code, regions: [ref.regionOfCode.get(r.code)!] });
    normalized.push(r.code);
    if (inSelection.has(r.code)) communes.add(r.code);
  }

  // A perimeter lies in one region: the region sets of its codes must share a region.
  if (regionSets.length > 0) {
    let common = new Set(regionSets[0]!.regions);
    for (const s of regionSets.slice(1)) common = new Set(s.regions.filter((r) => common.has(r)));
    const all = [...new Set(regionSets.flatMap((s) => s.regions))].sort();
    if (common.size === 0) {
      problems.push({
        severity: 'error',
        code: codes.join('|'),
        message: `le périmètre mêle des codes de plusieurs régions (${all.join(', ')})`,
      });
    } else if (ref.region && !common.has(ref.region)) {
      problems.push({
        severity: 'error',
        code: codes.join('|'),
        message: `le périmètre est hors de la région ${ref.region} (région ${[...common].join(', ')})`,
      });
    }
  }
  return { communes: [...communes].sort(), epcis, normalized, problems };
}

/** Lookups of a reference, built once per reference (a timeline resolves thousands of perimeters). */
const referenceIndexes = new WeakMap<
  Reference,
  { inSelection: Set<InseeCode>; epciBySiren: Map<Siren, Reference['epcis'][number]> }
>();
function indexesOf(ref: Reference) {
  let idx = referenceIndexes.get(ref);
  if (!idx) {
    idx = {
      inSelection: new Set(ref.communes.map((c) => c.code)),
      epciBySiren: new Map(ref.epcis.map((e) => [e.siren, e])),
    };
    referenceIndexes.set(ref, idx);
  }
  return idx;
}

function kindLabel(kind: string): string {
  switch (kind) {
    case 'deleguee':
      return 'commune déléguée';
    case 'associee':
      return 'commune associée';
    case 'ancien-code':
      return 'ancien code';
    default:
      return 'historique du COG';
  }
}

/**
 * Inhabitants of a priority territory's communes, in the COG year of its start (the latest year when
 * it has none): what a QPV given its own population may not exceed.
 * @example territoryCommunesPopulation(qpv, referenceFor, [2019, 2024]) // 2860
 */
export function territoryCommunesPopulation(
  t: Pick<PriorityTerritory, 'perimeter' | 'since'>,
  referenceFor: (cog: CogYear) => Reference,
  cogYears: readonly CogYear[],
): number {
  const ref = referenceFor(cogYearAt(t.since ?? `${cogYears[cogYears.length - 1]}-01-01`, cogYears).cog);
  const byCode = new Map(ref.communes.map((c) => [c.code, c.population]));
  let n = 0;
  for (const c of resolvePerimeter(t.perimeter, ref).communes) n += byCode.get(c) ?? 0;
  return n;
}

/**
 * The city a municipal arrondissement belongs to (Paris 751xx, Lyon 6938x, Marseille 132xx), or null.
 * @example arrondissementCity('69383') // { code: '69123', name: 'Lyon' }
 */
export function arrondissementCity(code: string): { code: string; name: string } | null {
  if (/^751(0[1-9]|1\d|20)$/.test(code)) return { code: '75056', name: 'Paris' };
  if (/^6938[1-9]$/.test(code)) return { code: '69123', name: 'Lyon' };
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return { code: '13055', name: 'Marseille' };
  return null;
}
