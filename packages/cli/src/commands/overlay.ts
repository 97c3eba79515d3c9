import { formatDecimal, formatInteger, formatPercent, frenchDate, plural, today, toCsv } from '@cls/core';
import { overlayZones, validateGeometry, type AreaCollection } from '@cls/geo';
import { communeFeatures, InputFileError, readBytes } from '@cls/io';
import { choiceOption, COMMON_OPTIONS, option, stringOption, UsageError, type Args, type OptionSpec } from '../args.ts';
import { dateOption, engineFromArgs } from './coverage.ts';
import { geometryFromArgs } from './geometry.ts';

/** The largest zones file read (parsed, a GeoJSON takes about ten times its size in memory). */
const MAX_ZONES_BYTES = 100 * 1024 * 1024;

export const OVERLAY_SPEC: OptionSpec = {
  ...COMMON_OPTIONS,
  'as-of': option('la date (défaut : aujourd’hui)', 'AAAA-MM-JJ'),
  id: option('la propriété qui nomme chaque zone (défaut : code)', 'code'),
  format: option('le format', 'text|csv'),
};

/**
 * `cls overlay ZONES.geojson [--as-of DATE] [--id code] [--format text|csv]`: for each zone (QPV
 * polygons, IRIS, a custom area; WGS84), the share of its area inside the communes covered at the
 * date, and its population covered when a `population` property is given (an estimate when the
 * zone spans several communes). A zone with a problem (null, no code, duplicated code, invalid or
 * self-intersecting geometry) is refused with a message naming it, never measured: exit code 1.
 */
export async function overlayCommand(args: Args, out: (s: string) => void): Promise<number> {
  const file = args.positional[0];
  if (!file)
    throw new UsageError('usage : pnpm cls overlay ZONES.geojson [--as-of AAAA-MM-JJ] [--id code] [--format text|csv]');
  const format = choiceOption(args, 'format', ['text', 'csv'] as const, 'text');
  const asOf = dateOption(args, 'as-of', today());
  let fc: AreaCollection;
  try {
    // A GeoJSON is held whole in memory, about ten times its size once parsed: bounded, and said.
    const text = new TextDecoder().decode(readBytes(file, MAX_ZONES_BYTES));
    if (text.trim() === '')
      throw new InputFileError(`${file} : fichier vide : une FeatureCollection GeoJSON est attendue`);
    fc = JSON.parse(text) as AreaCollection;
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`${file} : GeoJSON illisible (${(e as Error).message})`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InputFileError(`${file} : une FeatureCollection GeoJSON est attendue`);
  }
  const idProperty = stringOption(args, 'id', 'code');
  const problems = validateGeometry(fc, { idProperty });
  for (const p of problems) console.error(`${file} [${p.kind}] erreur : ${p.message} (zone écartée)`);
  const refused = new Set(problems.map((p) => p.index));
  const zones = { ...fc, features: fc.features.filter((_, k) => !refused.has(k)) };
  if (zones.features.length === 0)
    throw new InputFileError(`${file} : aucune zone utilisable sur ${fc.features.length}`);
  const { engine, exitCode } = await engineFromArgs(args);
  const coverage = engine.coverageAt(asOf);
  const status = new Map(coverage.communes.map((c) => [c.code, c.status]));
  const geometry = geometryFromArgs(args, coverage.cog);
  const communes = communeFeatures(geometry);
  // A long run says where it is, on stderr, every two seconds.
  let said = Date.now();
  const onProgress = (done: number, total: number) => {
    if (Date.now() - said < 2000) return;
    said = Date.now();
    console.error(`… ${done} zones sur ${total} mesurées`);
  };
  const rows = overlayZones(zones, communes, (code) => (status.get(code) ?? 'none') !== 'none', {
    idProperty,
    onProgress,
  });
  if (format === 'csv') {
    const head = [
      'zone',
      'surface_km2',
      'part_couverte',
      'communes',
      'population',
      'population_couverte',
      'estimation',
    ];
    out(
      toCsv([
        [
          head,
          ...rows.map((r) => [
            r.code,
            r.areaKm2,
            r.coveredShare,
            r.communes.map((c) => c.code).join('|'),
            r.population,
            r.populationCovered === null ? null : Math.round(r.populationCovered),
            r.estimate,
          ]),
        ],
      ]),
    );
  } else {
    out(
      `Zones couvertes au ${frenchDate(coverage.asOf)} (COG ${coverage.cog}) : ${plural(rows.length, 'zone', 'zones')}` +
        `${refused.size ? `, ${plural(refused.size, 'écartée', 'écartées')} (voir les erreurs)` : ''}.`,
    );
    for (const r of rows) {
      const pop =
        r.population === null
          ? ''
          : ` ; population ${formatInteger(r.population)}, dont couverte ${formatInteger(r.populationCovered!)}` +
            `${r.estimate ? ' (estimation au prorata des surfaces)' : ''}`;
      out(
        `- ${r.code} : ${formatDecimal(r.areaKm2, 2)} km², ${formatPercent(r.coveredShare, 1)} en zone couverte, ` +
          `sur ${r.communes.map((c) => c.code).join(', ') || 'aucune commune de la région'}${pop}`,
      );
    }
  }
  return problems.length ? 1 : exitCode;
}
