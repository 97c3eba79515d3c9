import { toCsv, type CsvCell } from './csv.ts';
import { frenchDate as frDate, signedPhrase } from './dates.ts';
import { capitalize, formatDecimal, formatInteger, formatPercent, formatPopulation } from './format.ts';
import { regionLabel } from './regions.ts';
import type { AreaFigures, CoverageFigures } from './metrics.ts';
import type { Coverage, CoverageModel } from './coverage.ts';
import type { Plan } from './plan.ts';
import { assumedDurationNote, type OpenEndedFigures } from './open-ended.ts';
import {
  type ComparedFigure,
  compareWithPublished,
  type PublishedComparison,
  type PublishedFigure,
} from './published.ts';
import type { IsoDate } from './types.ts';
import type { TimelinePoint } from './timeline.ts';

export type ReportFormat = 'text' | 'md' | 'csv' | 'json';
/** The rows of a report: departments, EPCI, or (CSV only) every commune with its status and documents. */
export type ReportBreakdown = 'department' | 'epci' | 'commune';

/** The columns of a report's commune rows (`--by commune`, the page's « Territoires (CSV) » in the communes view). */
export const COMMUNE_ROW_COLUMNS = [
  'insee',
  'nom',
  'departement',
  'epci',
  'population',
  'statut',
  'documents',
  'documents_termines',
] as const;

/** A commune's status in a CSV, in French: a document ended without relay is said, never spelt `expire`. */
const COMMUNE_STATUS_CSV = { cls: 'cls', charte: 'charte', ended: 'document_termine', none: 'aucun' } as const;

/**
 * A report's commune rows: every commune of the coverage (of the department when given), its
 * status and the documents in force and ended on it; one builder for the CLI and the page.
 * @example communeRows(coverage, '80')[0] // ['80001', 'Abbeville', '80', '248000531', 22979, 'cls', 'cls-abbeville', '']
 */
export function communeRows(coverage: Coverage, department: string | null = null): CsvCell[][] {
  const info = new Map(coverage.reference.communes.map((c) => [c.code, c]));
  return coverage.communes
    .filter((c) => !department || info.get(c.code)!.department === department)
    .map((c) => {
      const i = info.get(c.code)!;
      const status = c.status !== 'none' ? c.status : c.expired ? 'ended' : 'none';
      return [
        c.code,
        i.name,
        i.department,
        i.epci ?? '',
        i.population,
        COMMUNE_STATUS_CSV[status],
        c.documents.join('|'),
        c.expiredDocuments.join('|'),
      ];
    });
}

