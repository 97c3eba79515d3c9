import { formatInteger, formatPercent, formatPopulation } from './format.ts';
import type { AreaFigures, CoverageFigures } from './metrics.ts';
import type { Plan } from './plan.ts';
import type { TimelinePoint } from './timeline.ts';

export type ReportFormat = 'text' | 'md' | 'csv' | 'json';
export type ReportBreakdown = 'department' | 'epci';

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n > 1 ? many : one}`;

/** CLS counted as contracts in the ARS sense: cls and renouvellement (an avenant amends one). */
export function contractCount(f: CoverageFigures): number {
  return f.documents.cls + f.documents.renouvellement;
}

/**
 * The ARS-style sentence, in French.
 * @example figuresSentence(f) // "Au 30/06/2019, 2 CLS et 15 chartes d'engagement signés, couvrant 464 communes, 1,6 million d'habitants et 40 % des territoires identifiés comme prioritaires."
 */
export function figuresSentence(f: CoverageFigures): string {
  const cls = contractCount(f);
  const chartes = f.documents.charte;
  const pop = f.covered.population;
  const habitants = pop >= 1_000_000 ? `${formatPopulation(pop)} d'habitants` : plural(pop, 'habitant', 'habitants');
  return `Au ${frDate(f.asOf)}, ${formatInteger(cls)} CLS et ${plural(chartes, "charte d'engagement", "chartes d'engagement")} signés, couvrant ${plural(f.covered.communes, 'commune', 'communes')}, ${habitants} et ${formatPercent(f.priority.territoriesShare)} des territoires identifiés comme prioritaires.`;
}

/** Where the figures come from, in one French line (COG, populations, registry). */
export function provenanceLine(f: CoverageFigures): string {
  const cog = f.cogExact ? `COG ${f.cog}` : `COG ${f.cog} (le millésime ${f.asOf.slice(0, 4)} n'est pas livré)`;
  const note = f.populationNote ? ` ; ${f.populationNote}` : '';
  return `${cog}, populations municipales ${f.populationYear}${note}`;
}

function areaRows(f: CoverageFigures, by: ReportBreakdown): AreaFigures[] {
  return by === 'epci' ? f.byEpci : f.byDepartment;
}

