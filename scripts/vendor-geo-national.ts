/**
 * Maintainer-only: converts the staged national polygons of `../shared/data/geo-national/` into the
 * per-region, quantized, gzipped TopoJSON files shipped in `data/geo/<region>/` (see
 * data/geo/PROVENANCE.md). Region 32 keeps its own files (made by scripts/vendor-geo.ts). The product
 * never reads `../shared`; this script is kept so the shipped files can be regenerated and audited.
 *
 * For each region and geometry year (2019, 2024, 2026):
 * - 2024: Etalab/IGN via qualicharge (Licence Ouverte), or CARTElette (ODbL) for 44, 75, 76; the
 *   municipal arrondissements of Paris, Lyon and Marseille are left out (their commune is kept);
 * - 2019: CARTElette 2019 (`TYPE` COM) for metropolitan France; the 2024 polygons overseas (no
 *   overseas commune changed between the two years: checked below against the packages);
 * - 2026: the 2024 polygons renamed to their 2026 commune and dissolved along shared arcs.
 * Every code list is checked against `@etalab/decoupage-administratif` of the same year: the script
 * stops on the first commune missing or extra.
 *
 *   pnpm tsx scripts/vendor-geo-national.ts [path/to/shared/data/geo-national] [--region 53,04]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { area } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { feature } from 'topojson-client';
import { dissolveBy, recodeTopology, type CommuneTopology } from '@cls/geo';
import { loadReference } from '@cls/io';
import type { CogYear } from '@cls/core';

const args = process.argv.slice(2);
const regionArg = args.indexOf('--region');
const only = regionArg >= 0 ? args[regionArg + 1]!.split(',') : null;
const positional = args.filter((a, i) => !a.startsWith('--') && i !== regionArg + 1);
const src = resolve(positional[0] ?? join(import.meta.dirname, '../../shared/data/geo-national'));
if (!existsSync(src)) {
  console.error(`vendor-geo-national : dossier source introuvable : ${src}`);
  process.exit(1);
}
const out = join(import.meta.dirname, '../data/geo');

/** Regions served by an ARS; 32 is vendored by scripts/vendor-geo.ts. */
const REGIONS = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '44', '52', '53', '75', '76', '84', '93', '94'];
const OVERSEAS = new Set(['01', '02', '03', '04', '06']);
const CARTELETTE_2024 = new Set(['44', '75', '76']);
/** Same step as region 32: 1e6 over the region's bounding box (well under a metre). */
const QUANTIZATION = 1e6;

const readGz = (path: string) => JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as FeatureCollection;
const cartelette2019 = readGz(join(src, 'cartelette/communes_2019_cartelette.geojson.gz'));
const cartelette2024 = readGz(join(src, 'cartelette/communes_2024_cartelette.geojson.gz'));

/** Features with only `code` and `nom`, sorted by code. */
function slim(features: Feature[], code: string, name: string): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features
      .map((f) => ({
        type: 'Feature' as const,
        properties: { code: String(f.properties![code]), nom: String(f.properties![name]) },
        geometry: f.geometry,
      }))
      .sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1)),
  };
}

/**
 * Communes split between COG 2024 and 2026: the restored communes have no polygon in any source
 * here, so the 2026 file keeps the former commune's whole extent under its own code (listed in
 * data/geo/PROVENANCE.md; the loader reports the restored communes as without geometry).
 */
const KNOWN_SPLITS: Record<string, string[]> = { '15141': ['15031', '15035', '15047', '15171'] };

/** Stops unless the codes are exactly the region's communes of the COG year (known splits aside). */
function checkCodes(fc: FeatureCollection, region: string, cog: CogYear, allowedMissing: string[] = []): void {
  const codes = new Set(fc.features.map((f) => String(f.properties!.code)));
  const expected = new Set(loadReference(cog, { region }).communes.map((c) => c.code));
  const missing = [...expected].filter((c) => !codes.has(c) && !allowedMissing.includes(c));
  const extra = [...codes].filter((c) => !expected.has(c));
  if (missing.length || extra.length || codes.size !== fc.features.length)
    throw new Error(
      `région ${region}, COG ${cog} : ${missing.length} commune(s) manquante(s) (${missing.slice(0, 5).join(', ')}), ` +
        `${extra.length} en trop (${extra.slice(0, 5).join(', ')}), ${fc.features.length - codes.size} en double`,
    );
}