/** How complete the registry behind the figures is: said in every report. */
export interface RegistryCompleteness {
  file: string;
  /** Dated documents accepted, and among them those whose date or source is not verified. */
  documents: number;
  unverified: number;
  /** Rows rejected by validation (listed by `cls validate`), of `rows` read. */
  rejected: number;
  rows: number;
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
  /** Documents in force for years with no known end, at the figures' date (see openEndedDocuments). */
  openEnded?: OpenEndedFigures;
  /** Today: a date after it is a projection (documents known today). */
  today?: IsoDate;
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

/** Below this many territories, a share of territories fully covered (0, 50 or 100 % of two) is not shown. */
export const MIN_TERRITORIES_FOR_SHARE = 5;

/**
 * "3 sur 12 (25 %)": a count of territories out of a total, the share only from five territories on.
 * @example territoryCount(0, 2) // "0 sur 2"
 */
export function territoryCount(covered: number, count: number): string {
  const share = count >= MIN_TERRITORIES_FOR_SHARE ? ` (${formatPercent(covered / count)})` : '';
  return `${formatInteger(covered)} sur ${formatInteger(count)}${share}`;
}

/**
 * The ARS-style sentence, in French: documents, communes and inhabitants covered, then the target's own
 * measure (the covered share of the priority population). For one department, it starts with its name.
 * @example figuresSentence(f) // "Au 30/06/2019, 5 CLS et 0 charte d'engagement en vigueur, couvrant 5 communes et 441 982 habitants ; 0,0 % de la population des communes PRAPS est couverte (objectif 75 %)."
 */
export function figuresSentence(f: CoverageFigures): string {
  const p = f.priority;
  const pop = f.covered.population;
  const habitants = pop >= 1_000_000 ? `${formatPopulation(pop)} d'habitants` : plural(pop, 'habitant', 'habitants');
  const where = f.department ? `${areaName(f)}, a` : 'A';
  const head =
    `${where}u ${frDate(f.asOf)}, ${formatInteger(contractCount(f))} CLS et ` +
    `${plural(f.documents.charte, "charte d'engagement", "chartes d'engagement")} en vigueur, couvrant ` +
    `${plural(f.covered.communes, 'commune', 'communes')} et ${habitants}`;
  if (!p.known || p.gap === null)
    // No target is named: a region's own target comes with its priority territories (75 % is Hauts-de-France's).
    return `${head} ; aucun territoire prioritaire connu : l'objectif de couverture ne peut pas être mesuré.`;
  return (
    `${head} ; ${formatPercent(p.populationShare, 1)} de la ${p.measureLabel}${f.department ? ' du département' : ''} ` +
    `est couverte (objectif ${formatPercent(p.target)}).`
  );
}

/**
 * The priority territories fully covered, one French line per kind present: with a department filter,
 * the department's part of each territory ("partie Nord").
 * @example territoryLines(f) // ["Territoires PRAPS entièrement couverts : 0 sur 2 (2 en partie)"]
 */
export function territoryLines(f: CoverageFigures): string[] {
  const p = f.priority;
  if (!p.known) return [];
  const dep = f.department ? areaName(f).replace(/ \(.*\)$/, '') : null;
  const part = (n: number) => (n ? `, ${formatInteger(n)} en partie` : '');
  const out: string[] = [];
  const kinds = [
    ['territoires PRAPS', p.praps],
    ['quartiers prioritaires (QPV)', p.qpv],
  ] as const;
  for (const [label, k] of kinds) {
    if (!k.count) continue;
    const head = dep
      ? `${capitalize(label)} dont la partie ${dep} est entièrement couverte`
      : `${capitalize(label)} entièrement couverts`;
    out.push(`${head} : ${territoryCount(k.covered, k.count)}${part(k.partlyCovered)}`);
  }
  return out;
}

/**
 * The gap to the target at the date shown, in French, or null when no priority territory is known.
 * @example gapSentence(f) // "Au 30/06/2019, il manque 1 171 099 habitants pour atteindre 75 % (0,0 % couverts à cette date)."
 */
export function gapSentence(f: CoverageFigures): string | null {
  const p = f.priority;
  if (p.gap === null) return null;
  const at = `Au ${frDate(f.asOf)}`;
  // The target is the region's: a department's part is measured against it, never said to reach it.
  if (f.department) {
    const dep = areaName(f);
    return p.gap > 0
      ? `${at}, dans ${dep}, il manque ${formatInteger(p.gap)} habitants pour y atteindre ${formatPercent(p.target)} ` +
          `(${formatPercent(p.populationShare, 1)} couverts ; l'objectif est régional).`
      : `${at}, dans ${dep}, ${formatPercent(p.populationShare, 1)} couverts, au-delà des ${formatPercent(p.target)} ` +
          "de l'objectif régional.";
  }
  return p.gap > 0
    ? `${at}, il manque ${formatInteger(p.gap)} habitants pour atteindre ${formatPercent(p.target)} ` +
        `(${formatPercent(p.populationShare, 1)} couverts à cette date).`
    : `${at}, objectif de ${formatPercent(p.target)} atteint (${formatPercent(p.populationShare, 1)}).`;
}

/**
 * Said when the date is after today: the figures count the documents known today, whose end dates
 * may change; null otherwise.
 */
export function projectionNote(asOf: IsoDate, today: IsoDate): string | null {
  return asOf > today
    ? `Projection : le ${frDate(asOf)} est après aujourd'hui (${frDate(today)}) ; les chiffres comptent les documents connus à ce jour.`
    : null;
}

/**
 * The documents in force for years with no known end, in one French line ("à vérifier"), or null.
 * @example openEndedLine(o)
 */
export function openEndedLine(o: OpenEndedFigures): string | null {
  if (o.documents.length === 0) return null;
  const pop =
    o.population >= 1_000_000
      ? `${formatPopulation(o.population)} d'habitants`
      : plural(o.population, 'habitant', 'habitants');
  return (
    `${plural(o.documents.length, 'document en vigueur', 'documents en vigueur')} depuis plus de ${o.years} ans ` +
    `sans fin connue (${pop}), comptés : à vérifier.`
  );
}

/** Where the figures come from, in one French line (COG, populations, registry). */
export function provenanceLine(f: CoverageFigures): string {
  const cog = f.cogExact ? `COG ${f.cog}` : `COG ${f.cog} (le millésime ${f.asOf.slice(0, 4)} n'est pas livré)`;
  const note = f.populationNote ? ` ; ${f.populationNote}` : '';
  return `${cog}, populations municipales ${f.populationYear}${note}`;
}

/**
 * The registry's completeness in one French sentence: documents known, dated and sourced, unverified
 * (and in force at the date, with `f`), undated left out, rows rejected. `short` leaves the file's
 * name and the date out (the page shows both beside it).
 */
export function completenessLine(
  r: RegistryCompleteness,
  f?: CoverageFigures,
  options: { short?: boolean } = {},
): string {
  const at = options.short ? '' : ` au ${f ? frDate(f.asOf) : ''}`;
  const inForce = f ? `, ${formatInteger(f.unverifiedInForce)} en vigueur${at}` : '';
  const parts = [
    `${plural(r.documents, options.short ? 'document daté' : 'document daté et sourcé', options.short ? 'documents datés' : 'documents datés et sourcés')} (dont ${plural(r.unverified, 'non vérifié', 'non vérifiés')}${inForce}${r.verifiedOnly ? ', écartés à la demande' : ''})`,
  ];
  if (r.undated !== null)
    parts.push(
      options.short
        ? `${formatInteger(r.undated)} sans date, laissés de côté`
        : `${plural(r.undated, 'document connu sans date', 'documents connus sans date')}, laissés de côté`,
    );
  parts.push(
    `${plural(r.rejected, 'ligne écartée', 'lignes écartées')}${r.rejected ? ` sur ${formatInteger(r.rows)}` : ''}`,
  );
  const head = options.short ? 'Registre' : `Registre ${r.file}`;
  return `${head} : ${parts.join(' ; ')}. Les chiffres ne comptent que ce que le registre connaît.`;
}

/** The priority target in one French line: what is measured, covered, and the gap. */
export function targetLine(f: CoverageFigures): string {
  const p = f.priority;
  if (!p.known || p.gap === null) {
    return 'objectif : non mesurable, aucun territoire prioritaire connu';
  }
  // The target is the region's: in a department, its part is measured against it.
  const where = f.department ? ' dans le département' : '';
  return (
    `${p.measureLabel} couverte : ${formatInteger(p.populationCovered)} sur ${formatInteger(p.population)} ` +
    `(${formatPercent(p.populationShare, 1)}) ; objectif${f.department ? ' régional' : ''} ${formatPercent(p.target)} : ` +
    `${p.gap > 0 ? `il manque ${formatInteger(p.gap)} habitants${where}` : f.department ? 'dépassé dans le département' : 'atteint'}`
  );
}

const fmtFigure = (kind: ComparedFigure['kind'], n: number) =>
  kind === 'share' ? formatPercent(n, 1) : kind === 'population' ? formatPopulation(n) : formatInteger(n);

/**
 * One published figure beside the registry's, in French: the gap, or why it is not recomputed.
 * @example comparedFigureText(row) // "CLS en vigueur : publié 2, registre 1 (écart −1)"
 */
export function comparedFigureText(r: ComparedFigure): string {
  if (r.computed === null || r.gap === null)
    return `${r.label} : publié ${fmtFigure(r.kind, r.published)} — définition non publiée : non recalculé`;
  const sign = r.gap > 0 ? '+' : r.gap < 0 ? '−' : '';
  const d =
    r.kind === 'share'
      ? `${sign}${formatDecimal(Math.abs(r.gap) * 100, 1)} points`
      : `${sign}${formatInteger(Math.abs(r.gap))}`;
  return `${r.label} : publié ${fmtFigure(r.kind, r.published)}, registre ${fmtFigure(r.kind, r.computed)} (écart ${d})`;
}

/** Who published a figure, when, for what scope, in French. */
export function publishedHeading(c: PublishedComparison): string {
  const p = c.published;
  return `Publié par ${p.publisher}, chiffres au ${frDate(p.date)}${p.dateNote ? ` (${p.dateNote})` : ''}, ${c.scopeLabel}`;
}

/** The published figures beside the computed ones, with the difference, as French list lines. */
export function comparisonLines(comparisons: readonly PublishedComparison[]): string[] {
  const out: string[] = [];
  for (const c of comparisons) {
    const p = c.published;
    out.push(`- ${publishedHeading(c)} : « ${p.quote} » (${p.sourceUrl})`);
    if (c.counted) out.push(`  ${capitalize(c.counted)}.`);
    for (const r of c.rows) out.push(`  - ${comparedFigureText(r)}`);
  }
  return out;
}

/**
 * The sections every CSV export of figures ends with: the published figures beside the registry's,
 * what the registry holds, and the caveats (projection, open-ended documents, assumed duration).
 */
export function trustCsvSections(
  f: CoverageFigures,
  ctx: ReportContext,
  comparisons: readonly PublishedComparison[],
): CsvCell[][][] {
  const sections: CsvCell[][][] = [];
  if (comparisons.length)
    sections.push([
      [
        'chiffre_publie',
        'publie_par',
        'date',
        'perimetre',
        'mesure',
        'publie',
        'registre',
        'ecart',
        'definition',
        'source',
      ],
      ...comparisons.flatMap((c) =>
        c.rows.map((r): CsvCell[] => [
          c.published.id,
          c.published.publisher,
          c.published.date,
          c.published.scope,
          r.label,
          r.published,
          r.computed,
          r.gap,
          r.definition === 'same' ? 'même définition' : 'définition non publiée : non recalculé',
          c.published.sourceUrl,
        ]),
      ),
    ]);
  const notes = caveatLines(f, ctx);
  if (notes.length) sections.push([['avertissement'], ...notes.map((n) => [n])]);
  return sections;
}

/** Completeness, projection, open-ended documents, assumed duration: the lines every output carries. */
export function caveatLines(f: CoverageFigures, ctx: ReportContext): string[] {
  const out: string[] = [];
  const projection = ctx.today ? projectionNote(f.asOf, ctx.today) : null;
  if (projection) out.push(projection);
  if (ctx.registry) out.push(completenessLine(ctx.registry, f));
  const open = ctx.openEnded ? openEndedLine(ctx.openEnded) : null;
  if (open) out.push(open);
  const assumed = ctx.model ? assumedDurationNote(ctx.model) : null;
  if (assumed) out.push(`${capitalize(assumed)}.`);
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

/** The CSV columns of department or EPCI rows. */
const AREA_COLUMNS = [
  'nom',
  'communes',
  'population',
  'communes_couvertes',
  'population_couverte',
  'part_population_couverte',
  'communes_cls',
  'population_cls',
];

/** Department or EPCI rows with their header, as the report's CSV writes them. */
function areaTable(rows: readonly AreaFigures[], by: ReportBreakdown): CsvCell[][] {
  return [
    [by === 'epci' ? 'siren' : 'departement', ...AREA_COLUMNS],
    ...rows.map((r) => [
      r.code,
      r.name,
      r.communes,
      r.population,
      r.coveredCommunes,
      r.coveredPopulation,
      r.population ? r.coveredPopulation / r.population : 0,
      r.clsCommunes,
      r.clsPopulation,
    ]),
  ];
}

/**
 * The command-line options that would give what the figures lack (priority territories, QPV
 * populations): for the CLI's outputs only, never the page's.
 */
export function cliHints(f: CoverageFigures): string[] {
  const p = f.priority;
  if (!p.known) return ['--priority FICHIER (territoires PRAPS et QPV : id, kind, label, perimeter…)'];
  if (p.qpv.count > 0 && p.qpv.withPopulation < p.qpv.count)
    return ['--qpv-populations FICHIER (colonnes id;population)'];
  return [];
}

/**
 * The figures of a date as `indicateur;valeur` rows, then the published figures and the caveats:
 * the page's "Chiffres (CSV)" export (the product's one CSV writer).
 */
export function figuresCsv(f: CoverageFigures, ctx: ReportContext = {}): string {
  const p = f.priority;
  const comparisons = ctx.published ? compareWithPublished(f, ctx.published, { model: ctx.model }) : [];
  return toCsv([
    [
      ['indicateur', 'valeur'],
      ['date', f.asOf],
      ['departement', f.department ?? 'toute la région'],
      ['cog', f.cog],
      ['annee_population', f.populationYear],
      ['cls_en_vigueur', contractCount(f)],
      ['chartes_en_vigueur', f.documents.charte],
      ['avenants_en_vigueur', f.documents.avenant],
      ['communes', f.region.communes],
      ['communes_couvertes', f.covered.communes],
      ['population', f.region.population],
      ['population_couverte', f.covered.population],
      ['part_population_couverte', f.covered.populationShare],
      ['praps_en_vigueur', p.praps.count],
      ['praps_entierement_couverts', p.praps.covered],
      ['praps_en_partie', p.praps.partlyCovered],
      ['population_communes_praps', p.praps.population],
      ['population_communes_praps_couverte', p.praps.populationCovered],
      ['qpv_en_vigueur', p.qpv.count],
      ['qpv_entierement_couverts', p.qpv.covered],
      ['qpv_avec_population', p.qpv.withPopulation],
      ['mesure_objectif', p.measureLabel],
      ['population_objectif', p.population],
      ['population_objectif_couverte', p.populationCovered],
      ['part_population_objectif', p.populationShare],
      ['objectif', p.target],
      ['ecart_habitants', p.gap],
      ['documents_sans_fin_connue_plus_de_5_ans', ctx.openEnded?.documents.length ?? null],
      ['population_documents_sans_fin_connue', ctx.openEnded?.population ?? null],
      ['duree_supposee_annees', ctx.model?.assumedDuration ?? null],
    ],
    ...trustCsvSections(f, ctx, comparisons),
  ]);
}

/** Renders a coverage report as French text, Markdown, CSV (`;`, for Excel) or JSON. */
export function renderReport(
  f: CoverageFigures,
  options: { format?: ReportFormat; by?: ReportBreakdown; context?: ReportContext; coverage?: Coverage } = {},
): string {
  const format = options.format ?? 'text';
  const by = options.by ?? 'department';
  if (by === 'commune' && (format !== 'csv' || !options.coverage))
    throw new Error('les lignes par commune ne s’écrivent qu’en CSV, avec la couverture de la date');
  const ctx = options.context ?? {};
  const comparisons = ctx.published ? compareWithPublished(f, ctx.published, { model: ctx.model }) : [];
  if (format === 'json') {
    return JSON.stringify(
      {
        ...f,
        registry: ctx.registry ?? null,
        published: comparisons.map((c) => ({
          id: c.published.id,
          publisher: c.published.publisher,
          date: c.published.date,
          scope: c.published.scope,
          sourceUrl: c.published.sourceUrl,
          quote: c.published.quote,
          counted: c.counted,
          figures: c.rows,
        })),
        openEnded: ctx.openEnded ?? null,
        assumedDuration: ctx.model?.assumedDuration ?? null,
        projection: ctx.today ? f.asOf > ctx.today : null,
        caveats: caveatLines(f, ctx),
      },
      null,
      2,
    );
  }
  if (format === 'csv') {
    const table =
      by === 'commune'
        ? [[...COMMUNE_ROW_COLUMNS], ...communeRows(options.coverage!, f.department)]
        : areaTable(areaRows(f, by), by);
    return reportCsv(f, table, trustCsvSections(f, ctx, comparisons));
  }
  const rows = areaRows(f, by);
  const p = f.priority;
  const md = format === 'md';
  const out: string[] = [];
  const h = (s: string) => out.push(md ? `## ${s}` : `${s}\n${'='.repeat(s.length)}`);
  const h3 = (s: string) => out.push('', md ? `### ${s}` : s);
  const where = f.department ? areaName(f) : regionLabel(f.region.code);
  const projection = ctx.today && f.asOf > ctx.today ? ' (projection)' : '';
  h(`Couverture CLS au ${frDate(f.asOf)}${projection} — ${where}`);
  out.push('', figuresSentence(f));
  if (comparisons.length) {
    // The published figures right under the sentence: what was said, and what the registry finds.
    h3('Chiffres publiés à moins de deux mois de cette date');
    out.push(...comparisonLines(comparisons));
  }
  out.push('', `Données : ${provenanceLine(f)}.`);
  out.push(...caveatLines(f, ctx));
  h3('Documents en vigueur');
  out.push(
    `- CLS : ${f.documents.cls}, renouvellements : ${f.documents.renouvellement}, avenants : ${f.documents.avenant}, ` +
      `chartes d'engagement : ${f.documents.charte}`,
  );
  if (f.unverifiedInForce)
    out.push(
      `- Dont non vérifiés (date déduite ou source à confirmer) : ${plural(f.unverifiedInForce, 'document', 'documents')} en vigueur`,
    );
  out.push(
    `- Signés depuis le début du registre : ${f.signed.cls + f.signed.renouvellement + f.signed.avenant + f.signed.charte}`,
  );
  if (ctx.openEnded?.documents.length) {
    out.push(`- Sans fin connue, en vigueur depuis plus de ${ctx.openEnded.years} ans (à vérifier) :`);
    for (const d of ctx.openEnded.documents)
      out.push(
        `  - ${d.territory} (${d.id}), signé ${signedPhrase(d.signedOn, d.signedPrecision)}${d.verified ? '' : ', non vérifié'} : ${formatInteger(d.population)} habitants`,
      );
  }
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
      `- Territoires PRAPS : ${territoryCount(p.praps.covered, p.praps.count)} entièrement couverts, ` +
        `${p.praps.partlyCovered} en partie ` +
        `(${formatInteger(p.praps.communes)} communes, ${formatInteger(p.praps.population)} habitants, dont ` +
        `${formatInteger(p.praps.populationCovered)} couverts, ${formatPercent(p.praps.populationShare, 1)})`,
    );
    out.push(
      `- Quartiers prioritaires (QPV) : ${territoryCount(p.qpv.covered, p.qpv.count)} entièrement couverts (toutes leurs communes), ` +
        `${p.qpv.partlyCovered} en partie` +
        (p.qpv.withPopulation
          ? ` ; population connue pour ${p.qpv.withPopulation} : ${formatInteger(p.qpv.populationCovered)} couverts sur ${formatInteger(p.qpv.population)}`
          : ' ; population par quartier inconnue'),
    );
    if (f.department)
      for (const t of p.details)
        if (t.whole)
          out.push(
            `  - ${t.label} : partie ${areaName(f)} ${formatInteger(t.coveredCommunes)} / ${formatInteger(t.communes)} communes couvertes ; ` +
              `territoire entier ${formatInteger(t.whole.coveredCommunes)} / ${formatInteger(t.whole.communes)}`,
          );
  }
  out.push(`- ${capitalize(targetLine(f))}`);
  for (const n of p.notes) out.push(`- Note : ${n}`);
  out.push(...cliHints(f).map((n) => `- Pour les fournir : ${n}`));
  const qpvCensus = latestQpvPopulation(ctx.published ?? [], f);
  if (qpvCensus && p.qpv.count && p.qpv.withPopulation < p.qpv.count) {
    out.push(
      `- Note : les ${formatInteger(qpvCensus.values.qpv_count ?? p.qpv.count)} QPV de la région comptent ` +
        `${formatInteger(qpvCensus.values.qpv_population!)} habitants (${qpvCensus.sourceUrl}, ${frDate(qpvCensus.date)}), ` +
        "mais leur répartition par quartier n'est pas dans les données : ils ne comptent pas dans l'objectif.",
    );
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

function reportCsv(f: CoverageFigures, table: CsvCell[][], trailer: CsvCell[][][]): string {
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
    table,
    [['total', ...AREA_COLUMNS.slice(1)], total],
    [
      ['date', 'cog', 'annee_population', 'source'],
      [f.asOf, f.cog, f.populationYear, provenanceLine(f)],
    ],
    ...trailer,
  ]);
}

