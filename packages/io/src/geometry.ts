import { recodeTopology, type CommuneTopology } from '@cls/geo';
import type { CogYear } from '@cls/core';
import { geometryBaseYear, loadCommuneTopology } from './data-files.ts';
import { loadReference } from './reference.ts';

export interface CommuneGeometry {
  cog: CogYear;
  /** Shipped geometry year it was derived from. */
  baseYear: CogYear;
  topology: CommuneTopology;
  /** Communes of the COG year with no polygon (split off after the base year). */
  missing: string[];
}

/**
 * Commune polygons of region 32 for any shipped COG year: the file of that year when there is
 * one, otherwise the nearest earlier file with its communes renamed to their successors (merged
 * communes then dissolve along their shared arcs).
 */
export function loadCommuneGeometry(cog: CogYear): CommuneGeometry {
  const baseYear = geometryBaseYear(cog);
  const topology = loadCommuneTopology(baseYear) as CommuneTopology;
  if (baseYear === cog) return { cog, baseYear, topology, missing: [] };
  const r = recodeTopology(topology, loadReference(baseYear), loadReference(cog));
  return { cog, baseYear, topology: r.topology, missing: r.missing };
}