/** Renders a coverage report as French text, Markdown, CSV (`;`, for Excel) or JSON. */
export function renderReport(
  f: CoverageFigures,
  options: { format?: ReportFormat; by?: ReportBreakdown } = {},
): string {
  const format = options.format ?? 'text';
  const by = options.by ?? 'department';
  if (format === 'json') return JSON.stringify(f, null, 2);
  const rows = areaRows(f, by);
  if (format === 'csv') {
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
    const lines = rows.map((r) =>
      [
        r.code,
        r.name,
        r.communes,
        r.population,
        r.coveredCommunes,
        r.coveredPopulation,
        (r.population ? r.coveredPopulation / r.population : 0).toFixed(4).replace('.', ','),
        r.clsCommunes,
        r.clsPopulation,
      ]
        .map(csvCell)
        .join(';'),
    );
    const total = [
      'total',
      `région ${f.region.code}`,
      f.region.communes,
      f.region.population,
      f.covered.communes,
      f.covered.population,
      f.covered.populationShare.toFixed(4).replace('.', ','),
      f.covered.clsCommunes,
      f.covered.clsPopulation,
    ]
      .map(csvCell)
      .join(';');
    return `${[head.join(';'), ...lines, total].join('\r\n')}\r\n`;
  }
  const p = f.priority;
  const md = format === 'md';
  const out: string[] = [];
  const h = (s: string) => out.push(md ? `## ${s}` : `${s}\n${'='.repeat(s.length)}`);
  h(`Couverture CLS au ${frDate(f.asOf)} — région ${f.region.code}`);
  out.push('', figuresSentence(f), '', `Données : ${provenanceLine(f)}.`);
  out.push('', md ? '### Documents en vigueur' : 'Documents en vigueur');
  out.push(
    `- CLS : ${f.documents.cls}, renouvellements : ${f.documents.renouvellement}, avenants : ${f.documents.avenant}, chartes d'engagement : ${f.documents.charte}${f.unverifiedInForce ? ` (dont ${f.unverifiedInForce} non vérifiés)` : ''}`,
  );
  out.push(
    `- Signés depuis le début du registre : ${f.signed.cls + f.signed.renouvellement + f.signed.avenant + f.signed.charte}`,
  );
  out.push('', md ? '### Couverture' : 'Couverture');
  out.push(
    `- Communes couvertes : ${formatInteger(f.covered.communes)} sur ${formatInteger(f.region.communes)} (${formatPercent(f.covered.communesShare, 1)}), dont ${formatInteger(f.covered.clsCommunes)} par un CLS et ${formatInteger(f.covered.charteCommunes)} par une charte seule`,
  );
  out.push(
    `- Population couverte : ${formatInteger(f.covered.population)} habitants sur ${formatInteger(f.region.population)} (${formatPercent(f.covered.populationShare, 1)})`,
  );
  if (f.expired.communes)
    out.push(
      `- Communes dont le document a expiré, sans relais : ${formatInteger(f.expired.communes)} (${formatInteger(f.expired.population)} habitants)`,
    );
  out.push('', md ? '### Territoires prioritaires' : 'Territoires prioritaires');
  out.push(
    `- Territoires prioritaires couverts : ${formatInteger(p.territoriesCovered)} sur ${formatInteger(p.territories)} (${formatPercent(p.territoriesShare)}), partiellement : ${formatInteger(p.territoriesPartlyCovered)}`,
  );
  out.push(
    `  - PRAPS : ${p.byKind.praps.covered} couverts, ${p.byKind.praps.partly} en partie, sur ${p.byKind.praps.territories} ; QPV : ${p.byKind.qpv.covered} couverts, ${p.byKind.qpv.partly} en partie, sur ${p.byKind.qpv.territories}`,
  );
  out.push(
    `- Population prioritaire couverte : ${formatInteger(p.populationCovered)} sur ${formatInteger(p.population)} (${formatPercent(p.populationShare, 1)}) ; objectif ${formatPercent(p.target)} : ${p.gap > 0 ? `il manque ${formatInteger(p.gap)} habitants` : 'atteint'}`,
  );
  for (const n of p.notes) out.push(`- Note : ${n}`);
  out.push(
    '',
    md ? `### Par ${by === 'epci' ? 'EPCI' : 'département'}` : `Par ${by === 'epci' ? 'EPCI' : 'département'}`,
  );
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

/** Renders the timeline as CSV (`;`) or as a French text table. */
export function renderTimeline(points: readonly TimelinePoint[], format: 'text' | 'csv' | 'json' = 'text'): string {
  if (format === 'json')
    return JSON.stringify(
      points.map((p) => ({ date: p.date, kind: p.kind, signed: p.signedThatDay, ...summaryRow(p) })),
      null,
      2,
    );
  const head = [
    'date',
    'type',
    'signes_ce_jour',
    'cog',
    'cls_en_vigueur',
    'chartes_en_vigueur',
    'communes_couvertes',
    'population_couverte',
    'part_population',
    'territoires_prioritaires_couverts',
    'part_territoires',
    'population_prioritaire_couverte',
    'part_population_prioritaire',
    'ecart_objectif',
  ];
  const rows = points.map((p) => {
    const s = summaryRow(p);
    return [
      p.date,
      p.kind,
      p.signedThatDay.join('|'),
      s.cog,
      s.cls,
      s.chartes,
      s.communes,
      s.population,
      s.populationShare,
      s.territoriesCovered,
      s.territoriesShare,
      s.priorityPopulationCovered,
      s.priorityPopulationShare,
      s.gap,
    ];
  });
  if (format === 'csv')
    return `${[head.join(';'), ...rows.map((r) => r.map((v) => csvCell(typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4).replace('.', ',') : v)).join(';'))].join('\r\n')}\r\n`;
  const table = [
    ['Date', 'CLS', 'Chartes', 'Communes', 'Population', 'Part', 'Prio. couverts', 'Pop. prio.', 'Écart 75 %'],
    ...points.map((p) => {
      const s = summaryRow(p);
      return [
        frDate(p.date) + (p.kind !== 'month-end' ? ' *' : ''),
        String(s.cls),
        String(s.chartes),
        formatInteger(s.communes),
        formatInteger(s.population),
        formatPercent(s.populationShare, 1),
        formatPercent(s.territoriesShare),
        formatPercent(s.priorityPopulationShare, 1),
        formatInteger(s.gap),
      ];
    }),
  ];
  return `${[...renderTable(table, false), '', '* date de signature'].join('\n')}\n`;
}

function summaryRow(p: TimelinePoint) {
  const f = p.figures;
  return {
    cog: f.cog,
    cls: contractCount(f),
    chartes: f.documents.charte,
    communes: f.covered.communes,
    population: f.covered.population,
    populationShare: f.covered.populationShare,
    territoriesCovered: f.priority.territoriesCovered,
    territoriesShare: f.priority.territoriesShare,
    priorityPopulationCovered: f.priority.populationCovered,
    priorityPopulationShare: f.priority.populationShare,
    gap: f.priority.gap,
  };
}

/** Renders the gap plan in French (text or Markdown) or CSV. */
export function renderPlan(plan: Plan, format: 'text' | 'md' | 'csv' | 'json' = 'text'): string {
  if (format === 'json') return JSON.stringify(plan, null, 2);
  if (format === 'csv') {
    return `${[
      [
        'rang',
        'siren',
        'epci',
        'territoires',
        'population_ajoutee',
        'population_cumulee',
        'part_cumulee',
        'dans_le_plus_petit_ensemble',
      ].join(';'),
      ...plan.steps.map((s) =>
        [
          s.rank,
          s.epci,
          s.name,
          s.territories.join('|'),
          s.addedPopulation,
          s.cumulativePopulation,
          s.cumulativeShare.toFixed(4).replace('.', ','),
          s.reachesTarget ? 'oui' : 'non',
        ]
          .map(csvCell)
          .join(';'),
      ),
    ].join('\r\n')}\r\n`;
  }
  const md = format === 'md';
  const out = [
    `Population prioritaire couverte au ${frDate(plan.asOf)} : ${formatInteger(plan.populationCovered)} sur ${formatInteger(plan.population)} (${formatPercent(plan.share, 1)}) ; objectif ${formatPercent(plan.target)}.`,
    plan.smallestSetSize === 0
      ? 'Objectif déjà atteint.'
      : plan.smallestSetSize === null
        ? `Même avec tous les EPCI ci-dessous, l'objectif n'est pas atteint (il manque ${formatInteger(plan.gap)} habitants).`
        : `Il manque ${formatInteger(plan.gap)} habitants : le plus petit ensemble qui atteint l'objectif compte ${plural(plan.smallestSetSize, 'EPCI', 'EPCI')} (marqués ✔).`,
    '',
  ];
  const table = [
    ['Rang', 'EPCI', 'Territoire prioritaire', 'Pop. ajoutée', 'Cumul', 'Part', ''],
    ...plan.steps.map((s) => [
      String(s.rank),
      `${s.name} (${s.epci})`,
      s.territories.join(', '),
      formatInteger(s.addedPopulation),
      formatInteger(s.cumulativePopulation),
      formatPercent(s.cumulativeShare, 1),
      s.reachesTarget ? '✔' : '',
    ]),
  ];
  out.push(...renderTable(table, md));
  return `${out.join('\n')}\n`;
}

function csvCell(v: unknown): string {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
