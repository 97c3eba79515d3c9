import { readFileSync, writeFileSync } from 'node:fs';
import { formatDiagnostic, today, type Diagnostic } from '@cls/core';
import { createLocator } from '@cls/geo';
import { communeFeatures, loadCommuneGeometry, readCsvTable } from '@cls/io';
import type { Args } from '../args.ts';
import { stringOption } from '../args.ts';
import { dateOption, engineFromArgs } from './coverage.ts';

const LON = ['lon', 'lng', 'long', 'longitude', 'x'];
const LAT = ['lat', 'latitude', 'y'];

/**
 * `cls locate FILE [--as-of DATE] [--out FILE]`: a CSV of addresses with coordinates (WGS84
 * longitude/latitude columns) in, the same CSV with `insee`, `status` and `documents` out.
 */
export function locateCommand(args: Args, out: (s: string) => void): number {
  const file = args.positional[0];
  if (!file) throw new Error('usage : pnpm cls locate FICHIER.csv [--as-of AAAA-MM-JJ] [--out SORTIE.csv]');
  const table = readCsvTable(readFileSync(file), file, { required: [], keepOtherColumns: true });
  const diagnostics: Diagnostic[] = [...table.diagnostics];
  const lonCol = table.columns.find((c) => LON.includes(c));
  const latCol = table.columns.find((c) => LAT.includes(c));
  if (!lonCol || !latCol) {
    throw new Error(
      `${file}:1 : colonnes de coordonnées introuvables (longitude : ${LON.join('/')} ; latitude : ${LAT.join('/')}) dans l'en-tête ${table.rawColumns.join(', ')}`,
    );
  }
  const { engine } = engineFromArgs(args);
  const coverage = engine.coverageAt(dateOption(args, 'as-of', today()));
  const byCode = new Map(coverage.communes.map((c) => [c.code, c]));
  const locator = createLocator(communeFeatures(loadCommuneGeometry(coverage.cog)));
  const sep = table.delimiter;
  const num = (s: string) => Number(sep === ';' ? s.replace(',', '.') : s);
  const cell = (s: string) =>
    s.includes(sep) || s.includes('"') || /[\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  const lines = [[...table.rawColumns, 'insee', 'status', 'documents'].map(cell).join(sep)];
  const counts = { cls: 0, charte: 0, none: 0, outside: 0, error: 0 };
  for (const row of table.rows) {
    const lon = num(row.values[lonCol]!),
      lat = num(row.values[latCol]!);
    let insee = '',
      status = '',
      documents = '';
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || row.values[lonCol] === '' || row.values[latCol] === '') {
      status = 'erreur';
      counts.error++;
      diagnostics.push({
        severity: 'error',
        file,
        line: row.line,
        field: `${lonCol}/${latCol}`,
        message: `coordonnées illisibles (« ${row.values[lonCol]} », « ${row.values[latCol]} »)`,
      });
    } else if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      status = 'erreur';
      counts.error++;
      diagnostics.push({
        severity: 'error',
        file,
        line: row.line,
        field: `${lonCol}/${latCol}`,
        message: `coordonnées (${lon}, ${lat}) hors longitude/latitude${lon > 50_000 && lat > 6_000_000 ? ' : Lambert-93 (EPSG:2154) probable, reprojetez en WGS84' : ''}`,
      });
    } else {
      const code = locator.locate(lon, lat);
      if (!code) {
        status = 'hors-region';
        counts.outside++;
      } else {
        const c = byCode.get(code)!;
        insee = code;
        status = c.status;
        documents = c.documents.join('|');
        counts[c.status]++;
      }
    }
    lines.push(
      [...table.rawColumns.map((_, j) => row.values[table.columns[j]!] ?? ''), insee, status, documents]
        .map(cell)
        .join(sep),
    );
  }
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  const text = `${lines.join('\r\n')}\r\n`;
  const outFile = stringOption(args, 'out', '');
  if (outFile) writeFileSync(outFile, (table.encoding === 'utf-8' ? '' : '\uFEFF') + text);
  else out(text.trimEnd());
  console.error(
    `${table.rows.length} adresses au ${coverage.asOf} (COG ${coverage.cog}) : ${counts.cls} en CLS, ${counts.charte} en charte, ${counts.none} sans document, ${counts.outside} hors région, ${counts.error} en erreur.`,
  );
  return counts.error > 0 ? 1 : 0;
}
