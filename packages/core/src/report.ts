import { toCsv, type CsvCell } from './csv.ts';
import { frenchDate as frDate } from './dates.ts';
import { formatDecimal, formatInteger, formatPercent, formatPopulation } from './format.ts';
import type { AreaFigures, CoverageFigures } from './metrics.ts';
import type { CoverageModel } from './coverage.ts';
import type { Plan } from './plan.ts';
import { compareWithPublished, type PublishedComparison, type PublishedFigure } from './published.ts';
import type { TimelinePoint } from './timeline.ts';

export type ReportFormat = 'text' | 'md' | 'csv' | 'json';
export type ReportBreakdown = 'department' | 'epci';

/** How complete the registry behind the figures is: said in every report. */
export interface RegistryCompleteness {
  file: string;
  /** Dated documents accepted, and among them those whose date or source is not verified. */
  documents: number;
  unverified: number;
  /** Rows rejected by validation (listed by `cls validate`). */
  rejected: number;
  /** Documents known without a date, kept apart (null when no such list goes with the registry). */
  undated: number | null;
  /** Only verified rows were used (`--verified-only`). */
  verifiedOnly: boolean;
}

/** What a report says besides the figures: the registry's completeness and the published figures to compare with. */
export interface ReportContext {
  registry?: RegistryCompleteness;
  published?: readonly PublishedFigure[];
  /** The model the figures come from: lets a published figure be compared with the documents it counts. */
  model?: CoverageModel;
}

/**
 * A count and its noun, French style (0 and 1 take the singular).
 * @example plural(0, 'charte', 'chartes') // "0 charte"
 */
export const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n > 1 ? many : one}`;

/** CLS counted as contracts in the ARS sense: cls and renouvellement (an avenant amends one). */
export function contractCount(f: CoverageFigures): number {
  return f.documents.cls + f.documents.renouvellement;
}

/** "Pas-de-Calais (62)" for the figures of one department. */
function areaName(f: CoverageFigures): string {
  const dep = f.byDepartment.find((d) => d.code === f.department);
  return dep && dep.name !== dep.code ? `${dep.name} (${dep.code})` : `Département ${f.department}`;
}

/**
 * The ARS-style sentence, in French, with PRAPS and QPV counted apart (for one department, it starts
 * with the department's name).
 * @example figuresSentence(f) // "Au 30/06/2019, 2 CLS et 15 chartes d'engagement en vigueur, couvrant 464 communes, 1,6 million d'habitants et 1 des 2 territoires PRAPS (50 %)."
 */
export function figuresSentence(f: CoverageFigures): string {
  const p = f.priority;
  const pop = f.covered.population;
  const habitants = pop >= 1_000_000 ? `${formatPopulation(pop)} d'habitants` : plural(pop, 'habitant', 'habitants');
  const where = f.department ? `${areaName(f)}, a` : 'A';
  const head =
    `${where}u ${frDate(f.asOf)}, ${formatInteger(contractCount(f))} CLS et ` +
    `${plural(f.documents.charte, "charte d'engagement", "chartes d'engagement")} en vigueur, couvrant ` +
    `${plural(f.covered.communes, 'commune', 'communes')}, ${habitants}`;
  if (!p.known) return `${head} ; aucun territoire prioritaire connu pour la région ${f.region.code}.`;
  const parts = [];
  if (p.praps.count) {
    const n = p.praps.covered;
    parts.push(
      `${formatInteger(n)} territoire${n > 1 ? 's' : ''} PRAPS sur ${formatInteger(p.praps.count)} (${formatPercent(p.praps.share)})`,
    );
  }
  if (p.qpv.count) {
    parts.push(`${formatInteger(p.qpv.covered)} QPV sur ${formatInteger(p.qpv.count)} (${formatPercent(p.qpv.share)})`);
  }
  return `${head}, et couvrant entièrement ${parts.join(' et ')}.`;
}

/** Where the figures come from, in one French line (COG, populations, registry). */
export function provenanceLine(f: CoverageFigures): string {
  const cog = f.cogExact ? `COG ${f.cog}` : `COG ${f.cog} (le millésime ${f.asOf.slice(0, 4)} n'est pas livré)`;
  const note = f.populationNote ? ` ; ${f.populationNote}` : '';
  return `${cog}, populations municipales ${f.populationYear}${note}`;
}