function write(region: string, year: CogYear, fc: FeatureCollection): CommuneTopology {
  const dir = join(out, region);
  mkdirSync(dir, { recursive: true });
  const areas = Object.fromEntries(fc.features.map((f) => [String(f.properties!.code), Math.round(area(f))]));
  writeFileSync(join(dir, `communes-${year}.source-areas.json.gz`), gzipSync(JSON.stringify(areas), { level: 9 }));
  const topo = topology({ communes: fc }, QUANTIZATION) as unknown as CommuneTopology;
  const bytes = gzipSync(JSON.stringify(topo), { level: 9 });
  writeFileSync(join(dir, `communes-${year}.topo.json.gz`), bytes);
  console.log(`${region} ${year} : ${fc.features.length} communes, ${(bytes.length / 1e6).toFixed(2)} Mo`);
  return topo;
}

const ETALAB =
  'IGN – ADMIN EXPRESS COG, contours administratifs Etalab 2024 via MTES-MCT/qualicharge ; Licence Ouverte 2.0';
const CARTELETTE = '© ADMIN EXPRESS COG (IGN) et projet CARTElette (github.com/antuki/CARTElette) ; ODbL 1.0';

for (const region of REGIONS.filter((r) => !only || only.includes(r))) {
  // The attribution each year's polygons must carry wherever they are shown (see data/geo/PROVENANCE.md).
  const from2024 = CARTELETTE_2024.has(region) ? CARTELETTE : ETALAB;
  const sources = {
    2019: OVERSEAS.has(region) ? `${from2024} (polygones 2024 : aucune commune changée depuis 2019)` : CARTELETTE,
    2024: from2024,
    2026: `${from2024} (recodé au COG 2026 : communes fusionnées réunies)`,
  };
  mkdirSync(join(out, region), { recursive: true });
  writeFileSync(join(out, region, 'sources.json'), `${JSON.stringify(sources, null, 2)}\n`);
  const isArrondissement = (code: string) => /^(751[0-2]\d|6938\d|132[0-1]\d)$/.test(code);
  const c2024 = CARTELETTE_2024.has(region)
    ? slim(
        cartelette2024.features.filter((f) => f.properties!.INSEE_REG === region),
        'INSEE_COM',
        'NOM',
      )
    : slim(
        readGz(join(src, `qualicharge-2024/region_${region}_com.geojson.gz`)).features.filter(
          (f) => !isArrondissement(String(f.properties!.code)),
        ),
        'code',
        'nom',
      );
  checkCodes(c2024, region, 2024);
  const topo2024 = write(region, 2024, c2024);

  const c2019 = OVERSEAS.has(region)
    ? c2024
    : slim(
        cartelette2019.features.filter((f) => f.properties!.INSEE_REG === region && f.properties!.TYPE === 'COM'),
        'INSEE_COM',
        'NOM_COM',
      );
  checkCodes(c2019, region, 2019);
  write(region, 2019, c2019);

  const ref2024 = loadReference(2024, { region });
  const ref2026 = loadReference(2026, { region });
  const recoded = recodeTopology(topo2024, ref2024, ref2026);
  const splits = recoded.ambiguous.filter((a) => KNOWN_SPLITS[a.code]);
  const restored = splits.flatMap((a) => KNOWN_SPLITS[a.code]!);
  if (recoded.missing.some((c) => !restored.includes(c)) || recoded.ambiguous.length > splits.length)
    throw new Error(
      `région ${region} : COG 2026 non dérivable de 2024 (${recoded.missing.length} sans géométrie, ` +
        `${recoded.ambiguous.length} scissions)`,
    );
  const names = new Map(ref2026.communes.map((c) => [c.code, c.name]));
  const dissolved = dissolveBy(recoded.topology, (code) => code);
  const c2026: FeatureCollection = {
    type: 'FeatureCollection',
    features: dissolved.features
      .map((f) => ({
        type: 'Feature' as const,
        properties: { code: f.properties.key, nom: names.get(f.properties.key) ?? f.properties.key },
        geometry: f.geometry,
      }))
      .sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1)),
  };
  checkCodes(c2026, region, 2026, restored);
  if (restored.length) console.log(`${region} 2026 : sans polygone (scission) : ${restored.join(', ')}`);
  write(region, 2026, c2026);
  // A quick look that the derived file is the 2024 one where nothing merged.
  const back = feature(topo2024, topo2024.objects.communes) as unknown as FeatureCollection;
  console.log(`${region} : ${back.features.length - c2026.features.length} fusion(s) de 2024 à 2026`);
}
