import {
  DOCUMENT_COLUMNS,
  PRIORITY_COLUMNS,
  PUBLISHED_COLUMNS,
  PUBLISHED_OPTIONAL,
  UNDATED_COLUMNS,
  validateDocuments,
  validatePriorityTerritories,
  validatePublishedFigures,
  validateUndatedDocuments,
  type CogYear,
  type Diagnostic,
  type PriorityTerritory,
  type PublishedFigure,
  type RawRow,
  type Reference,
  type RegistryDocument,
  type UndatedDocument,
  type ValidationResult,
} from '@cls/core';
import type { RawTable } from './raw-table.ts';
import { readTable } from './read-table.ts';
import type { XlsxOptions } from './xlsx-table.ts';

/** A registry table read and validated: accepted rows, rejected lines, every problem, and how it was read. */
export interface LoadedTable<T> extends ValidationResult<T> {
  file: string;
  source: RawTable['source'];
  /** Number of data rows read (accepted + rejected). */
  rowCount: number;
  /** False when the header could not be used (see tableFromRecords). */
  headerOk: boolean;
  /** Every data row as read, accepted or not, in file order (a malformed row keyed by position). */
  rows: RawRow[];
}

export interface ParseOptions extends XlsxOptions {
  /** Reference of a COG year: perimeter codes are checked against it. */
  referenceFor: (cog: CogYear) => Reference;
  /** COG years available. */
  cogYears: readonly CogYear[];
  /** Date after which a signature is reported as in the future (default: today). */
  today?: string;
}

/** The date columns of each registry table: a spreadsheet's date cells are read as dates there. */
const DATES = {
  documents: ['signed_on', 'ends_on'],
  priority: ['since', 'until'],
  published: ['date'],
} as const;

function finish<T>(table: RawTable, result: ValidationResult<T>): LoadedTable<T> {
  const diagnostics: Diagnostic[] = [...table.diagnostics, ...result.diagnostics];
  // Rows malformed at the file level (wrong field count) are rejected too.
  const fileRejected = table.malformed.map((m) => m.line);
  return {
    ...result,
    diagnostics,
    rejectedLines: [...new Set([...fileRejected, ...result.rejectedLines])].sort((a, b) => a - b),
    file: table.file,
    source: table.source,
    rowCount: table.rows.length + fileRejected.length,
    headerOk: table.headerOk,
    rows: [
      ...table.rows,
      ...table.malformed.map((m) => ({
        line: m.line,
        values: Object.fromEntries(table.columns.map((c, j) => [c, m.fields[j] ?? ''])),
      })),
    ].sort((a, b) => a.line - b.line),
  };
}

/** A message followed by the first five errors of a file (line, field, message). */
export function withErrors(reason: string, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
  const lines = errors.map((d) => `  ${d.line ? `ligne ${d.line}` : ''}${d.field ? ` [${d.field}]` : ''} ${d.message}`);
  return [reason, ...lines].join('\n');
}

/**
 * Why a loaded table cannot be used at all, or null: no usable header, or no row accepted.
 * Figures computed from such a table would be zeros that look like an answer.
 */
export function unusableReason(t: LoadedTable<unknown>): string | null {
  if (!t.headerOk) {
    // An error past the header (an unclosed quote) makes the whole file unreadable, not its header.
    const past = t.diagnostics.some((d) => d.severity === 'error' && (d.line ?? 0) > 1);
    return `${t.file} : ${past ? 'fichier illisible' : 'en-tête inutilisable'}, aucune ligne lue`;
  }
  if (t.accepted.length === 0) return `${t.file} : aucune ligne acceptée sur ${t.rowCount}`;
  return null;
}

/**
 * Reads and validates a registry of documents (`documents.csv`, its Excel CSV or `.xlsx` forms).
 * @example (await parseDocuments(bytes, 'registre.xlsx', { referenceFor, cogYears })).accepted.length
 */
export async function parseDocuments(
  bytes: Uint8Array,
  file: string,
  options: ParseOptions,
): Promise<LoadedTable<RegistryDocument>> {
  const table = await readTable(bytes, file, { required: DOCUMENT_COLUMNS, dateColumns: DATES.documents }, options);
  return finish(table, validateDocuments(table.rows, file, options));
}

/** Reads and validates priority territories (`priority-territories.csv`; optional `population`, `verified`). */
export async function parsePriorityTerritories(
  bytes: Uint8Array,
  file: string,
  options: ParseOptions,
): Promise<LoadedTable<PriorityTerritory>> {
  const schema = { required: PRIORITY_COLUMNS, optional: ['population', 'verified'], dateColumns: DATES.priority };
  const table = await readTable(bytes, file, schema, options);
  return finish(table, validatePriorityTerritories(table.rows, file, options));
}

/** Reads and validates the documents known without a date (`undated.csv`), kept apart from coverage. */
export async function parseUndatedDocuments(
  bytes: Uint8Array,
  file: string,
  options: ParseOptions,
): Promise<LoadedTable<UndatedDocument>> {
  const table = await readTable(bytes, file, { required: UNDATED_COLUMNS }, options);
  return finish(table, validateUndatedDocuments(table.rows, file, options));
}

/** Reads and validates the published figures (`published-figures.csv`): date, scope, source, figures. */
export async function parsePublishedFigures(
  bytes: Uint8Array,
  file: string,
  options: XlsxOptions = {},
): Promise<LoadedTable<PublishedFigure>> {
  const schema = { required: PUBLISHED_COLUMNS, optional: PUBLISHED_OPTIONAL, dateColumns: DATES.published };
  const table = await readTable(bytes, file, schema, options);
  return finish(table, validatePublishedFigures(table.rows, file));
}
