import { readFileSync, statSync } from 'node:fs';
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

export interface LoadOptions {
  /** Region whose communes the perimeters must lie in (default "32"). */
  region?: RegionCode;
  today?: string;
  /** Sheet of an `.xlsx` workbook (default: the first). */
  sheet?: string;
  /** Where the references come from (default: regionReference, i.e. `data/build/` or the packages). */
  referenceFor?: (cog: CogYear) => Reference;
}

import { InputFileError } from './input-error.ts';

export { InputFileError };

/** The largest input file read whole (a registry, a CSV of addresses). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** The bytes of an input file, or an InputFileError naming it (missing, a directory, a device, too large). */
export function readBytes(path: string, maxBytes = MAX_INPUT_BYTES): Uint8Array {
  try {
    // Only a regular file of bounded size: /dev/zero or a FIFO would grow or hang without end.
    const st = statSync(path);
    if (!st.isFile()) throw new InputFileError(`${path} : pas un fichier ordinaire (dossier, périphérique ou tube)`);
    if (st.size > maxBytes)
      throw new InputFileError(
        `${path} : ${Math.round(st.size / 1048576)} Mo, au-delà des ${maxBytes / 1048576} Mo que ce fichier d'entrée peut peser`,
      );
    return readFileSync(path);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
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