/** The registry's completeness in one French sentence. */
export function completenessLine(r: RegistryCompleteness): string {
  const parts = [
    `${plural(r.documents, 'document daté et sourcé', 'documents datés et sourcés')} (dont ${plural(r.unverified, 'non vérifié', 'non vérifiés')}${r.verifiedOnly ? ', écartés par --verified-only' : ''})`,
  ];
  if (r.rejected) parts.push(`${plural(r.rejected, 'ligne rejetée', 'lignes rejetées')} (pnpm cls validate ${r.file})`);
  if (r.undated !== null)
    parts.push(`${plural(r.undated, 'document connu sans date', 'documents connus sans date')}, laissés de côté`);
  return `Registre ${r.file} : ${parts.join(' ; ')}. Les chiffres ne comptent que ce que le registre connaît.`;
}

/** The priority target in one French line: what is measured, covered, and the gap. */
export function targetLine(f: CoverageFigures): string {
  const p = f.priority;
  if (!p.known || p.gap === null) {
    return `objectif ${formatPercent(p.target)} : non mesurable, aucun territoire prioritaire connu (fournissez-les avec --priority FICHIER)`;
  }
  return (
    `${p.measureLabel} couverte : ${formatInteger(p.populationCovered)} sur ${formatInteger(p.population)} ` +
    `(${formatPercent(p.populationShare, 1)}) ; objectif ${formatPercent(p.target)} : ` +
    `${p.gap > 0 ? `il manque ${formatInteger(p.gap)} habitants` : 'atteint'}`
  );
}

/** The published figures beside the computed ones, with the difference, as French list lines. */
export function comparisonLines(comparisons: readonly PublishedComparison[]): string[] {
  const out: string[] = [];
  const fmt = (kind: string, n: number) =>
    kind === 'share' ? formatPercent(n, 1) : kind === 'population' ? formatPopulation(n) : formatInteger(n);
  for (const c of comparisons) {
    const p = c.published;
    out.push(
      `- Publié au ${frDate(p.date)}${p.dateNote ? ` (${p.dateNote})` : ''}, périmètre ${p.scope} : « ${p.quote} » (${p.sourceUrl})`,
    );
    if (c.counted) out.push(`  ${c.counted.replace(/^./, (x) => x.toUpperCase())}.`);
    for (const r of c.rows) {
      const diff = r.computed - r.published;
      const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
      const d =
        r.kind === 'share'
          ? `${sign}${formatDecimal(Math.abs(diff) * 100, 1)} points`
          : `${sign}${formatInteger(Math.abs(diff))}`;
      out.push(`  - ${r.label} : publié ${fmt(r.kind, r.published)}, calculé ${fmt(r.kind, r.computed)} (écart ${d})`);
    }
  }
  return out;
}

/** The published QPV population of the region nearest before the date (or the earliest one). */
function latestQpvPopulation(published: readonly PublishedFigure[], f: CoverageFigures): PublishedFigure | null {
  const rows = published
    .filter((p) => p.scope === f.region.code && p.values.qpv_population !== undefined)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  return rows.filter((p) => p.date <= f.asOf).at(-1) ?? rows[0] ?? null;
}

function areaRows(f: CoverageFigures, by: ReportBreakdown): AreaFigures[] {
  return by === 'epci' ? f.byEpci : f.byDepartment;
}

