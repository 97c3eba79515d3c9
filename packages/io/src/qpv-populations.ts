import type { PriorityTerritory } from '@cls/core';
import { applyQpvPopulations, withErrors, type QpvPopulationsResult } from '@cls/tables';
import { InputFileError, readBytes } from './registry-files.ts';

/**
 * Reads a file of QPV populations and sets them on the matching priority territories (see
 * applyQpvPopulations in @cls/tables); a file with no usable row throws (exit code 1).
 */
export async function loadQpvPopulations(
  territories: readonly PriorityTerritory[],
  path: string,
  communesPopulation?: (t: PriorityTerritory) => number,
): Promise<QpvPopulationsResult> {
  const r = await applyQpvPopulations(
    territories,
    readBytes(path),
    path,
    communesPopulation ? { communesPopulation } : {},
  );
  if (!r.usable) throw new InputFileError(withErrors(`${path} : aucune population de QPV utilisable`, r.diagnostics));
  return r;
}
