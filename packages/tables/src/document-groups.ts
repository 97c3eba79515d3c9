import {
  DEPARTMENT_NAMES,
  DOC_LABELS,
  DOC_TYPES,
  formatInteger,
  frenchDate,
  regionLabel,
  renderTable,
  toCsv,
  type Coverage,
  type CoverageEngine,
  type CsvCell,
  type DocType,
  type DocumentCommuneRow,
} from '@cls/core';
import { from, op } from 'arquero';

/** What the registry's documents are grouped by. */
export type DocumentGrouping = 'department' | 'epci' | 'territory' | 'type' | 'year';
export const DOCUMENT_GROUPINGS: readonly DocumentGrouping[] = ['department', 'epci', 'territory', 'type', 'year'];

/** A group's figures: its documents (each once), by type and state, and the communes they cover at the date. */
export interface DocumentGroup {
  /** The group's code: a department, a SIREN, a territory id, a document type, a year; null: none. */
  key: string | null;
  label: string;
  documents: number;
  inForce: number;
  cls: number;
  chartes: number;
  /** Avenants and renouvellements. */
  extensions: number;
  unverified: number;
  /** Communes of the group covered by its documents in force at the date, each once. */
  communesCovered: number;
  populationCovered: number;
}

/** The measures a group table is sorted by (or its label). */
export type DocumentGroupSort = keyof Omit<DocumentGroup, 'key'>;

/** Grouped documents: the groups in order, and the total (each document and commune once, not the groups' sum). */
export interface DocumentGroups {
  by: DocumentGrouping;
  asOf: string;
  /** The region of the rows (its name heads the table), or null: France. */
  region: string | null;
  groups: DocumentGroup[];
  total: DocumentGroup;
}

/** Names of the groups' codes the rows do not carry: EPCI and priority territories. */
export interface GroupLabels {
  epcis?: ReadonlyMap<string, string>;
  territories?: ReadonlyMap<string, string>;
}

/**
 * The region, the names of the EPCI (in the coverage's COG year) and of the priority territories of an engine.
 * @example groupDocuments(rows, 'epci', { asOf, ...groupLabels(engine, coverage) })
 */
export function groupLabels(
  engine: CoverageEngine,
  coverage: Coverage,
): Required<GroupLabels> & { region: string | null } {
  return {
    region: coverage.reference.region,
    epcis: new Map(coverage.reference.epcis.map((e) => [e.siren, e.name])),
    territories: new Map(engine.model.priority.map((t) => [t.id, t.label])),
  };
}

const MEASURES = {
  documents: op.count(),
  inForce: '(d) => op.sum(d.inForce ? 1 : 0)',
  cls: "(d) => op.sum(d.docType === 'cls' ? 1 : 0)",
  chartes: "(d) => op.sum(d.docType === 'charte' ? 1 : 0)",
  extensions: "(d) => op.sum(d.docType === 'avenant' || d.docType === 'renouvellement' ? 1 : 0)",
  unverified: '(d) => op.sum(d.verified ? 0 : 1)',
};
const COVERED = { communesCovered: op.count(), populationCovered: op.sum('population') };

/** The column each grouping reads its key from (the territory's is unrolled: a commune may hold several). */
const KEY_COLUMN: Record<DocumentGrouping, string> = {
  department: 'department',
  epci: 'epci',
  territory: 'priority',
  type: 'docType',
  year: 'year',
};

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * The registry's documents grouped by department, EPCI, priority territory, document type or signing
 * year, with arquero (the analyst's tables, never the engine's per-date path): documents counted once
 * per group, the communes they cover at the date once per group, and a total that counts each once.
 * @example groupDocuments(documentCommuneRows(engine, coverage), 'type').groups.map((g) => g.label)
 */
export function groupDocuments(
  rows: readonly DocumentCommuneRow[],
  by: DocumentGrouping,
  options: GroupLabels & { asOf: string; region?: string | null; sort?: DocumentGroupSort; descending?: boolean },
): DocumentGroups {
  // A commune in no priority territory keeps its row under the null key (unroll drops empty lists).
  const base = from(
    rows.map((r) => ({
      ...r,
      year: r.year === null ? null : String(r.year),
      priority: r.priority.length ? r.priority : [null],
    })),
  );
  const keyed =
    by === 'territory'
      ? base.unroll('priority').rename({ priority: 'key' })
      : base.derive({ key: `(d) => d.${KEY_COLUMN[by]}` });
  const documents = keyed.dedupe('key', 'document').groupby('key').rollup(MEASURES);
  const covered = keyed
    .filter('(d) => d.inForce && d.commune !== null')
    .dedupe('key', 'commune')
    .groupby('key')
    .rollup(COVERED);
  const grouped = documents.join_left(covered, 'key').objects() as Array<Omit<DocumentGroup, 'label'>>;
  const totalDocs = base.dedupe('document').rollup(MEASURES).objects()[0] as Omit<DocumentGroup, 'key' | 'label'>;
  const totalCovered = base
    .filter('(d) => d.inForce && d.commune !== null')
    .dedupe('commune')
    .rollup(COVERED)
    .objects()[0] as Pick<DocumentGroup, 'communesCovered' | 'populationCovered'>;
  const groups = grouped.map((g): DocumentGroup => {
    const key = g.key === null || g.key === undefined ? null : String(g.key);
    // A group with no commune covered has no row in `covered`: zero, not missing.
    const communesCovered = g.communesCovered ?? 0;
    const populationCovered = g.populationCovered ?? 0;
    return { ...g, key, communesCovered, populationCovered, label: groupLabel(by, key, options) };
  });
  sortGroups(groups, by, options.sort ?? 'label', options.descending ?? false);
  return {
    by,
    asOf: options.asOf,
    region: options.region ?? null,
    groups,
    total: { key: null, label: 'Total (chaque document et chaque commune une fois)', ...totalDocs, ...totalCovered },
  };
}

