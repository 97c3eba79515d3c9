import {
  clipValue,
  formatDiagnostic,
  frenchDate,
  plural,
  today,
  toCsv,
  type CsvCell,
  type Diagnostic,
} from '@cls/core';
import { createLocator } from '@cls/geo';
import { InputFileError, readBytes } from '@cls/io';
import { readCsvTable, withErrors } from '@cls/tables';
import { writeOutput } from '../write-output.ts';
import { COMMON_OPTIONS, option, stringOption, UsageError, type Args, type OptionSpec } from '../args.ts';
import { dateOption, engineFromArgs } from './coverage.ts';
import { geometryFromArgs } from './geometry.ts';

const LON = ['lon', 'lng', 'long', 'longitude', 'x'];
const LAT = ['lat', 'latitude', 'y'];

export const LOCATE_SPEC: OptionSpec = {
  ...COMMON_OPTIONS,
  'as-of': option('la date (défaut : aujourd’hui)', 'AAAA-MM-JJ'),
  out: option('le fichier écrit (jamais l’une des entrées ; défaut : la sortie standard)', 'SORTIE.csv'),
};

/**
 * `cls locate FILE [--as-of DATE] [--out FILE]`: a CSV of addresses with coordinates (WGS84
 * longitude/latitude columns) in, the same CSV with `insee`, `status`, `documents` and `erreur`
 * out. Every input row is in the output, a malformed one with its error. Exit 1 when a row has an error.
 */
