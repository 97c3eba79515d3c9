import { readFileSync } from 'node:fs';
import { formatDecimal, formatInteger, formatPercent, today } from '@cls/core';
import { overlayZones, validateGeometry, type AreaCollection } from '@cls/geo';
import { communeFeatures, loadCommuneGeometry } from '@cls/io';
import type { Args } from '../args.ts';
import { stringOption } from '../args.ts';
import { dateOption, engineFromArgs } from './coverage.ts';

/**
 * `cls overlay ZONES.geojson [--as-of DATE] [--id code] [--format text|csv]`: for each zone (QPV
 * polygons, IRIS, a custom area; WGS84), the share of its area inside the communes covered at the
 * date, and its population covered when a `population` property is given (an estimate when the
 * zone spans several communes). Invalid geometries are reported by code and left out.
 */
export function overlayCommand(args: Args, out: (s: string) => void): number {
  const file = args.positional[0];
  if (!file)
    throw new Error('usage : pnpm cls overlay ZONES.geojson [--as-of AAAA-MM-JJ] [--id code] [--format text|csv]');
  let fc: AreaCollection;
  try {
    fc = JSON.parse(readFileSync(file, 'utf8')) as AreaCollection;
  } catch (e) {
    throw new Error(`${file} : GeoJSON illisible (${(e as Error).message})`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new Error(`${file} : une FeatureCollection GeoJSON est attendue`);
  const idProperty = stringOption(args, 'id', 'code');
  const problems = validateGeometry(fc, { idProperty });
  for (const p of problems) console.error(`${file} [${p.kind}] erreur : ${p.message}`);
  const bad = new Set(problems.filter((p) => p.kind !== 'self-intersection').map((p) => p.code));
  const zones = {
    ...fc,
    features: fc.features.filter(
      (f, k) => !bad.has(String((f.properties as Record<string, unknown> | null)?.[idProperty] ?? `#${k + 1}`)),
    ),
  };
  const { engine } = engineFromArgs(args);
  const coverage = engine.coverageAt(dateOption(args, 'as-of', today()));
  const status = new Map(coverage.communes.map((c) => [c.code, c.status]));
  const rows = overlayZones(
    zones,
    communeFeatures(loadCommuneGeometry(coverage.cog)),
    (code) => (status.get(code) ?? 'none') !== 'none',
    { idProperty },
  );
  if (stringOption(args, 'format', 'text') === 'csv') {
    out(
      [
        'zone;surface_km2;part_couverte;communes;population;population_couverte;estimation',
        ...rows.map((r) =>
          [
            r.code,
            r.areaKm2.toFixed(3).replace('.', ','),
            r.coveredShare.toFixed(4).replace('.', ','),
            r.communes.map((c) => c.code).join('|'),
            r.population ?? '',
            r.populationCovered === null ? '' : Math.round(r.populationCovered),
            r.estimate ? 'oui' : 'non',
          ].join(';'),
        ),
      ].join('\r\n'),
    );
  } else {
    out(
      `Zones couvertes au ${coverage.asOf} (COG ${coverage.cog}) : ${rows.length} zone(s)${bad.size ? `, ${bad.size} écartée(s) pour géométrie invalide` : ''}.`,
    );
    for (const r of rows) {
      const pop =
        r.population === null
          ? ''
          : ` ; population ${formatInteger(r.population)}, dont couverte ${formatInteger(r.populationCovered!)}${r.estimate ? ' (estimation au prorata des surfaces)' : ''}`;
      out(
        `- ${r.code} : ${formatDecimal(r.areaKm2, 2)} km², ${formatPercent(r.coveredShare, 1)} en zone couverte, sur ${r.communes.map((c) => c.code).join(', ') || 'aucune commune de la région'}${pop}`,
      );
    }
  }
  return problems.length ? 1 : 0;
}