/** Renders a coverage report as French text, Markdown, CSV (`;`, for Excel) or JSON. */
export function renderReport(
  f: CoverageFigures,
  options: { format?: ReportFormat; by?: ReportBreakdown; context?: ReportContext } = {},
): string {
  const format = options.format ?? 'text';
  const by = options.by ?? 'department';
  const ctx = options.context ?? {};
  const comparisons = ctx.published ? compareWithPublished(f, ctx.published, { model: ctx.model }) : [];
  if (format === 'json') {
    return JSON.stringify({ ...f, registry: ctx.registry ?? null, published: comparisons }, null, 2);
  }
  const rows = areaRows(f, by);
  if (format === 'csv') return reportCsv(f, rows, by);
  const p = f.priority;
  const md = format === 'md';
  const out: string[] = [];
  const h = (s: string) => out.push(md ? `## ${s}` : `${s}\n${'='.repeat(s.length)}`);
  const h3 = (s: string) => out.push('', md ? `### ${s}` : s);
  h(`Couverture CLS au ${frDate(f.asOf)} — région ${f.region.code}`);
  out.push('', figuresSentence(f), '', `Données : ${provenanceLine(f)}.`);
  if (ctx.registry) out.push(completenessLine(ctx.registry));
  h3('Documents en vigueur');
  out.push(
    `- CLS : ${f.documents.cls}, renouvellements : ${f.documents.renouvellement}, avenants : ${f.documents.avenant}, ` +
      `chartes d'engagement : ${f.documents.charte}${f.unverifiedInForce ? ` (dont ${f.unverifiedInForce} non vérifiés)` : ''}`,
  );
  out.push(
    `- Signés depuis le début du registre : ${f.signed.cls + f.signed.renouvellement + f.signed.avenant + f.signed.charte}`,
  );
  h3('Couverture');
  out.push(
    `- Communes couvertes : ${formatInteger(f.covered.communes)} sur ${formatInteger(f.region.communes)} ` +
      `(${formatPercent(f.covered.communesShare, 1)}), dont ${formatInteger(f.covered.clsCommunes)} par un CLS ` +
      `et ${formatInteger(f.covered.charteCommunes)} par une charte seule`,
  );
  out.push(
    `- Population couverte : ${formatInteger(f.covered.population)} habitants sur ${formatInteger(f.region.population)} ` +
      `(${formatPercent(f.covered.populationShare, 1)})`,
  );
  if (f.expired.communes) {
    out.push(
      `- Communes dont le document a expiré, sans relais : ${formatInteger(f.expired.communes)} ` +
        `(${formatInteger(f.expired.population)} habitants)`,
    );
  }
  h3('Territoires prioritaires');
  if (p.known) {
    out.push(
      `- Territoires PRAPS : ${plural(p.praps.covered, 'entièrement couvert', 'entièrement couverts')}, ` +
        `${p.praps.partlyCovered} en partie, sur ${p.praps.count} ` +
        `(${formatInteger(p.praps.communes)} communes, ${formatInteger(p.praps.population)} habitants, dont ` +
        `${formatInteger(p.praps.populationCovered)} couverts, ${formatPercent(p.praps.populationShare, 1)})`,
    );
    out.push(
      `- QPV : ${plural(p.qpv.covered, 'entièrement couvert', 'entièrement couverts')} (toutes leurs communes), ` +
        `${p.qpv.partlyCovered} en partie, sur ${p.qpv.count}` +
        (p.qpv.withPopulation
          ? ` ; population connue pour ${p.qpv.withPopulation} : ${formatInteger(p.qpv.populationCovered)} couverts sur ${formatInteger(p.qpv.population)}`
          : ' ; population par quartier inconnue'),
    );
  }
  out.push(`- ${targetLine(f).replace(/^./, (c) => c.toUpperCase())}`);
  for (const n of p.notes) out.push(`- Note : ${n}`);
  const qpvCensus = latestQpvPopulation(ctx.published ?? [], f);
  if (qpvCensus && p.qpv.count && p.qpv.withPopulation < p.qpv.count) {
    out.push(
      `- Note : les ${formatInteger(qpvCensus.values.qpv_count ?? p.qpv.count)} QPV de la région comptent ` +
        `${formatInteger(qpvCensus.values.qpv_population!)} habitants (${qpvCensus.sourceUrl}, ${frDate(qpvCensus.date)}), ` +
        "mais leur répartition par quartier n'est pas dans les données : ils ne comptent pas dans l'objectif.",
    );
  }
  if (comparisons.length) {
    h3('Chiffres publiés à moins de deux mois de cette date');
    out.push(...comparisonLines(comparisons));
  }
  h3(`Par ${by === 'epci' ? 'EPCI' : 'département'}`);
  const table = [
    [by === 'epci' ? 'SIREN' : 'Dép.', 'Nom', 'Communes', 'Couvertes', 'Population', 'Couverte', 'Part'],
    ...rows.map((r) => [
      r.code,
      r.name,
      formatInteger(r.communes),
      formatInteger(r.coveredCommunes),
      formatInteger(r.population),
      formatInteger(r.coveredPopulation),
      formatPercent(r.population ? r.coveredPopulation / r.population : 0, 1),
    ]),
  ];
  out.push(...renderTable(table, md));
  return `${out.join('\n')}\n`;
}

