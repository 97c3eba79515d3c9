import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { CogYear, Commune, Epci, InseeCode, Reference, RegionCode, Siren, Succession } from '@cls/core';
import { join } from 'node:path';
import { cogVersion } from './cog-versions.ts';
import { ROOT_DIR } from './data-files.ts';

// The packages are dependencies of @cls/io: resolve them from there, even from the bundled CLI.
const require = createRequire(join(ROOT_DIR, 'packages', 'io', 'package.json'));

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  population?: number;
  chefLieu?: string;
  anciensCodes?: string[];
}
interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale: number;
  membres: Array<{ code: string }>;
}
interface RawHistory {
  id: string;
  type: string;
  code: string;
  dateFin?: string;
  successeur?: string;
  pole?: string;
}

function readPackageJson<T>(alias: string, file: string): T {
  const path = require.resolve(`${alias}/data/${file}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const cache = new Map<string, Reference>();

export interface LoadReferenceOptions {
  /** Region code to select ("32" by default); null for the whole of France. */
  region?: RegionCode | null;
}

/**
 * Loads communes, EPCI and populations of one COG year from the matching version of
 * `@etalab/decoupage-administratif` (installed under the alias `cog-<year>`).
 * @example loadReference(2019).communes.length // 3789 (region 32)
 */
export function loadReference(cog: CogYear, options: LoadReferenceOptions = {}): Reference {
  const region = options.region === undefined ? '32' : options.region;
  const key = `${cog}:${region}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const v = cogVersion(cog);
  const raw = readPackageJson<RawCommune[]>(v.alias, 'communes.json');
  const rawEpci = readPackageJson<RawEpci[]>(v.alias, 'epci.json');

  // Communes of the collectivités d'outre-mer (975, 977, 978, 984-988) have no region and no
  // department: they get the region "COM" and their collectivité's code (975…) as department.
  const current = raw
    .filter((c) => c.type === 'commune-actuelle')
    .map((c) => (c.region ? c : { ...c, region: 'COM', departement: c.departement ?? c.code.slice(0, 3) }));
  const regionOfCode = new Map<InseeCode, RegionCode>(current.map((c) => [c.code, c.region]));

  const epciOf = new Map<InseeCode, Siren>();
  const regionsOfEpci: Record<Siren, RegionCode[]> = {};
  for (const e of rawEpci) {
    const regions = new Set<RegionCode>();
    for (const m of e.membres) {
      epciOf.set(m.code, e.code);
      const r = regionOfCode.get(m.code);
      if (r) regions.add(r);
    }
    regionsOfEpci[e.code] = [...regions].sort();
  }

  const selected = region ? current.filter((c) => c.region === region) : current;
  const communes: Commune[] = selected.map((c) => ({
    code: c.code,
    name: c.nom,
    department: c.departement,
    region: c.region,
    population: c.population ?? 0,
    epci: epciOf.get(c.code) ?? null,
  }));
  const selectedCodes = new Set(communes.map((c) => c.code));
  const epcis: Epci[] = rawEpci
    .filter((e) => e.membres.some((m) => selectedCodes.has(m.code)))
    .map((e) => ({
      siren: e.code,
      name: e.nom,
      type: e.type,
      members: e.membres.map((m) => m.code),
      population: e.populationMunicipale,
    }));

  const successions: Record<InseeCode, Succession> = {};
  for (const c of raw) {
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && !regionOfCode.has(c.code)) {
      successions[c.code] = { to: c.chefLieu, kind: c.type === 'commune-deleguee' ? 'deleguee' : 'associee' };
    }
  }
  for (const c of current) {
    for (const old of c.anciensCodes ?? []) {
      if (!regionOfCode.has(old) && !successions[old]) successions[old] = { to: c.code, kind: 'ancien-code' };
    }
  }
  for (const [old, to] of historicalSuccessors()) {
    if (!regionOfCode.has(old) && !successions[old] && to !== old) successions[old] = { to, kind: 'historique' };
  }

  const ref: Reference = {
    cog,
    populationYear: v.populationYear,
    populationNote: v.populationNote,
    source: `@etalab/decoupage-administratif@${v.version}`,
    region,
    communes,
    epcis,
    successions,
    regionOfCode,
    regionsOfEpci,
  };
  cache.set(key, ref);
  return ref;
}

let history: Map<InseeCode, InseeCode> | null = null;

/**
 * Old commune codes → the code that carried them on at the end of the COG 2019 history
 * (`historique-communes.json` of version 0.7.0), for codes older than 2019.
 */
function historicalSuccessors(): Map<InseeCode, InseeCode> {
  if (history) return history;
  const rows = readPackageJson<RawHistory[]>('cog-2019', 'historique-communes.json');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<InseeCode, InseeCode>();
  const finalCode = (start: RawHistory): string | null => {
    let r: RawHistory | undefined = start;
    for (let i = 0; i < 50 && r; i++) {
      if (r.successeur) {
        r = byId.get(r.successeur);
        continue;
      }
      if (r.pole && !r.dateFin) {
        r = byId.get(r.pole);
        continue;
      }
      return r.dateFin ? null : r.code;
    }
    return null;
  };
  for (const r of rows) {
    if (r.type !== 'COM' || !r.dateFin) continue;
    const to = finalCode(r);
    if (to) out.set(r.code, to);
  }
  history = out;
  return out;
}
