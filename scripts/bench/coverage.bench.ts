/**
 * Coverage engine benchmark: @cls/core against a straightforward arquero join/group-by pipeline
 * computing the same figures (checked equal), in one run.
 *
 *   pnpm bench:coverage
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import {
  cogYearAt,
  coverageFigures,
  createCoverageEngine,
  monthEnds,
  timeline,
  type CoverageModel,
  type Reference,
  type RegistryDocument,
} from '@cls/core';
import { COG_YEARS, loadModel, loadReference, regionReference } from '@cls/io';
import { generatedRegistry } from './generated-registry.ts';
import { bench, ms, peakRss, table } from './harness.ts';

/** A row of the reference pipeline's arquero tables (its expressions are parsed from their source text). */
interface ArqueroRow {
  signed_on: string;
  ends_on: string;
  perimeter_code: string;
  population: number;
  level: number;
}

const mem = peakRss();
const aq = await import('arquero');
const op = aq.op;

/** The arquero pipeline an analyst would write: explode perimeters, join EPCI members, max status per commune, roll up. */
function arqueroFigures(ref: Reference, docs: readonly RegistryDocument[], asOf: string) {
  const communes = aq.from(
    ref.communes.map((c) => ({ code: c.code, department: c.department, population: c.population })),
  );
  const members = aq.from(ref.epcis.flatMap((e) => e.members.map((m) => ({ perimeter_code: e.siren, code: m }))));
  const rows = docs.flatMap((d) =>
    d.perimeter.map((p) => ({
      id: d.id,
      perimeter_code: p,
      signed_on: d.signedOn,
      ends_on: d.endsOn ?? '9999-12-31',
      level: d.docType === 'charte' ? 1 : 2,
    })),
  );
  const docTable = aq
    .from(rows)
    .params({ asOf })
    .filter((r: ArqueroRow, $: { asOf: string }) => r.signed_on <= $.asOf && r.ends_on >= $.asOf);
  const viaEpci = docTable.join(members, 'perimeter_code').select('code', 'level');
  const direct = docTable
    .filter((r: ArqueroRow) => op.length(r.perimeter_code) === 5)
    .derive({ code: (r: ArqueroRow) => r.perimeter_code })
    .select('code', 'level');
  const status = viaEpci
    .concat(direct)
    .groupby('code')
    .rollup({ level: op.max('level') });
  const joined = communes.join_left(status, 'code');
  const byDep = joined
    .groupby('department')
    .rollup({
      communes: op.count(),
      population: op.sum('population'),
      coveredCommunes: (r: ArqueroRow) => op.sum(r.level > 0 ? 1 : 0),
      coveredPopulation: (r: ArqueroRow) => op.sum(r.level > 0 ? r.population : 0),
    })
    .orderby('department');
  return byDep.objects() as Array<{
    department: string;
    communes: number;
    population: number;
    coveredCommunes: number;
    coveredPopulation: number;
  }>;
}

function check(label: string, engineModel: CoverageModel, ref: Reference, asOf: string) {
  const e = createCoverageEngine(engineModel);
  const ours = coverageFigures(e.coverageAt(asOf), e).byDepartment.map((d) => ({
    department: d.code,
    communes: d.communes,
    population: d.population,
    coveredCommunes: d.coveredCommunes,
    coveredPopulation: d.coveredPopulation,
  }));
  const theirs = arqueroFigures(ref, engineModel.documents, asOf);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    console.error(label, 'DIFFERENT', ours.slice(0, 3), theirs.slice(0, 3));
    process.exit(1);
  }
  return ours.reduce((s, d) => s + d.coveredPopulation, 0);
}

const rows: Array<Array<string | number>> = [];
const results: string[] = [];