function reportCsv(f: CoverageFigures, rows: readonly AreaFigures[], by: ReportBreakdown): string {
  const head = [
    by === 'epci' ? 'siren' : 'departement',
    'nom',
    'communes',
    'population',
    'communes_couvertes',
    'population_couverte',
    'part_population_couverte',
    'communes_cls',
    'population_cls',
  ];
  const line = (r: AreaFigures): CsvCell[] => [
    r.code,
    r.name,
    r.communes,
    r.population,
    r.coveredCommunes,
    r.coveredPopulation,
    r.population ? r.coveredPopulation / r.population : 0,
    r.clsCommunes,
    r.clsPopulation,
  ];
  const total: CsvCell[] = [
    `région ${f.region.code}`,
    f.region.communes,
    f.region.population,
    f.covered.communes,
    f.covered.population,
    f.covered.populationShare,
    f.covered.clsCommunes,
    f.covered.clsPopulation,
  ];
  return toCsv([
    [head, ...rows.map(line)],
    [['total', ...head.slice(2)], total],
    [
      ['date', 'cog', 'annee_population', 'source'],
      [f.asOf, f.cog, f.populationYear, provenanceLine(f)],
    ],
  ]);
}

/** Renders the timeline as CSV (`;`) or as a French text table. */
export function renderTimeline(points: readonly TimelinePoint[], format: 'text' | 'csv' | 'json' = 'text'): string {
  if (format === 'json') {
    return JSON.stringify(
      points.map((p) => ({
        date: p.date,
        kind: p.kind,
        signed: p.signedThatDay,
        signedInPeriod: p.signedInPeriod,
        ...summaryRow(p),
      })),
      null,
      2,
    );
  }
  const head = [
    'date',
    'type',
    'signes_ce_jour',
    'signes_dans_le_mois_ou_l_annee',
    'cog',
    'cls_en_vigueur',
    'chartes_en_vigueur',
    'communes_couvertes',
    'population_couverte',
    'part_population',
    'praps_entierement_couverts',
    'praps_en_vigueur',
    'qpv_entierement_couverts',
    'qpv_en_vigueur',
    'mesure_objectif',
    'population_objectif_couverte',
    'part_population_objectif',
    'ecart_objectif',
  ];
  if (format === 'csv') {
    const rows = points.map((p): CsvCell[] => {
      const s = summaryRow(p);
      return [
        p.date,
        p.kind,
        p.signedThatDay.join('|'),
        p.signedInPeriod.join('|'),
        s.cog,
        s.cls,
        s.chartes,
        s.communes,
        s.population,
        s.populationShare,
        s.prapsCovered,
        s.praps,
        s.qpvCovered,
        s.qpv,
        s.measure,
        s.priorityPopulationCovered,
        s.priorityPopulationShare,
        s.gap,
      ];
    });
    return toCsv([[head, ...rows]]);
  }
  const table = [
    [
      'Date',
      'CLS',
      'Chartes',
      'Communes',
      'Population',
      'Part',
      'PRAPS couverts',
      'QPV couverts',
      'Pop. PRAPS',
      'Écart objectif',
    ],
    ...points.map((p) => {
      const s = summaryRow(p);
      return [
        frDate(p.date) + (p.kind !== 'month-end' ? ' *' : p.signedInPeriod.length ? ' †' : ''),
        String(s.cls),
        String(s.chartes),
        formatInteger(s.communes),
        formatInteger(s.population),
        formatPercent(s.populationShare, 1),
        `${s.prapsCovered}/${s.praps}`,
        `${s.qpvCovered}/${s.qpv}`,
        formatPercent(s.priorityPopulationShare, 1),
        s.gap === null ? '—' : formatInteger(s.gap),
      ];
    }),
  ];
  const measures = [...new Set(points.map((p) => p.figures.priority.measureLabel))];
  return `${[
    ...renderTable(table, false),
    '',
    '* date de signature',
    "† fin du mois (ou de l'année) d'une signature dont le jour n'est pas connu : le document compte à partir de là",
    `Pop. PRAPS : ${measures.join(' ; ')} couverte.`,
  ].join('\n')}\n`;
}

