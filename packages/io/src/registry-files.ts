import { readFileSync } from 'node:fs';
import type {
  CogYear,
  PriorityTerritory,
  PublishedFigure,
  Reference,
  RegionCode,
  RegistryDocument,
  UndatedDocument,
} from '@cls/core';
import {
  parseDocuments,
  parsePriorityTerritories,
  parsePublishedFigures,
  parseUndatedDocuments,
  type LoadedTable,
  type ParseOptions,
} from '@cls/tables';
import { COG_YEARS } from './cog-versions.ts';
import { regionReference } from './built-data.ts';
import { InputFileError } from './input-error.ts';

export interface LoadOptions {
  /** Region whose communes the perimeters must lie in (default "32"). */
  region?: RegionCode;
  today?: string;
  /** Sheet of an `.xlsx` workbook (default: the first). */
  sheet?: string;
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

/** The shared reader's options from a file loader's: the region's references of every COG year. */
function parseOptions(options: LoadOptions): ParseOptions {
  const region = options.region ?? '32';
  return {
    referenceFor: options.referenceFor ?? ((cog) => regionReference(cog, region)),
    cogYears: COG_YEARS,
    ...(options.today ? { today: options.today } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  };
}

/**
 * Reads and validates a registry of documents (`documents.csv`, an Excel CSV export of it, or `.xlsx`).
 * @example (await loadDocuments('data/registry/documents.csv')).accepted.length
 */
export function loadDocuments(path: string, options: LoadOptions = {}): Promise<LoadedTable<RegistryDocument>> {
  return parseDocuments(readBytes(path), path, parseOptions(options));
}

/** Reads and validates the priority territories (`priority-territories.csv`; optional `population` column). */
export function loadPriorityTerritories(
  path: string,
  options: LoadOptions = {},
): Promise<LoadedTable<PriorityTerritory>> {
  return parsePriorityTerritories(readBytes(path), path, parseOptions(options));
}

/** Reads and validates the published figures (`published-figures.csv`): date, scope, source, figures. */
export function loadPublishedFigures(path: string): Promise<LoadedTable<PublishedFigure>> {
  return parsePublishedFigures(readBytes(path), path);
}

/**
 * Reads and validates the documents known without a date (`undated.csv`), kept apart from coverage.
 * @example (await loadUndatedDocuments('data/registry/undated.csv')).rowCount // every row, rejected ones too
 */
export function loadUndatedDocuments(path: string, options: LoadOptions = {}): Promise<LoadedTable<UndatedDocument>> {
  return parseUndatedDocuments(readBytes(path), path, parseOptions(options));
}
