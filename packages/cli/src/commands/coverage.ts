import {
  coverageFigures,
  createCoverageEngine,
  figuresSentence,
  isIsoDate,
  parseDate,
  planToTarget,
  provenanceLine,
  renderPlan,
  renderReport,
  renderTimeline,
  timeline,
  today,
  type ReportBreakdown,
  type ReportFormat,
} from '@cls/core';
import { loadModel } from '@cls/io';
import type { Args } from '../args.ts';
import { stringOption } from '../args.ts';

export function dateOption(args: Args, name: string, fallback: string): string {
  const raw = stringOption(args, name, fallback);
  const d = parseDate(raw);
  if (!d || !isIsoDate(d.date)) throw new Error(`--${name} « ${raw} » : date AAAA-MM-JJ attendue`);
  return d.date;
}

function choice<T extends string>(args: Args, name: string, allowed: readonly T[], fallback: T): T {
  const v = stringOption(args, name, fallback) as T;
  if (!allowed.includes(v)) throw new Error(`--${name} « ${v} » : valeurs possibles ${allowed.join(', ')}`);
  return v;
}

function targetOption(args: Args): number {
  const raw = stringOption(args, 'target', '0.75').replace(',', '.');
  const t = Number(raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : raw);
  if (!(t > 0 && t <= 1)) throw new Error(`--target « ${raw} » : une part entre 0 et 1 est attendue (ex. 0.75)`);
  return t;
}

/** Loads the model from the shared options, and prints the input problems on stderr. */
export function engineFromArgs(args: Args) {
  const qpv = stringOption(args, 'qpv-populations', '');
  const loaded = loadModel({
    ...(args.options.registry ? { registry: stringOption(args, 'registry', '') } : {}),
    ...(args.options.priority ? { priority: stringOption(args, 'priority', '') } : {}),
    ...(qpv ? { qpvPopulations: qpv } : {}),
    region: stringOption(args, 'region', '32'),
    verifiedOnly: args.options['verified-only'] === true,
  });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    console.error(
      `${errors.length} erreur(s) dans les fichiers d'entrée, ${loaded.rejected} ligne(s) écartée(s) : lancez « pnpm cls validate ${loaded.files.registry} » pour le détail.`,
    );
  }
  return { engine: createCoverageEngine(loaded.model), loaded };
}

/** `cls report --as-of DATE [--by department|epci] [--format text|md|csv|json]` */
export function reportCommand(args: Args, out: (s: string) => void): number {
  const { engine } = engineFromArgs(args);
  const asOf = dateOption(args, 'as-of', today());
  const f = coverageFigures(engine.coverageAt(asOf), engine, { target: targetOption(args) });
  const format = choice<ReportFormat>(args, 'format', ['text', 'md', 'csv', 'json'], 'text');
  const by = choice<ReportBreakdown>(args, 'by', ['department', 'epci'], 'department');
  out(renderReport(f, { format, by }).trimEnd());
  return 0;
}

/** `cls figures --as-of DATE`: the ARS-style sentence. */
export function figuresCommand(args: Args, out: (s: string) => void): number {
  const { engine } = engineFromArgs(args);
  const f = coverageFigures(engine.coverageAt(dateOption(args, 'as-of', today())), engine, {
    target: targetOption(args),
  });
  out(figuresSentence(f));
  out(`(${provenanceLine(f)} ; ${f.unverifiedInForce} document(s) en vigueur non vérifié(s).)`);
  return 0;
}

/** `cls timeline [--from DATE] [--to DATE] [--format text|csv|json]` */
export function timelineCommand(args: Args, out: (s: string) => void): number {
  const { engine } = engineFromArgs(args);
  const points = timeline(engine, {
    ...(args.options.from ? { from: dateOption(args, 'from', '') } : {}),
    to: dateOption(args, 'to', today()),
    target: targetOption(args),
  });
  out(renderTimeline(points, choice(args, 'format', ['text', 'csv', 'json'] as const, 'text')).trimEnd());
  return 0;
}

/** `cls plan [--as-of DATE] [--target 0.75] [--format text|md|csv|json]` */
export function planCommand(args: Args, out: (s: string) => void): number {
  const { engine } = engineFromArgs(args);
  const plan = planToTarget(engine, dateOption(args, 'as-of', today()), { target: targetOption(args) });
  out(renderPlan(plan, choice(args, 'format', ['text', 'md', 'csv', 'json'] as const, 'text')).trimEnd());
  return 0;
}
