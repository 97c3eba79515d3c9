import {
  capitalize,
  clipValue,
  coverageFigures,
  createCoverageEngine,
  figuresSentence,
  formatDiagnostic,
  isIsoDate,
  parseDate,
  planToTarget,
  REGIONS,
  provenanceLine,
  renderPlan,
  renderReport,
  renderTimeline,
  targetLine,
  caveatLines,
  compareWithPublished,
  comparisonLines,
  openEndedDocuments,
  plural,
  territoryLines,
  withAssumedDuration,
  assumedDurationNote,
  documentCommuneRows,
  type CoverageModel,
  timeline,
  today,
  type ReportBreakdown,
  type ReportContext,
  type ReportFormat,
} from '@cls/core';
import { loadModel, loadPublishedFigures, loadUndatedDocuments, registryFiles, ROOT_DIR } from '@cls/io';
import {
  DOCUMENT_GROUPINGS,
  groupDocuments,
  groupLabels,
  renderDocumentGroups,
  type DocumentGrouping,
  type DocumentGroupSort,
} from '@cls/tables';
import { relative, resolve } from 'node:path';
import { choiceOption, COMMON_OPTIONS, option, stringOption, UsageError, type Args, type OptionSpec } from '../args.ts';

const asOf = option('la date (défaut : aujourd’hui)', 'AAAA-MM-JJ');
const department = option('les chiffres d’un département, comparés à ses propres chiffres publiés', '62');
/** The options of each coverage command (anything else is a usage error); `--help` is written from them. */
/** `--sort` values of `cls documents`, and the measure each orders by. */
const GROUP_SORTS: Record<string, DocumentGroupSort> = {
  name: 'label',
  documents: 'documents',
  'in-force': 'inForce',
  communes: 'communesCovered',
  population: 'populationCovered',
};

