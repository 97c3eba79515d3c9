/**
 * Maintainer-only: converts the staged GeoJSON files of `../shared/data/geo/` into the compact,
 * quantized, gzipped TopoJSON files shipped in `data/geo/32/`. The product never reads `../shared`; this
 * script is kept so the shipped files can be regenerated and audited (see data/geo/PROVENANCE.md).
 *
 *   pnpm tsx scripts/vendor-geo.ts [path/to/shared/data/geo]
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { topology } from 'topojson-server';
import { area } from '@turf/turf';
import type { FeatureCollection } from 'geojson';

const src = resolve(process.argv[2] ?? join(import.meta.dirname, '../../shared/data/geo'));
if (!existsSync(src)) {
  console.error(`vendor-geo: dossier source introuvable : ${src}`);
  process.exit(1);
}
const out = join(import.meta.dirname, '../data/geo/32');
mkdirSync(out, { recursive: true });

/** Quantization: 1e6 steps over the region's ~5° bbox is ~0.5 m, far below the sources' precision. */
const QUANTIZATION = 1e6;

const jobs: Array<{ file: string; name: string; object: string; keep: string[] }> = [
  { file: 'communes-hdf-cog2019-derived.geojson', name: 'communes-2019', object: 'communes', keep: ['code', 'nom'] },
  {
    file: 'communes-hdf-cog2024-etalab-qualicharge.geojson',
    name: 'communes-2024',
    object: 'communes',
    keep: ['code', 'nom'],
  },
  { file: 'communes-hdf-cog2026-derived.geojson', name: 'communes-2026', object: 'communes', keep: ['code', 'nom'] },
  {
    file: 'epci-hdf-2024-etalab-qualicharge.geojson',
    name: 'epci-2024-qualicharge',
    object: 'epci',
    keep: ['code', 'nom'],
  },
];

for (const job of jobs) {
  const fc = JSON.parse(readFileSync(join(src, job.file), 'utf8')) as FeatureCollection;
  for (const f of fc.features) {
    const props = f.properties ?? {};
    f.properties = Object.fromEntries(job.keep.map((k) => [k, String(props[k])]));
    f.id = undefined;
  }
  // Areas of the source features (m², turf geodesic), kept to check the quantized round trip.
  const areas = Object.fromEntries(fc.features.map((f) => [String(f.properties!.code), Math.round(area(f))]));
  writeFileSync(join(out, `${job.name}.source-areas.json.gz`), gzipSync(JSON.stringify(areas), { level: 9 }));
  const topo = topology({ [job.object]: fc }, QUANTIZATION);
  const path = join(out, `${job.name}.topo.json.gz`);
  writeFileSync(path, gzipSync(JSON.stringify(topo), { level: 9 }));
  console.log(`${path}: ${fc.features.length} features`);
}
