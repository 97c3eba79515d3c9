import {
  clipValue,
  coverageFigures,
  createCoverageEngine,
  figuresSentence,
  formatDiagnostic,
  isIsoDate,
  parseDate,
  planToTarget,
  provenanceLine,
  renderPlan,
  renderReport,
  renderTimeline,
  targetLine,
  completenessLine,
  compareWithPublished,
  comparisonLines,
  plural,
  timeline,
  today,
  type ReportBreakdown,
  type ReportContext,
  type ReportFormat,
} from '@cls/core';
import { dataPath, loadModel, loadPublishedFigures, loadUndatedDocuments } from '@cls/io';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { choiceOption, COMMON_OPTIONS, stringOption, UsageError, type Args, type OptionSpec } from '../args.ts';

const s = { type: 'string' } as const;
/** The options of each coverage command (anything else is a usage error). */
export const COVERAGE_SPECS: Record<'report' | 'figures' | 'timeline' | 'plan', OptionSpec> = {
  report: { ...COMMON_OPTIONS, 'as-of': s, by: s, format: s },
  figures: { ...COMMON_OPTIONS, 'as-of': s },
  timeline: { ...COMMON_OPTIONS, from: s, to: s, format: s },
  plan: { ...COMMON_OPTIONS, 'as-of': s, format: s },
};

/** A date option (`AAAA-MM-JJ`, `jj/mm/aaaa`), or the default. */
export function dateOption(args: Args, name: string, fallback: string): string {
  const raw = stringOption(args, name, fallback);
  const d = parseDate(raw);
  if (!d || !isIsoDate(d.date)) {
    throw new UsageError(`--${name} « ${clipValue(raw)} » : date AAAA-MM-JJ attendue (année entre 2000 et 2100)`);
  }
  return d.date;
}

/** A rendered output for `out`: a CSV document kept whole (its CRLF line ends), other formats trimmed. */
function asOutput(text: string, format: string): string {
  return format === 'csv' ? text : text.trimEnd();
}

function targetOption(args: Args): number {
  const raw = stringOption(args, 'target', '0.75').replace(',', '.');
  const t = Number(raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : raw);
  if (!(t > 0 && t <= 1)) {
    throw new UsageError(`--target « ${clipValue(raw)} » : une part entre 0 et 1 est attendue (ex. 0.75)`);
  }
  return t;
}

function regionOption(args: Args): string {
  const region = stringOption(args, 'region', '32');
  if (!/^\d{2}$/.test(region))
    throw new UsageError(`--region « ${clipValue(region)} » : code de région à deux chiffres attendu (ex. 32)`);
  return region;
}

/**
 * Loads the model from the shared options and prints the input problems on stderr. `exitCode` is 1
 * when rows were rejected: the figures are printed, but they leave those rows out.
 */
export async function engineFromArgs(args: Args) {
  const region = regionOption(args);
  const registryArg = stringOption(args, 'registry', '');
  const sheet = stringOption(args, 'sheet', '');
  const priorityArg = stringOption(args, 'priority', '');
  const qpv = stringOption(args, 'qpv-populations', '');
  const verifiedOnly = args.options['verified-only'] === true;
  const loaded = await loadModel({
    ...(registryArg ? { registry: registryArg } : {}),
    ...(sheet ? { sheet } : {}),
    // The shipped priority territories are those of region 32: another region has none unless given.
    ...(priorityArg ? { priority: priorityArg } : region !== '32' ? { priority: null } : {}),
    ...(qpv ? { qpvPopulations: qpv } : {}),
    region,
    verifiedOnly,
  });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  // A warning about a whole file (no line: e.g. --sheet given for a CSV) is about how it was read: said.
  for (const d of loaded.diagnostics)
    if (d.severity === 'warning' && d.line === null) console.error(formatDiagnostic(d));
  const r = loaded.rejected;
  const rejected = r.registry + r.priority + r.qpvPopulations;
  if (errors.length) {
    const all = [loaded.files.registry, loaded.files.priority, loaded.files.qpvPopulations];
    const withRejections = all.filter((f, i) => f && [r.registry, r.priority, r.qpvPopulations][i]! > 0);
    const files = withRejections.length ? withRejections : all.filter((f) => f);
    console.error(
      `Attention : ${plural(rejected, 'ligne écartée', 'lignes écartées')} des fichiers d'entrée ` +
        `(registre ${r.registry}, territoires ${r.priority}, ` +
        `populations QPV ${r.qpvPopulations}) ; les chiffres ne les comptent pas. Détail : ` +
        files.map((f) => `pnpm cls validate ${f}`).join(', '),
    );
  }
  const shipped = resolve(loaded.files.registry) === resolve(dataPath('registry', 'documents.csv'));
  const undatedFile = dataPath('registry', 'undated.csv');
  const publishedFile = dataPath('registry', 'published-figures.csv');
  const docs = loaded.model.documents;
  const context: ReportContext = {
    registry: {
      file: registryArg || 'data/registry/documents.csv',
      documents: docs.length,
      unverified: verifiedOnly ? 0 : docs.filter((d) => !d.verified).length,
      rejected: r.registry,
      undated: shipped && existsSync(undatedFile) ? (await loadUndatedDocuments(undatedFile)).rowCount : null,
      verifiedOnly,
    },
    published: (await loadPublishedFigures(publishedFile)).accepted,
    model: loaded.model,
  };
  return { engine: createCoverageEngine(loaded.model), loaded, context, exitCode: rejected > 0 ? 1 : 0 };
}