// 1. Region 32, COG 2019 (3,789 communes), the shipped registry as of 2019-12-31.
{
  const { model } = await loadModel();
  const ref = loadReference(2019);
  const asOf = '2019-12-31';
  const docs = model.documents.filter((d) => d.signedOn <= asOf);
  const m: CoverageModel = { ...model, documents: docs };
  const pop = check('region 32', m, ref, asOf);
  const engine = createCoverageEngine(m);
  const ours = bench(
    'coverageAt + figures, region 32',
    () => coverageFigures(engine.coverageAt(asOf), engine),
    200,
    20,
  );
  const theirs = bench('arquero', () => arqueroFigures(ref, docs, asOf), 30, 5);
  rows.push([
    `coverageAt + figures, region 32 (${ref.communes.length} communes, ${docs.length} documents)`,
    ms(ours.medianMs),
    ms(theirs.medianMs),
    `${(theirs.medianMs / ours.medianMs).toFixed(0)}×`,
    '< 2 ms',
  ]);
  results.push(`region 32 on ${asOf}: ${pop} inhabitants covered, identical in both`);
  mem.sample();
}

// 2. Full monthly timeline 2018-2026 of the shipped registry.
{
  const { model } = await loadModel();
  for (const y of COG_YEARS) loadReference(y); // references loaded once, as in a long-lived process
  const engine = createCoverageEngine(model);
  const months = monthEnds('2018-01-01', '2026-12-31');
  const ours = bench('timeline', () => timeline(engine, { from: '2018-01-01', to: '2026-12-31' }), 10, 2);
  const arq = bench(
    'arquero timeline',
    () => {
      for (const d of months) arqueroFigures(loadReference(cogYearAt(d, COG_YEARS).cog), model.documents, d);
    },
    3,
    1,
  );
  rows.push([
    `timeline, every month end and signature 2018-2026 (${months.length} months)`,
    ms(ours.medianMs),
    ms(arq.medianMs),
    `${(arq.medianMs / ours.medianMs).toFixed(0)}×`,
    '< 100 ms',
  ]);
  mem.sample();
}

// 3. The whole of France, COG 2026, a generated registry of 1,000 documents.
{
  const ref = regionReference(2026, null);
  const docs = generatedRegistry(ref, 1000, 2026);
  const m: CoverageModel = { documents: docs, priority: [], referenceFor: () => ref, cogYears: [2026] };
  const asOf = '2026-11-30';
  const pop = check('France', m, ref, asOf);
  const engine = createCoverageEngine(m);
  const ours = bench('France', () => coverageFigures(engine.coverageAt(asOf), engine), 30, 5);
  mem.sample();
  const theirs = bench('arquero France', () => arqueroFigures(ref, docs, asOf), 5, 1);
  mem.sample();
  rows.push([
    `coverageAt + figures, France (${ref.communes.length} communes, ${ref.epcis.length} EPCI, 1,000 documents)`,
    ms(ours.medianMs),
    ms(theirs.medianMs),
    `${(theirs.medianMs / ours.medianMs).toFixed(0)}×`,
    '< 30 ms',
  ]);
  results.push(`France on ${asOf}: ${pop} inhabitants covered, identical in both`);
}

console.log(table(['median (warm)', '@cls/core ms', 'arquero ms', 'ratio', 'goal'], rows));
console.log();
for (const r of results) console.log(`- ${r}`);
// The France scenario's memory, alone, compiled (no TypeScript loader in the measure), in its own process.
// Written inside the repository: the compiled code finds the data from its own location.
const bundle = join(import.meta.dirname, '../../node_modules/.cache/cls-bench/france-memory.mjs');
await build({
  entryPoints: [join(import.meta.dirname, 'france-memory.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const child = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
if (child.status !== 0) {
  console.error(child.stderr);
  process.exit(1);
}
const franceMb = (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { peakMb: number }).peakMb;
console.log(
  `- peak RSS, France scenario alone (national COG 2026 reference + 1,000 documents, 30 runs, compiled, ` +
    `separate process): ${franceMb.toFixed(0)} MB (goal < 150 MB)`,
);
console.log(`- peak RSS of this whole run (both pipelines, every reference loaded): ${mem.peakMb().toFixed(0)} MB`);
console.log(`- node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