/** A group's name as a table shows it. */
function groupLabel(by: DocumentGrouping, key: string | null, labels: GroupLabels): string {
  if (key === null)
    return by === 'year'
      ? 'sans date'
      : by === 'territory'
        ? 'hors territoire prioritaire'
        : 'aucune commune de la région';
  switch (by) {
    case 'department':
      return `${key} – ${DEPARTMENT_NAMES[key] ?? key}`;
    case 'epci':
      return labels.epcis?.get(key) ?? key;
    case 'territory':
      return labels.territories?.get(key) ?? key;
    case 'type':
      return DOC_LABELS[key as DocType] ?? key;
    default:
      return key;
  }
}

/**
 * Orders groups in place: by label (types in their order, years in time, names as in French), or by
 * a measure (largest first when descending); the group without a key stays last.
 */
function sortGroups(groups: DocumentGroup[], by: DocumentGrouping, sort: DocumentGroupSort, descending: boolean): void {
  const byLabel = (a: DocumentGroup, b: DocumentGroup) =>
    by === 'type'
      ? DOC_TYPES.indexOf(a.key as DocType) - DOC_TYPES.indexOf(b.key as DocType)
      : collator.compare(a.label, b.label);
  groups.sort((a, b) => {
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    const c = sort === 'label' ? byLabel(a, b) : (a[sort] as number) - (b[sort] as number) || byLabel(a, b);
    return descending ? -c : c;
  });
}

/** French column headings of a group table, in the CSV's order. */
export const DOCUMENT_GROUP_COLUMNS: ReadonlyArray<[DocumentGroupSort, string]> = [
  ['label', 'Groupe'],
  ['documents', 'Documents'],
  ['inForce', 'En vigueur'],
  ['cls', 'CLS'],
  ['chartes', 'Chartes'],
  ['extensions', 'Avenants et renouvellements'],
  ['unverified', 'Non vérifiés'],
  ['communesCovered', 'Communes couvertes'],
  ['populationCovered', 'Habitants couverts'],
];

const GROUPING_CSV: Record<DocumentGrouping, string> = {
  department: 'departement',
  epci: 'siren',
  territory: 'territoire',
  type: 'type',
  year: 'annee',
};

const GROUPING_LABELS: Record<DocumentGrouping, string> = {
  department: 'département',
  epci: 'EPCI',
  territory: 'territoire prioritaire',
  type: 'type de document',
  year: 'année de signature',
};

/** What the columns count, said under every grouped table. */
export const DOCUMENT_GROUPS_NOTE =
  'Un document compte dans chaque groupe qu’il touche ; « En vigueur » et les communes couvertes sont ceux de la date ' +
  '(pour un territoire prioritaire : les habitants de ses communes couvertes) ; le total compte chaque document et ' +
  'chaque commune une fois.';

/** "Documents du registre par département, au 30/06/2024 — Hauts-de-France (32)": a grouped table's heading. */
export function documentGroupsTitle(g: Pick<DocumentGroups, 'by' | 'asOf' | 'region'>): string {
  return `Documents du registre par ${GROUPING_LABELS[g.by]}, au ${frenchDate(g.asOf)}${g.region ? ` — ${regionLabel(g.region)}` : ''}`;
}

/**
 * The grouped table as the CLI prints it (text or Markdown), or JSON, or CSV (see documentGroupsCsv).
 * @example renderDocumentGroups(groups, 'md')
 */
export function renderDocumentGroups(g: DocumentGroups, format: 'text' | 'md' | 'csv' | 'json'): string {
  if (format === 'csv') return documentGroupsCsv(g);
  if (format === 'json') return `${JSON.stringify(g, null, 2)}\n`;
  const cells = (x: DocumentGroup) =>
    DOCUMENT_GROUP_COLUMNS.map(([k]) => (k === 'label' ? x.label : formatInteger(x[k])));
  const table = renderTable(
    [DOCUMENT_GROUP_COLUMNS.map(([, l]) => l), ...g.groups.map(cells), cells(g.total)],
    format === 'md',
    1,
  );
  return `${[
    format === 'md' ? `## ${documentGroupsTitle(g)}` : documentGroupsTitle(g),
    '',
    ...table,
    '',
    DOCUMENT_GROUPS_NOTE,
  ].join('\n')}\n`;
}

/**
 * The grouped table as CSV through the product's one writer: the groups, then the total.
 * @example documentGroupsCsv(groupDocuments(rows, 'department', { asOf: '2024-06-30' }))
 */
export function documentGroupsCsv(g: DocumentGroups): string {
  const head = [
    GROUPING_CSV[g.by],
    'libelle',
    'documents',
    'en_vigueur',
    'cls',
    'chartes',
    'avenants_renouvellements',
    'non_verifies',
    'communes_couvertes',
    'habitants_couverts',
  ];
  const line = (x: DocumentGroup): CsvCell[] => [
    x.key,
    x.label,
    x.documents,
    x.inForce,
    x.cls,
    x.chartes,
    x.extensions,
    x.unverified,
    x.communesCovered,
    x.populationCovered,
  ];
  return toCsv([[head, ...g.groups.map(line)], [['total', ...line(g.total).slice(1)]], [['date', g.asOf]]]);
}
