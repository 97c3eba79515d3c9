import { feature } from 'topojson-client';
import { dissolveBy, recodeTopology, type AreaCollection, type CommuneTopology } from '@cls/geo';
import type { CogYear } from '@cls/core';
import { geometryBaseYear, loadCommuneTopology } from './data-files.ts';
import { regionReference } from './built-data.ts';

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
  const r = recodeTopology(topology, regionReference(baseYear, '32'), regionReference(cog, '32'));
  return { cog, baseYear, topology: r.topology, missing: r.missing };
}

/** One polygon feature per commune of the geometry's COG year (merged communes dissolved). */
export function communeFeatures(g: CommuneGeometry): AreaCollection<{ code: string }> {
  if (g.baseYear === g.cog)
    return feature(g.topology, g.topology.objects.communes) as unknown as AreaCollection<{ code: string }>;
  const fc = dissolveBy(g.topology, (code) => code);
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({ ...f, properties: { code: f.properties.key } })),
  };
}
