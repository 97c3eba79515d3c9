/**
 * Every region: how long `build:data` takes per region and what its build weighs, then, in one
 * chromium run, what the page loads for Hauts-de-France (32) and for the largest region (Grand Est,
 * 44: 5,100 communes) and when its map is first drawn, as a ratio of 32's (absolute times mislead on
 * this VM's software WebGL).
 *
 *   pnpm bench:regions [--build 32,44,53|all] [--runs 3]
 *
 * `--build` rebuilds the regions named first (default: the regions already built are measured as
 * they are; their build times come from their manifests' own log lines when built by this script).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuildManifest } from '@cls/core';
import { builtRegions, dataPath } from '@cls/io';
import { startMap } from '../../tests/e2e/harness.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const toBuild = arg('--build');
const runs = Number(arg('--runs') ?? 3);

const buildTimes = new Map<string, number>();
let allSeconds: number | null = null;
if (toBuild) {
  const t0 = performance.now();
  const r = spawnSync('pnpm', ['-s', 'build:data', '--region', toBuild], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build:data a échoué :\n${r.stderr}`);
  allSeconds = (performance.now() - t0) / 1000;
  for (const m of r.stdout.matchAll(/Région (\S+) construite en ([\d.]+) s/g)) buildTimes.set(m[1]!, Number(m[2]));
}

const build = dataPath('build');
console.log(`\n| région | communes (COG 2026) | fichiers | poids sur disque | gzip | construction |`);
console.log('|---|---:|---:|---:|---:|---:|');
for (const region of builtRegions()) {
  const m = JSON.parse(readFileSync(join(build, `manifest-${region}.json`), 'utf8')) as BuildManifest;
  // Files shared by every region (national code tables, glyphs) are left out: they are counted once below.
  const own = Object.keys(m.files).filter((f) => !/^\d{4}\/(codes|reference-FR)\.json$|^glyphs\//.test(f));
  let bytes = 0,
    gz = 0;
  for (const f of own) {
    const data = readFileSync(join(build, f));
    bytes += statSync(join(build, f)).size;
    gz += gzipSync(data, { level: 6 }).length;
  }
  const communes = m.years.find((y) => y.cog === 2026)?.communes ?? 0;
  const t = buildTimes.get(region);
  console.log(
    `| ${region} | ${communes} | ${own.length} | ${(bytes / 1e6).toFixed(1)} Mo | ${(gz / 1e6).toFixed(1)} Mo | ${t ? `${t.toFixed(1)} s` : '—'} |`,
  );
}
if (allSeconds !== null) console.log(`\nbuild:data --region ${toBuild} : ${allSeconds.toFixed(0)} s en tout`);

// The page: first load (gzipped bytes until the first draw) and first draw, 32 and 44 alternated.
const page = { '32': { gz: [] as number[], ms: [] as number[] }, '44': { gz: [] as number[], ms: [] as number[] } };
if (!builtRegions().includes('44') || !builtRegions().includes('32')) {
  console.log('\n(page : construisez 32 et 44 pour la comparer : --build 32,44)');
  process.exit(0);
}
const map = await startMap(4794);
try {
  for (let i = 0; i < runs; i++)
    for (const region of ['32', '44'] as const) {
      const p = await map.browser.newPage({ viewport: { width: 1280, height: 720 } });
      // Every response received before the map is drawn, its body gzipped (bodies arrive after the event).
      const sizes: Promise<number>[] = [];
      let ready = false;
      p.on('response', (r) => {
        if (!ready)
          sizes.push(
            r.body().then(
              (b) => gzipSync(b).length,
              () => 0,
            ),
          );
      });
      await p.goto(`${map.base}?region=${region}`);
      await p.waitForFunction(() => window.__cls?.ready === true, null, { timeout: 60_000 });
      ready = true;
      page[region].gz.push((await Promise.all(sizes)).reduce((a, b) => a + b, 0));
      page[region].ms.push(await p.evaluate(() => window.__cls.firstDrawMs!));
      await p.close();
    }
} finally {
  await map.stop();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`\nPage (${runs} chargements chacune, alternés, même chromium ; médianes) :`);
console.log('| région | premier chargement (gzip) | première carte dessinée | rapport à 32 |');
console.log('|---|---:|---:|---:|');
for (const region of ['32', '44'] as const)
  console.log(
    `| ${region} | ${(median(page[region].gz) / 1e6).toFixed(2)} Mo | ${median(page[region].ms).toFixed(0)} ms | ` +
      `${(median(page[region].ms) / median(page['32'].ms)).toFixed(2)} |`,
  );
