import {
  DOCUMENT_COLUMNS,
  documentRow,
  registryFileReport,
  validateDocuments,
  type CogYear,
  type DocumentRow,
  type RawRow,
  type Reference,
  type ValidationResult,
  type RegistryDocument,
} from '@cls/core';
import type { RegistryFile } from './data.ts';

/** The documents table the analyst works on, as text rows (rejected ones kept: nothing is dropped). */
export interface Draft {
  /** The file name shown and used to save. */
  name: string;
  /** Rows in order; a row's line is its line in the saved file (the header is line 1). */
  rows: readonly RawRow[];
  /** Changed since read or last saved. */
  dirty: boolean;
}

export interface DraftOptions {
  referenceFor: (cog: CogYear) => Reference;
  cogYears: readonly CogYear[];
  today: string;
}

/** Rows numbered as the saved file will number them. */
const numbered = (rows: ReadonlyArray<{ values: Record<string, string> }>): RawRow[] =>
  rows.map((r, i) => ({ line: i + 2, values: r.values }));

/** The shipped registry's documents as a draft (each row as `documents.csv` holds it). */
export function shippedDraft(documents: readonly RegistryDocument[], name: string): Draft {
  const rows = [...documents].sort((a, b) => a.line - b.line).map((d) => ({ values: documentRow(d) }));
  return { name, rows: numbered(rows), dirty: false };
}

/** The rows of a file read in the page as a draft. */
export function fileDraft(name: string, rows: readonly RawRow[]): Draft {
  return { name, rows: numbered(rows), dirty: false };
}

/** The draft worked on: the one given, or the shipped documents as rows (under the name they save as). */
export function draftShown(draft: Draft | null, documents: readonly RegistryDocument[]): Draft {
  return draft ?? shippedDraft(documents, 'registre-cls.csv');
}

/** A draft with a row put in place of the row `replacing` (an id), or added at the end. */
export function putRow(draft: Draft, row: DocumentRow, replacing: string | null): Draft {
  const at = replacing === null ? -1 : draft.rows.findIndex((r) => r.values.id === replacing);
  const rows = draft.rows.map((r) => ({ values: r.values }));
  if (at >= 0) rows[at] = { values: row };
  else rows.push({ values: row });
  return { ...draft, rows: numbered(rows), dirty: true };
}

/** A draft without the row of this id. */
export function removeRow(draft: Draft, id: string): Draft {
  return { ...draft, rows: numbered(draft.rows.filter((r) => r.values.id !== id)), dirty: true };
}

/** The text columns of a row, in the order of `documents.csv`. */
export function rowCells(row: RawRow): string[] {
  return DOCUMENT_COLUMNS.map((c) => row.values[c] ?? '');
}

/**
 * Validates a draft as `cls validate` validates a file, and gives the registry it makes: its
 * accepted documents in place of the registry's, with the report of its rows and problems.
 */
export function draftRegistry(
  draft: Draft,
  current: RegistryFile,
  options: DraftOptions,
  sha256: string,
): { registry: RegistryFile; result: ValidationResult<RegistryDocument> } {
  const result = validateDocuments(draft.rows, draft.name, options);
  const report = registryFileReport(
    { path: draft.name, sha256, rows: draft.rows.length, rejected: result.rejectedLines.length },
    result.diagnostics,
  );
  return {
    registry: { ...current, documents: result.accepted, files: { ...current.files, documents: report } },
    result,
  };
}