/** The timeline CSV's `type` column, in French like the rest. */
const POINT_KIND_LABELS: Record<TimelinePoint['kind'], string> = {
  signature: 'signature',
  'month-end': 'fin de mois',
  both: 'signature et fin de mois',
};

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
        POINT_KIND_LABELS[p.kind],
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
    // Nothing to plan because nothing is measured: never worded as a target reached.
    const head = `Au ${frDate(plan.asOf)} : aucun plan possible, l'objectif n'est pas mesurable.`;
    return `${[head, ...plan.notes.map((n) => `Note : ${n}.`)].join('\n')}\n`;
  }
  const out = [
    `${capitalize(plan.measureLabel)} couverte au ${frDate(plan.asOf)} : ` +
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
    ['Rang', 'EPCI', 'Territoire prioritaire', 'Pop. ajoutée', 'Cumul', 'Part', 'Ensemble minimal', 'Document expiré'],
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

/**
 * A table as text lines: Markdown, or columns padded to their width (the first `left` columns
 * aligned left, the numbers after them right). The first row is the heading.
 * @example renderTable([['Groupe', 'Documents'], ['Aisne', '11']], false, 1)
 */
export function renderTable(rows: string[][], md: boolean, left = 3): string[] {
  if (md) {
    // A line break in a label would end the row: written as a space.
    const esc = (s: string) => s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
    return [
      `| ${rows[0]!.map(esc).join(' | ')} |`,
      `|${rows[0]!.map((_, j) => (j < left ? '---' : '---:')).join('|')}|`,
      ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
    ];
  }
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => [...(r[j] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((c, j) => (j < left ? c.padEnd(widths[j]!) : c.padStart(widths[j]!)))
      .join('  ')
      .trimEnd(),
  );
}
