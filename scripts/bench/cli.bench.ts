/**
 * CLI benchmark, in one run: cold start of `cls report` against node parsing one year of the
 * national reference JSON; `report` and `timeline` on a generated registry of 100,000 documents
 * against reading and validating it; the timeline of the shipped registry. Each figure is printed
 * beside its goal.
 *
 *   pnpm bench:cli
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cogYearAt, createCoverageEngine, timeline } from '@cls/core';
import { COG_YEARS, dataPath, loadModel, regionReference } from '@cls/io';
import { generatedRegistryCsv } from './generated-registry.ts';
import { bench, ms, table } from './harness.ts';

const root = dataPath('..');
const cli = join(root, 'packages/cli/dist/cls.mjs');
const build = spawnSync(process.execPath, [join(root, 'packages/cli/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

/** Runs a command `runs` times; min and max wall time in ms, with its exit code checked. */
function timed(args: string[], runs: number, okCodes = [0]): { min: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    if (!okCodes.includes(r.status ?? -1)) {
      console.error(`${args.join(' ')} : code ${r.status}\n${r.stderr.slice(0, 2000)}`);
      process.exit(1);
    }
  }
  return { min: Math.min(...times), max: Math.max(...times) };
}
const spread = (t: { min: number; max: number }) => `${ms(t.min)} (max ${ms(t.max)})`;
const rows: Array<Array<string | number>> = [];

// 1. Cold start: the whole `cls report` against the baseline the issue names.
const ioRequire = createRequire(join(root, 'packages/io/package.json'));
const national = ioRequire.resolve('cog-2026/data/communes.json');
const baseline = timed(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(national)}, 'utf8'))`], 7);
const report = timed([cli, 'report'], 7);
rows.push([
  'cold `cls report` (shipped registry) / node parsing one year of the national JSON',
  `${spread(report)} / ${spread(baseline)}`,
  `${(report.min / baseline.min).toFixed(2)}×`,
  '≤ 2×',
]);

// 2. 100,000 documents: report and timeline against reading and validating the file.
const dir = mkdtempSync(join(tmpdir(), 'cls-bench-'));
const big = join(dir, 'registre-100000.csv');
writeFileSync(
  big,
  generatedRegistryCsv(100_000, (year) => regionReference(cogYearAt(`${year}-06-30`, COG_YEARS).cog, '32')),
);
// The generated registry has warnings (future dates, merged communes): validate exits 0 or 1 alike.
const validate = timed([cli, 'validate', big], 2, [0, 1]);
const bigReport = timed([cli, 'report', '--registry', big, '--as-of', '2026-06-30'], 2, [0, 1]);
rows.push([
  '`cls report`, 100,000 documents / `cls validate` of the same file',
  `${spread(bigReport)} / ${spread(validate)}`,
  `${(bigReport.min / validate.min).toFixed(2)}×`,
  '≤ 3×',
]);
const bigTimeline = timed([cli, 'timeline', '--registry', big, '--to', '2026-06-30', '--format', 'csv'], 1, [0, 1]);
rows.push([
  '`cls timeline`, 100,000 documents (every signing day and month end)',
  ms(bigTimeline.min),
  '',
  '< 30,000 ms',
]);

// 3. Timeline of the shipped registry, in process, references loaded.
const { model } = await loadModel();
for (const y of COG_YEARS) model.referenceFor(y);
const fresh = bench('timeline, fresh engine', () => timeline(createCoverageEngine(model)), 20, 3);
const points = timeline(createCoverageEngine(model)).length;
rows.push([
  `timeline of the shipped registry (${points} dates), new engine each run`,
  ms(fresh.medianMs),
  '',
  '< 50 ms',
]);

console.log(table(['CLI (ms, min of runs)', 'time', 'ratio', 'goal'], rows));
console.log(`- node ${process.version}, ${new Date().toISOString().slice(0, 10)}; 100,000-document registry in ${big}`);