export async function locateCommand(args: Args, out: (s: string) => void): Promise<number> {
  const file = args.positional[0];
  if (!file) throw new UsageError('usage : pnpm cls locate FICHIER.csv [--as-of AAAA-MM-JJ] [--out SORTIE.csv]');
  const asOf = dateOption(args, 'as-of', today());
  const table = readCsvTable(readBytes(file), file, { required: [], keepOtherColumns: true });
  if (!table.headerOk) throw new InputFileError(withErrors(`${file} : en-tête inutilisable`, table.diagnostics));
  const diagnostics: Diagnostic[] = [...table.diagnostics];
  // Columns this command adds: an input that has them (an earlier output) would get a second set.
  const added = ['insee', 'status', 'documents', 'erreur'].filter((c) => table.columns.includes(c));
  if (added.length)
    throw new InputFileError(
      `${file}:1 : colonne${added.length > 1 ? 's' : ''} ${added.join(', ')} déjà présente${added.length > 1 ? 's' : ''} ` +
        '(une sortie de locate ?) : retirez-les ou renommez-les, locate les ajoute',
    );
  // Two longitude (or latitude) columns: which one is meant cannot be told.
  for (const [names, what] of [
    [LON, 'longitude'],
    [LAT, 'latitude'],
  ] as const) {
    const found = table.columns.filter((c) => names.includes(c));
    if (found.length > 1)
      throw new InputFileError(`${file}:1 : plusieurs colonnes de ${what} (${found.join(', ')}) : gardez-en une`);
  }
  const lonCol = table.columns.find((c) => LON.includes(c));
  const latCol = table.columns.find((c) => LAT.includes(c));
  if (!lonCol || !latCol) {
    throw new InputFileError(
      `${file}:1 : colonnes de coordonnées introuvables (longitude : ${LON.join('/')} ; latitude : ${LAT.join('/')}) ` +
        `dans l'en-tête ${clipValue(table.rawColumns.join(', '))}`,
    );
  }
  const { engine, exitCode, loaded } = await engineFromArgs(args);
  const coverage = engine.coverageAt(asOf);
  const byCode = new Map(coverage.communes.map((c) => [c.code, c]));
  // Straight from the topology: no GeoJSON built (merged communes are pieces with the same code).
  const geometry = geometryFromArgs(args, coverage.cog);
  const locator = createLocator(geometry.topology);
  // A decimal comma is read as a point unless the comma is the separator.
  const commaSeparated = table.source.format === 'csv' && table.source.delimiter === ',';
  const num = (s: string) => Number(commaSeparated ? s : s.replace(',', '.'));
  const width = table.columns.length;
  const counts = { cls: 0, charte: 0, none: 0, outside: 0, error: 0 };
  const lines: Array<{ line: number; cells: CsvCell[] }> = [];
  const fail = (line: number, field: string | null, message: string) => {
    counts.error++;
    diagnostics.push({ severity: 'error', file, line, field, message });
    return ['', 'erreur', '', message];
  };
  for (const m of table.malformed) {
    const cells = Array.from({ length: width }, (_, j) => m.fields[j] ?? '');
    lines.push({
      line: m.line,
      cells: [
        ...cells,
        ...['', 'erreur', '', `ligne mal formée : ${m.message} (« ${clipValue(m.fields.join(' | '))} »)`],
      ],
    });
    counts.error++;
  }
  // Rows with usable coordinates are located together (one batch is faster than row by row).
  const located: CsvCell[][] = [];
  const lonLat: number[] = [];
  for (const row of table.rows) {
    const rawLon = row.values[lonCol]!;
    const rawLat = row.values[latCol]!;
    const lon = num(rawLon);
    const lat = num(rawLat);
    const cells: CsvCell[] = table.rawColumns.map((_, j) => row.values[table.columns[j]!] ?? '');
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || rawLon === '' || rawLat === '') {
      const message = `coordonnées illisibles (« ${clipValue(rawLon)} », « ${clipValue(rawLat)} »)`;
      cells.push(...fail(row.line, `${lonCol}/${latCol}`, message));
    } else if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      const l93 = lon > 50_000 && lat > 6_000_000 ? ' : Lambert-93 (EPSG:2154) probable, reprojetez en WGS84' : '';
      cells.push(
        ...fail(row.line, `${lonCol}/${latCol}`, `coordonnées (${lon}, ${lat}) hors longitude/latitude${l93}`),
      );
    } else {
      located.push(cells);
      lonLat.push(lon, lat);
    }
    lines.push({ line: row.line, cells });
  }
  const codes = locator.locateAll(lonLat);
  // Most points outside the region while their swap falls inside: latitude and longitude were inverted.
  const outside = codes.filter((c) => !c).length;
  if (codes.length > 0 && outside > codes.length / 2) {
    const swapped = new Float64Array(lonLat.length);
    for (let i = 0; i < lonLat.length; i += 2) {
      swapped[i] = lonLat[i + 1]!;
      swapped[i + 1] = lonLat[i]!;
    }
    const inside = locator.locateAll(swapped).filter((c) => c).length;
    if (inside > outside / 2)
      console.error(
        `Attention : ${plural(outside, 'point', 'points')} sur ${codes.length} hors région, mais ${inside} ` +
          `tomberaient dans la région en échangeant latitude et longitude : coordonnées inversées ? ` +
          `(colonnes lues : longitude « ${lonCol} », latitude « ${latCol} »)`,
      );
  }
  codes.forEach((code, k) => {
    const c = code ? byCode.get(code) : undefined;
    if (!c) {
      counts.outside++;
      located[k]!.push('', 'hors-region', '', '');
    } else {
      counts[c.status]++;
      located[k]!.push(c.code, c.status, c.documents.join('|'), '');
    }
  });
  lines.sort((a, b) => a.line - b.line);
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  const text = toCsv([[[...table.rawColumns, 'insee', 'status', 'documents', 'erreur'], ...lines.map((l) => l.cells)]]);
  const outFile = stringOption(args, 'out', '');
  // Never over an input: the addresses, the registry, the priority territories, the QPV populations.
  const inputs = [file, ...['registry', 'priority', 'qpv-populations'].map((o) => stringOption(args, o, ''))];
  if (outFile)
    writeOutput(outFile, text, [
      ...inputs.filter((x) => x),
      ...Object.values(loaded.files).filter((x): x is string => !!x),
    ]);
  else out(text);
  console.error(
    `${plural(lines.length, 'adresse', 'adresses')} au ${frenchDate(coverage.asOf)} (COG ${coverage.cog}) : ` +
      `${counts.cls} en CLS, ${counts.charte} en charte, ` +
      `${counts.none} sans document, ${counts.outside} hors région, ${counts.error} en erreur.`,
  );
  // An error in the file itself (e.g. a header with no data row) is an input problem too.
  const fileErrors = table.diagnostics.some((d) => d.severity === 'error');
  return counts.error > 0 || fileErrors ? 1 : exitCode;
}