export const COVERAGE_SPECS: Record<'report' | 'figures' | 'timeline' | 'plan' | 'documents', OptionSpec> = {
  report: {
    ...COMMON_OPTIONS,
    'as-of': asOf,
    by: option('les lignes : par département, par EPCI ou par commune (CSV)', 'department|epci|commune'),
    format: option('le format', 'text|md|csv|json'),
    department,
  },
  figures: { ...COMMON_OPTIONS, 'as-of': asOf, department },
  timeline: {
    ...COMMON_OPTIONS,
    from: option('la première date', 'AAAA-MM-JJ'),
    to: option('la dernière date (défaut : aujourd’hui)', 'AAAA-MM-JJ'),
    format: option('le format', 'text|csv|json'),
  },
  plan: { ...COMMON_OPTIONS, 'as-of': asOf, format: option('le format', 'text|md|csv|json') },
  documents: {
    ...COMMON_OPTIONS,
    'as-of': asOf,
    by: option('les groupes', DOCUMENT_GROUPINGS.join('|')),
    sort: option('l’ordre : par nom, ou par une mesure (la plus grande d’abord)', Object.keys(GROUP_SORTS).join('|')),
    format: option('le format', 'text|md|csv|json'),
  },
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

/** `--department 62`: a department of the region's reference, or a usage error listing them. */
function departmentOption(args: Args, departments: readonly string[]): string | null {
  const d = stringOption(args, 'department', '');
  if (d === '') return null;
  const code = /^\d$/.test(d) ? `0${d}` : d.toUpperCase();
  if (!departments.includes(code))
    throw new UsageError(
      `--department « ${clipValue(d)} » : département de la région attendu (${departments.join(', ')})`,
    );
  return code;
}

/** `--assumed-duration 6`: years assumed for documents with no known end (off by default). */
function assumedDurationOption(args: Args): number | null {
  const raw = stringOption(args, 'assumed-duration', '');
  if (raw === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 20)
    throw new UsageError(
      `--assumed-duration « ${clipValue(raw)} » : un nombre entier d'années entre 1 et 20 est attendu`,
    );
  return n;
}

/** `--region RR` (default 32): one of the 18 regions served by an ARS. */
export function regionOption(args: Args): string {
  const region = stringOption(args, 'region', '32');
  if (!/^\d{2}$/.test(region))
    throw new UsageError(`--region « ${clipValue(region)} » : code de région à deux chiffres attendu (ex. 32)`);
  if (!REGIONS[region])
    throw new UsageError(
      `--region ${region} : pas une région d'ARS (régions : ${Object.keys(REGIONS)
        .sort()
        .map((r) => `${r} ${REGIONS[r]!.name}`)
        .join(', ')})`,
    );
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
  const assumed = assumedDurationOption(args);
  const loaded = await loadModel({
    ...(registryArg ? { registry: registryArg } : {}),
    ...(sheet ? { sheet } : {}),
    // A region's shipped priority territories (registryFiles), none unless shipped or given.
    ...(priorityArg ? { priority: priorityArg } : {}),
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
  const files = registryFiles(region);
  const shipped = files.documents !== null && resolve(loaded.files.registry) === resolve(files.documents);
  const undatedFile = shipped ? files.undated : null;
  const publishedFile = files.published;
  const undated = undatedFile ? await loadUndatedDocuments(undatedFile) : null;
  const docs = loaded.model.documents;
  const model = assumed === null ? loaded.model : withAssumedDuration(loaded.model, assumed);
  const context: ReportContext = {
    registry: {
      file: registryArg ? loaded.registryLabel : relative(ROOT_DIR, loaded.files.registry),
      documents: docs.length,
      unverified: verifiedOnly ? 0 : docs.filter((d) => !d.verified).length,
      rejected: r.registry,
      rows: docs.length + r.registry,
      undated: undated?.rowCount ?? null,
      verifiedOnly,
    },
    // Figures published about this region (a registry of another region is never set beside them).
    published: publishedFile ? (await loadPublishedFigures(publishedFile)).accepted : [],
    model,
    today: today(),
  };
  return {
    engine: createCoverageEngine(model),
    loaded,
    context,
    /** The documents known without a date, when the registry is the shipped one (they belong to it). */
    undated: undated?.accepted ?? [],
    exitCode: rejected > 0 ? 1 : 0,
  };
}

/** The figures a report or `figures` prints at a date, with the open-ended documents of that date. */
async function figuresFromArgs(args: Args) {
  const asOf = dateOption(args, 'as-of', today());
  const target = targetOption(args);
  const run = await engineFromArgs(args);
  const coverage = run.engine.coverageAt(asOf);
  const departments = [...new Set(coverage.reference.communes.map((c) => c.department))].sort();
  const department = departmentOption(args, departments);
  const f = coverageFigures(coverage, run.engine, { target, department });
  const context: ReportContext = {
    ...run.context,
    openEnded: run.context.model?.assumedDuration
      ? undefined
      : openEndedDocuments(coverage, run.engine, { department }),
  };
  return { ...run, f, context, coverage };
}

/** `cls report --as-of DATE [--by department|epci|commune] [--format text|md|csv|json]` (commune rows: CSV) */
export async function reportCommand(args: Args, out: (s: string) => void): Promise<number> {
  const format = choiceOption<ReportFormat>(args, 'format', ['text', 'md', 'csv', 'json'], 'text');
  const by = choiceOption<ReportBreakdown>(args, 'by', ['department', 'epci', 'commune'], 'department');
  if (by === 'commune' && format !== 'csv')
    throw new UsageError('--by commune : une ligne par commune, en CSV seulement (--format csv)');
  const { f, context, exitCode, coverage } = await figuresFromArgs(args);
  out(asOutput(renderReport(f, { format, by, context, coverage }), format));
  return exitCode;
}

/** `cls figures --as-of DATE`: the ARS-style sentence, its sources, and the published figures near that date. */
export async function figuresCommand(args: Args, out: (s: string) => void): Promise<number> {
  const { f, context, exitCode } = await figuresFromArgs(args);
  out(figuresSentence(f));
  const comparisons = compareWithPublished(f, context.published ?? [], { model: context.model });
  if (comparisons.length) out(['Chiffres publiés à moins de deux mois :', ...comparisonLines(comparisons)].join('\n'));
  out(`${capitalize(targetLine(f))}.`);
  for (const line of territoryLines(f)) out(`${line}.`);
  out(`(${provenanceLine(f)}.)`);
  for (const line of caveatLines(f, context)) out(line);
  return exitCode;
}

/** The assumed duration, when on: after a text output, on stderr beside a CSV or JSON one (kept parseable). */
function sayAssumption(model: CoverageModel, format: string, out: (s: string) => void): void {
  const note = assumedDurationNote(model);
  if (!note) return;
  if (format === 'text' || format === 'md') out(`Note : ${note}.`);
  else console.error(`Note : ${note}.`);
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
  sayAssumption(engine.model, format, out);
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
  sayAssumption(engine.model, format, out);
  return exitCode;
}

/**
 * `cls documents --by department|epci|territory|type|year [--as-of DATE] [--sort …] [--format text|md|csv|json]`:
 * the registry's documents regrouped, with the communes they cover at the date (the page's grouped table).
 */
export async function documentsCommand(args: Args, out: (s: string) => void): Promise<number> {
  const format = choiceOption(args, 'format', ['text', 'md', 'csv', 'json'] as const, 'text');
  const by = choiceOption<DocumentGrouping>(args, 'by', DOCUMENT_GROUPINGS, 'department');
  const sortName = choiceOption(args, 'sort', Object.keys(GROUP_SORTS), 'name');
  const date = dateOption(args, 'as-of', today());
  const { engine, undated, exitCode } = await engineFromArgs(args);
  const coverage = engine.coverageAt(date);
  const groups = groupDocuments(documentCommuneRows(engine, coverage, undated), by, {
    asOf: date,
    ...groupLabels(engine, coverage),
    sort: GROUP_SORTS[sortName]!,
    descending: sortName !== 'name',
  });
  out(asOutput(renderDocumentGroups(groups, format), format));
  sayAssumption(engine.model, format, out);
  return exitCode;
}