function summaryRow(p: TimelinePoint) {
  const f = p.figures;
  const q = f.priority;
  return {
    cog: f.cog,
    cls: contractCount(f),
    chartes: f.documents.charte,
    communes: f.covered.communes,
    population: f.covered.population,
    populationShare: f.covered.populationShare,
    praps: q.praps.count,
    prapsCovered: q.praps.covered,
    qpv: q.qpv.count,
    qpvCovered: q.qpv.covered,
    measure: q.measureLabel,
    priorityPopulationCovered: q.populationCovered,
    priorityPopulationShare: q.populationShare,
    gap: q.gap,
  };
}

/** Renders the gap plan in French (text or Markdown) or CSV. */
export function renderPlan(plan: Plan, format: 'text' | 'md' | 'csv' | 'json' = 'text'): string {
  if (format === 'json') return JSON.stringify(plan, null, 2);
  if (format === 'csv') {
    const head = [
      'rang',
      'siren',
      'epci',
      'territoires',
      'population_ajoutee',
      'population_cumulee',
      'part_cumulee',
      'dans_le_plus_petit_ensemble',
      'renouvellement',
    ];
    const rows = plan.steps.map((s): CsvCell[] => [
      s.rank,
      s.epci,
      s.name,
      s.territories.join('|'),
      s.addedPopulation,
      s.cumulativePopulation,
      s.cumulativeShare,
      s.reachesTarget,
      s.renewal,
    ]);
    return toCsv([
      [head, ...rows],
      [['note'], ...plan.notes.map((n) => [n])],
    ]);
  }
  const md = format === 'md';
  if (!plan.known || plan.gap === null) {
    return `${[`Au ${frDate(plan.asOf)} : rien à planifier.`, ...plan.notes.map((n) => `Note : ${n}.`)].join('\n')}\n`;
  }
  const out = [
    `${plan.measureLabel.replace(/^./, (c) => c.toUpperCase())} couverte au ${frDate(plan.asOf)} : ` +
      `${formatInteger(plan.populationCovered)} sur ${formatInteger(plan.population)} (${formatPercent(plan.share, 1)}) ; ` +
      `objectif ${formatPercent(plan.target)}.`,
    plan.smallestSetSize === 0
      ? 'Objectif déjà atteint.'
      : plan.smallestSetSize === null
        ? `Même avec tous les EPCI ci-dessous, l'objectif n'est pas atteint (il manque ${formatInteger(plan.gap)} habitants).`
        : `Il manque ${formatInteger(plan.gap)} habitants : le plus petit ensemble qui atteint l'objectif compte ` +
          `${plural(plan.smallestSetSize, 'EPCI', 'EPCI')} (marqués ✔).`,
    ...plan.notes.map((n) => `Note : ${n}.`),
    '',
  ];
  const table = [
    ['Rang', 'EPCI', 'Territoire prioritaire', 'Pop. ajoutée', 'Cumul', 'Part', '', 'Document expiré'],
    ...plan.steps.map((s) => [
      String(s.rank),
      `${s.name} (${s.epci})`,
      s.territories.join(', '),
      formatInteger(s.addedPopulation),
      formatInteger(s.cumulativePopulation),
      formatPercent(s.cumulativeShare, 1),
      s.reachesTarget ? '✔' : '',
      s.renewal ? 'à renouveler' : '',
    ]),
  ];
  out.push(...renderTable(table, md));
  return `${out.join('\n')}\n`;
}

function renderTable(rows: string[][], md: boolean): string[] {
  if (md) {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [
      `| ${rows[0]!.map(esc).join(' | ')} |`,
      `|${rows[0]!.map((_, j) => (j < 3 ? '---' : '---:')).join('|')}|`,
      ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
    ];
  }
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => [...(r[j] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((c, j) => (j <= 2 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!)))
      .join('  ')
      .trimEnd(),
  );
}
