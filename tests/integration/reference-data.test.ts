import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import { area } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { codeMapping, resolveCommune, resolvePerimeter, type Reference } from '@cls/core';
import {
  COG_YEARS,
  loadReference,
  loadCommuneTopology,
  readJson,
  dataPath,
  loadDocuments,
  loadPriorityTerritories,
  loadUndatedDocuments,
  readBuildFile,
  readBuildManifest,
  regionReference,
  verifyBuild,
} from '@cls/io';

describe('reference data by COG year (real @etalab/decoupage-administratif versions)', () => {
  it('region 32, COG 2019: 3,789 communes, population municipale 6,002,372 (census 2016)', () => {
    const r = loadReference(2019);
    expect(r.communes).toHaveLength(3789);
    expect(r.communes.reduce((s, c) => s + c.population, 0)).toBe(6_002_372);
    expect(r.populationYear).toBe(2016);
    expect(r.communes.find((c) => c.code === '59350')).toMatchObject({
      name: 'Lille',
      population: 232_440,
      department: '59',
      epci: expect.stringMatching(/^\d{9}$/),
    });
  });

  it('region 32, COG 2026: 3,782 communes; its populations are flagged as repeating 2025', () => {
    const r = loadReference(2026);
    expect(r.communes).toHaveLength(3782);
    expect(r.populationNote).toMatch(/reprises du COG 2025/);
  });

  it('every year loads, every commune has an EPCI, codes keep leading zeros', () => {
    for (const y of COG_YEARS) {
      const r = loadReference(y);
      expect(r.cog).toBe(y);
      expect(r.communes.length).toBeGreaterThan(3780);
      expect(r.communes.every((c) => /^(\d{5}|2[AB]\d{3})$/.test(c.code))).toBe(true);
      expect(r.communes.filter((c) => c.epci === null)).toEqual([]);
      expect(r.communes.some((c) => c.code.startsWith('02'))).toBe(true);
    }
  });

  it('serves other regions and the whole of France (Corsica codes kept as strings)', () => {
    const corse = loadReference(2024, { region: '94' });
    expect(corse.communes.some((c) => c.code === '2A004')).toBe(true);
    const france = loadReference(2026, { region: null });
    expect(france.communes.length).toBeGreaterThan(34_000);
    expect(france.epcis.length).toBeGreaterThan(1_200);
  });

  it('CA de Lens-Liévin in 2019 = 36 communes, 242,386 inhabitants, equal to the DGCL figure', () => {
    const r = loadReference(2019);
    const p = resolvePerimeter(['246200364'], r);
    const pop = p.communes.reduce((s, c) => s + r.communes.find((x) => x.code === c)!.population, 0);
    expect(p.communes).toHaveLength(36);
    expect(pop).toBe(242_386);
    expect(r.epcis.find((e) => e.siren === '246200364')!.population).toBe(242_386);
  });

  it('maps communes across years: merges go to the successor, a restored commune follows its parent', () => {
    const r19 = loadReference(2019);
    const r24 = loadReference(2024);
    const r26 = loadReference(2026);
    const mapped = (codes: string[], from: Reference, to: Reference) => {
      const m = codeMapping(from, to);
      return [...new Set(codes.flatMap((c) => m.get(c) ?? []))].sort();
    };
    expect(mapped(['02077', '02564'], r19, r24)).toEqual(['02564']);
    // Les Hauts-Talican (60054 in 2019) split again: Beaumont-les-Nonains took back 60054, the rest is 60694.
    expect(mapped(['60054'], r19, r24)).toEqual(['60054', '60694']);
    expect(mapped(['62461', '62549'], r24, r26)).toEqual(['62447']);
    // 2018 codes absorbed on 2019-01-01 (from the 2019 history file), as a perimeter reads them.
    expect(resolveCommune('80389', r26)).toMatchObject({ status: 'succeeded', code: '80442' });
  });

  it('the whole 2019 region maps onto the whole 2026 region', () => {
    const r19 = loadReference(2019);
    const r26 = loadReference(2026);
    const m = codeMapping(r19, r26);
    const mapped = new Set(r19.communes.flatMap((c) => m.get(c.code) ?? []));
    expect(mapped.size).toBe(r26.communes.length);
  });
});

