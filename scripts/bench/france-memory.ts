/**
 * The France scenario alone, for its peak memory: the national COG 2026 reference (packed, from
 * data/build, as the CLI reads references) and 1,000 generated documents, coverage and figures 30 times. Run by coverage.bench.ts as compiled
 * JavaScript in its own process (no TypeScript loader in the measure); prints `{ "peakMb": … }`.
 */
import { coverageFigures, createCoverageEngine, type CoverageModel } from '@cls/core';
import { regionReference } from '@cls/io';
import { generatedRegistry } from './generated-registry.ts';

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const ref = regionReference(2026, null);
sample();
const model: CoverageModel = {
  documents: generatedRegistry(ref, 1000, 2026),
  priority: [],
  referenceFor: () => ref,
  cogYears: [2026],
};
const engine = createCoverageEngine(model);
for (let i = 0; i < 30; i++) {
  coverageFigures(engine.coverageAt('2026-11-30'), engine);
  sample();
}
console.log(JSON.stringify({ peakMb: peak / 1024 / 1024 }));
