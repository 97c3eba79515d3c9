/**
 * Builds `data/build/`: for every shipped COG year, the region's reference (communes, EPCI,
 * populations, code successions) as one compact JSON file the map loads over HTTP, plus a
 * manifest naming each file's origin. Generated, not committed: `pnpm build:data`.
 *
 *   pnpm build:data [--region 32]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sliceReference } from '@cls/core';
import { COG_VERSIONS, dataPath, loadReference } from '@cls/io';

const regionArg = process.argv.indexOf('--region');
const region = regionArg > 0 ? process.argv[regionArg + 1]! : '32';
const out = dataPath('build');
mkdirSync(out, { recursive: true });

const manifest = [];
for (const v of COG_VERSIONS) {
  const ref = sliceReference(loadReference(v.cog, { region }));
  const dir = join(out, String(v.cog));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reference-${region}.json`);
  writeFileSync(file, JSON.stringify(ref));
  const population = ref.communes.reduce((s, c) => s + c.population, 0);
  manifest.push({ cog: v.cog, file: `${v.cog}/reference-${region}.json`, source: ref.source, populationYear: ref.populationYear, populationNote: ref.populationNote, communes: ref.communes.length, epcis: ref.epcis.length, population });
  console.log(`COG ${v.cog} (${ref.source}, populations ${ref.populationYear}) : ${ref.communes.length} communes, ${ref.epcis.length} EPCI, ${population} habitants`);
}
writeFileSync(join(out, `manifest-${region}.json`), JSON.stringify({ region, years: manifest }, null, 2));