describe('shipped registry', () => {
  it('documents.csv validates with no error and every row has a source', async () => {
    const r = await loadDocuments(dataPath('registry', 'documents.csv'), { today: '2026-11-23' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.rejectedLines).toEqual([]);
    expect(r.accepted.length).toBe(r.rowCount);
    expect(r.accepted.every((d) => /^https?:\/\//.test(d.sourceUrl) && d.evidence.length > 10)).toBe(true);
    expect(r.accepted.some((d) => !d.verified)).toBe(true);
  });

  it('documents.csv never invents a month or a day: a source giving the year alone is year precision', async () => {
    const docs = (await loadDocuments(dataPath('registry', 'documents.csv'), { today: '2026-11-23' })).accepted;
    const yearOnly = docs.filter((d) => d.evidence.includes('année seule'));
    expect(yearOnly.map((d) => d.id).sort()).toEqual([
      'amiens-cls-2015',
      'chateau-thierry-cls-2018',
      'laon-cls-2016',
      'lens-lievin-avenant-2023',
    ]);
    for (const d of yearOnly) expect([d.id, d.signedPrecision]).toEqual([d.id, 'year']);
    // A date deduced from anything but the source's own words is unverified.
    for (const d of docs.filter((x) => /déduit|déduite/.test(x.evidence)))
      expect([d.id, d.verified]).toEqual([d.id, false]);
  });

  it('undated.csv: sourced documents without a usable date, none also in documents.csv', async () => {
    const undated = await loadUndatedDocuments(dataPath('registry', 'undated.csv'));
    expect(undated.diagnostics).toEqual([]);
    const dated = new Set(
      (await loadDocuments(dataPath('registry', 'documents.csv'), { today: '2026-11-23' })).accepted.map((d) => d.id),
    );
    expect(undated.accepted.length).toBeGreaterThan(10);
    expect(undated.accepted.length).toBe(undated.rowCount);
    for (const d of undated.accepted) {
      expect([d.id, d.dateNote.length > 5]).toEqual([d.id, true]);
      expect(dated.has(d.id)).toBe(false);
    }
  });

  it('priority-territories.csv: 2 PRAPS territories and the 204 QPV 2024', async () => {
    const r = await loadPriorityTerritories(dataPath('registry', 'priority-territories.csv'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.accepted.filter((t) => t.kind === 'qpv')).toHaveLength(204);
    expect(r.accepted.filter((t) => t.kind === 'praps').map((t) => t.id)).toEqual([
      'praps-bassin-minier',
      'praps-sambre-avesnois-thierache',
    ]);
    const sat = r.accepted.find((t) => t.id === 'praps-sambre-avesnois-thierache')!;
    expect(resolvePerimeter(sat.perimeter, loadReference(2019)).communes).toHaveLength(311);
  });
});

describe('shipped geometry (quantized TopoJSON)', () => {
  for (const year of [2019, 2024, 2026]) {
    it(`communes ${year}: every code of the COG year, areas within 0.5% of the source`, () => {
      const topo = loadCommuneTopology(year);
      const fc = feature(topo, topo.objects.communes!) as unknown as FeatureCollection;
      const codes = fc.features.map((f) => String(f.properties!.code)).sort();
      const cog = year === 2026 ? 2026 : year;
      expect(codes).toEqual(
        loadReference(cog)
          .communes.map((c) => c.code)
          .sort(),
      );
      const source = readJson<Record<string, number>>(dataPath('geo', '32', `communes-${year}.source-areas.json.gz`));
      let worst = 0;
      for (const f of fc.features) worst = Math.max(worst, Math.abs(area(f) / source[String(f.properties!.code)]! - 1));
      expect(worst).toBeLessThan(0.005);
    });
  }
});

describe('the build the CLI reads (data/build, made by pnpm build:data)', () => {
  const manifest = readBuildManifest('32');
  if (!manifest) throw new Error('data/build absent : lancez pnpm build:data');

  it('gives, for every COG year, the same reference as the national packages', () => {
    for (const cog of COG_YEARS) {
      const built = regionReference(cog, '32');
      const full = loadReference(cog);
      expect(built).not.toBe(full);
      const inRegion = new Set(full.communes.map((c) => c.code));
      const epcis = (r: Reference) =>
        r.epcis.map((e) => ({ ...e, members: e.members.filter((m) => inRegion.has(m)).sort() }));
      expect(built.communes).toEqual(full.communes);
      expect(epcis(built)).toEqual(epcis(full));
      expect(built.successions).toEqual(full.successions);
      expect(built.regionsOfEpci).toEqual(full.regionsOfEpci);
      expect(new Map([...built.regionOfCode].sort())).toEqual(new Map([...full.regionOfCode].sort()));
      expect(built.regionOfCode.get('75056')).toBe('11'); // another region stays known: "hors région", not "inconnu"
      expect([built.source, built.populationYear]).toEqual([full.source, full.populationYear]);
    }
  });

  it('gives the whole of France, for every COG year, as the national packages do', () => {
    for (const cog of COG_YEARS) {
      const built = regionReference(cog, null);
      const full = loadReference(cog, { region: null });
      expect(built.communes.length).toBeGreaterThan(34_000);
      expect(built.region).toBeNull();
      // Bug: the communes of the collectivités d'outre-mer (975…988) had no department.
      expect(full.communes.filter((c) => !/^(\d{2}|2[AB]|\d{3})$/.test(c.department))).toEqual([]);
      expect(built.communes).toEqual(full.communes);
      expect(built.epcis.map((e) => ({ ...e, members: [...e.members].sort() }))).toEqual(
        full.epcis.map((e) => ({ ...e, members: [...e.members].sort() })),
      );
      expect(built.successions).toEqual(full.successions);
      expect(built.regionsOfEpci).toEqual(full.regionsOfEpci);
      expect(new Map([...built.regionOfCode].sort())).toEqual(new Map([...full.regionOfCode].sort()));
      expect([built.source, built.populationYear, built.populationNote]).toEqual([
        full.source,
        full.populationYear,
        full.populationNote,
      ]);
    }
  });

  it('matches its manifest, file by file', () => {
    expect(Object.keys(manifest.files).length).toBeGreaterThan(1000);
    expect(verifyBuild(manifest)).toEqual([]);
  });

  it('a file changed or missing after the build is refused, naming it (bug: half-written builds served)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cls-built-'));
    mkdirSync(join(dir, '2024'));
    const real = readFileSync(dataPath('build', '2024', 'codes.json'));
    writeFileSync(join(dir, '2024', 'codes.json'), real.subarray(0, real.length - 10));
    const files = { '2024/codes.json': manifest.files['2024/codes.json']!, '2025/codes.json': 'ab' };
    const copy = { ...manifest, files };
    writeFileSync(join(dir, 'manifest-32.json'), JSON.stringify(copy));
    const read = readBuildManifest('32', dir)!;
    expect(verifyBuild(read, dir)).toEqual([
      'data/build/2024/codes.json : contenu différent du manifeste (build incomplet ou modifié) ; relancez « pnpm build:data »',
      'data/build/2025/codes.json : fichier annoncé par le manifeste mais absent ; relancez « pnpm build:data »',
    ]);
    expect(() => readBuildFile(read, '2024/reference-32.json', dir)).toThrow(/absent du manifeste/);
  });
});
