import { readFileSync } from 'node:fs';
import {
  DOCUMENT_COLUMNS,
  PUBLISHED_COLUMNS,
  PUBLISHED_OPTIONAL,
  type PublishedFigure,
  validatePublishedFigures,
  PRIORITY_COLUMNS,
  UNDATED_COLUMNS,
  validateDocuments,
  validateUndatedDocuments,
  type UndatedDocument,
  validatePriorityTerritories,
  type CogYear,
  type Diagnostic,
  type Reference,
  type PriorityTerritory,
  type RegionCode,
  type RegistryDocument,
  type ValidationResult,
} from '@cls/core';
import { readCsvTable, type CsvTable } from './csv-table.ts';
import { COG_YEARS } from './cog-versions.ts';
import { regionReference } from './built-data.ts';
import { InputFileError } from './input-error.ts';

export interface LoadedTable<T> extends ValidationResult<T> {
  file: string;
  encoding: CsvTable['encoding'];
  delimiter: string;
  /** Number of data rows read (accepted + rejected). */
  rowCount: number;
  /** False when the header could not be used (see readCsvTable). */
  headerOk: boolean;
}

export interface LoadOptions {
  /** Region whose communes the perimeters must lie in (default "32"). */
  region?: RegionCode;
  today?: string;
  /** Where the references come from (default: regionReference, i.e. `data/build/` or the packages). */
  referenceFor?: (cog: CogYear) => Reference;
}

export { InputFileError } from './input-error.ts';

/** Reads a file's bytes, with the path in the error message. */
export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputFileError(`${path} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function finish<T>(table: CsvTable, result: ValidationResult<T>): LoadedTable<T> {
  const diagnostics: Diagnostic[] = [...table.diagnostics, ...result.diagnostics];
  // Rows malformed at the CSV level (wrong field count) are rejected too.
  const csvRejected = table.malformed.map((m) => m.line);
  return {
    ...result,
    diagnostics,
    rejectedLines: [...new Set([...csvRejected, ...result.rejectedLines])].sort((a, b) => a - b),
    file: table.file,
    encoding: table.encoding,
    delimiter: table.delimiter,
    rowCount: table.rows.length + csvRejected.length,
    headerOk: table.headerOk,
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
  if (!t.headerOk) return `${t.file} : en-tête inutilisable, aucune ligne lue`;
  if (t.accepted.length === 0) return `${t.file} : aucune ligne acceptée sur ${t.rowCount}`;
  return null;
}

/**
 * Reads and validates a registry of documents (`documents.csv`, or an Excel export of it).
 * @example loadDocuments('data/registry/documents.csv').accepted.length
 */
export function loadDocuments(path: string, options: LoadOptions = {}): LoadedTable<RegistryDocument> {
  return parseDocuments(readBytes(path), path, options);
}

/** Same as loadDocuments, from bytes already read. */
export function parseDocuments(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): LoadedTable<RegistryDocument> {
  const table = readCsvTable(bytes, file, { required: DOCUMENT_COLUMNS });
  const region = options.region ?? '32';
  const result = validateDocuments(table.rows, file, {
    referenceFor: options.referenceFor ?? ((cog) => regionReference(cog, region)),
    cogYears: COG_YEARS,
    ...(options.today ? { today: options.today } : {}),
  });
  return finish(table, result);
}

/** Reads and validates the priority territories (`priority-territories.csv`; optional `population` column). */
export function loadPriorityTerritories(path: string, options: LoadOptions = {}): LoadedTable<PriorityTerritory> {
  const table = readCsvTable(readBytes(path), path, {
    required: PRIORITY_COLUMNS,
    optional: ['population', 'verified'],
  });
  const region = options.region ?? '32';
  const result = validatePriorityTerritories(table.rows, path, {
    referenceFor: options.referenceFor ?? ((cog) => regionReference(cog, region)),
    cogYears: COG_YEARS,
  });
  return finish(table, result);
}

/** Reads and validates the published figures (`published-figures.csv`): date, scope, source, figures. */
export function loadPublishedFigures(path: string): LoadedTable<PublishedFigure> {
  const table = readCsvTable(readBytes(path), path, { required: PUBLISHED_COLUMNS, optional: PUBLISHED_OPTIONAL });
  return finish(table, validatePublishedFigures(table.rows, path));
}

/**
 * Reads and validates the documents known without a date (`undated.csv`), kept apart from coverage.
 * @example loadUndatedDocuments('data/registry/undated.csv').rowCount // every row, rejected ones too
 */
export function loadUndatedDocuments(path: string, options: LoadOptions = {}): LoadedTable<UndatedDocument> {
  const table = readCsvTable(readBytes(path), path, { required: UNDATED_COLUMNS });
  const region = options.region ?? '32';
  const result = validateUndatedDocuments(table.rows, path, {
    referenceFor: options.referenceFor ?? ((cog) => regionReference(cog, region)),
    cogYears: COG_YEARS,
  });
  return finish(table, result);
}