/** `cls report --as-of DATE [--by department|epci] [--format text|md|csv|json]` */
export async function reportCommand(args: Args, out: (s: string) => void): Promise<number> {
  const format = choiceOption<ReportFormat>(args, 'format', ['text', 'md', 'csv', 'json'], 'text');
  const by = choiceOption<ReportBreakdown>(args, 'by', ['department', 'epci'], 'department');
  const asOf = dateOption(args, 'as-of', today());
  const target = targetOption(args);
  const { engine, context, exitCode } = await engineFromArgs(args);
  const f = coverageFigures(engine.coverageAt(asOf), engine, { target });
  out(asOutput(renderReport(f, { format, by, context }), format));
  return exitCode;
}

/** `cls figures --as-of DATE`: the ARS-style sentence, its sources, and the published figures near that date. */
export async function figuresCommand(args: Args, out: (s: string) => void): Promise<number> {
  const asOf = dateOption(args, 'as-of', today());
  const target = targetOption(args);
  const { engine, context, loaded, exitCode } = await engineFromArgs(args);
  const f = coverageFigures(engine.coverageAt(asOf), engine, { target });
  out(figuresSentence(f));
  out(`${targetLine(f).replace(/^./, (c) => c.toUpperCase())}.`);
  const unverified = plural(
    f.unverifiedInForce,
    'document en vigueur non vérifié',
    'documents en vigueur non vérifiés',
  );
  out(`(${provenanceLine(f)} ; ${unverified}.)`);
  if (context.registry) out(completenessLine(context.registry));
  const comparisons = compareWithPublished(f, context.published ?? [], { model: loaded.model });
  if (comparisons.length) out(['Chiffres publiés à moins de deux mois :', ...comparisonLines(comparisons)].join('\n'));
  return exitCode;
}

/** `cls timeline [--from DATE] [--to DATE] [--format text|csv|json]` */
export async function timelineCommand(args: Args, out: (s: string) => void): Promise<number> {
  const format = choiceOption(args, 'format', ['text', 'csv', 'json'] as const, 'text');
  const to = dateOption(args, 'to', today());
  const from = args.options.from ? dateOption(args, 'from', '') : undefined;
  if (from && from > to) throw new UsageError(`--from ${from} est après --to ${to}`);
  const target = targetOption(args);
  const { engine, exitCode } = await engineFromArgs(args);
  const points = timeline(engine, { ...(from ? { from } : {}), to, target });
  out(asOutput(renderTimeline(points, format), format));
  return exitCode;
}

/** `cls plan [--as-of DATE] [--target 0.75] [--format text|md|csv|json]` */
export async function planCommand(args: Args, out: (s: string) => void): Promise<number> {
  const format = choiceOption(args, 'format', ['text', 'md', 'csv', 'json'] as const, 'text');
  const asOf = dateOption(args, 'as-of', today());
  const target = targetOption(args);
  const { engine, exitCode } = await engineFromArgs(args);
  const plan = planToTarget(engine, asOf, { target });
  out(asOutput(renderPlan(plan, format), format));
  return exitCode;
}
