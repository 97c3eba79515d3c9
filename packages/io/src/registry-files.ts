import { readFileSync } from 'node:fs';
import {
  DOCUMENT_COLUMNS,
  PRIORITY_COLUMNS,
  validateDocuments,
  validatePriorityTerritories,
  type Diagnostic,
  type PriorityTerritory,
  type RegionCode,
  type RegistryDocument,
  type ValidationResult,
} from '@cls/core';
import { readCsvTable, type CsvTable } from './csv-table.ts';
import { COG_YEARS } from './cog-versions.ts';
import { loadReference } from './reference.ts';

export interface LoadedTable<T> extends ValidationResult<T> {
  file: string;
  encoding: CsvTable['encoding'];
  delimiter: string;
  /** Number of data rows read (accepted + rejected). */
  rowCount: number;
}

export interface LoadOptions {
  /** Region whose communes the perimeters must lie in (default "32"). */
  region?: RegionCode;
  today?: string;
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`${path} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function finish<T>(table: CsvTable, result: ValidationResult<T>): LoadedTable<T> {
  const diagnostics: Diagnostic[] = [...table.diagnostics, ...result.diagnostics];
  // Rows malformed at the CSV level (wrong field count) are rejected too.
  const csvRejected = table.diagnostics
    .filter((d) => d.severity === 'error' && d.line != null && d.line > 1)
    .map((d) => d.line!);
  return {
    ...result,
    diagnostics,
    rejectedLines: [...new Set([...csvRejected, ...result.rejectedLines])].sort((a, b) => a - b),
    file: table.file,
    encoding: table.encoding,
    delimiter: table.delimiter,
    rowCount: table.rows.length + csvRejected.length,
  };
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
    referenceFor: (cog) => loadReference(cog, { region }),
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
    referenceFor: (cog) => loadReference(cog, { region }),
    cogYears: COG_YEARS,
  });
  return finish(table, result);
}
