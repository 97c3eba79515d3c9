/**
 * Builds `data/build/` (generated, not committed) from the shipped data:
 * - `<cog>/reference-<region>.json`: the region's communes, EPCI, populations and code successions
 *   for each COG year (from @etalab/decoupage-administratif), packed in columns (see PackedReference);
 * - `geo/communes-<year>.topo.json`: the commune polygons re-quantized for the map (1e5 steps, ~5 m);
 * - `registry.json`: the validated registry and priority territories, with checksums;
 * - `manifest-<region>.json`: what each file is and where it comes from.
 * The map app serves this folder as static assets.
 *
 *   pnpm build:data [--region 32]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { FeatureCollection } from 'geojson';
import { packReference } from '@cls/core';
import { COG_VERSIONS, GEOMETRY_YEARS, dataPath, loadCommuneTopology, loadDocuments, loadPriorityTerritories, loadReference } from '@cls/io';

const regionArg = process.argv.indexOf('--region');
const region = regionArg > 0 ? process.argv[regionArg + 1]! : '32';
const out = dataPath('build');
mkdirSync(join(out, 'geo'), { recursive: true });

const years = [];
for (const v of COG_VERSIONS) {
  const ref = loadReference(v.cog, { region });
  mkdirSync(join(out, String(v.cog)), { recursive: true });
  writeFileSync(join(out, String(v.cog), `reference-${region}.json`), JSON.stringify(packReference(ref)));
  const population = ref.communes.reduce((s, c) => s + c.population, 0);
  years.push({ cog: v.cog, file: `${v.cog}/reference-${region}.json`, source: ref.source, populationYear: ref.populationYear, populationNote: ref.populationNote, communes: ref.communes.length, epcis: ref.epcis.length, population });
  console.log(`COG ${v.cog} (${ref.source}, populations ${ref.populationYear}) : ${ref.communes.length} communes, ${ref.epcis.length} EPCI, ${population} habitants`);
}

const geometry = [];
if (region === '32') {
  for (const y of GEOMETRY_YEARS) {
    const topo = loadCommuneTopology(y);
    const fc = feature(topo, topo.objects.communes!) as unknown as FeatureCollection;
    writeFileSync(join(out, 'geo', `communes-${y}.topo.json`), JSON.stringify(topology({ communes: fc }, 1e5)));
    geometry.push({ year: y, file: `geo/communes-${y}.topo.json`, features: fc.features.length });
  }
  console.log(`Géométries pour la carte : ${GEOMETRY_YEARS.join(', ')}`);
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const docsFile = dataPath('registry', 'documents.csv');
const prioFile = dataPath('registry', 'priority-territories.csv');
const docs = loadDocuments(docsFile, { region });
const prio = loadPriorityTerritories(prioFile, { region });
const count = (ds: typeof docs.diagnostics, s: string) => ds.filter((d) => d.severity === s).length;
writeFileSync(join(out, 'registry.json'), JSON.stringify({
  region,
  documents: docs.accepted,
  priority: prio.accepted,
  files: {
    documents: { path: 'data/registry/documents.csv', sha256: sha(docsFile), rows: docs.rowCount, rejected: docs.rejectedLines.length, errors: count(docs.diagnostics, 'error'), warnings: count(docs.diagnostics, 'warning') },
    priority: { path: 'data/registry/priority-territories.csv', sha256: sha(prioFile), rows: prio.rowCount, rejected: prio.rejectedLines.length, errors: count(prio.diagnostics, 'error'), warnings: count(prio.diagnostics, 'warning') },
  },
}));
console.log(`Registre : ${docs.accepted.length} documents (${docs.accepted.filter((d) => !d.verified).length} non vérifiés), ${prio.accepted.length} territoires prioritaires`);
writeFileSync(join(out, `manifest-${region}.json`), JSON.stringify({ region, years, geometry, registry: 'registry.json' }, null, 2));
