import { feature } from 'topojson-client';
import { dissolveBy, recodeTopology, type AreaCollection, type CommuneProps, type CommuneTopology } from '@cls/geo';
import type { CogYear, RegionCode } from '@cls/core';
import { geometryBaseYear, loadCommuneTopology } from './data-files.ts';
import { regionReference } from './built-data.ts';

export interface CommuneGeometry {
  cog: CogYear;
  /** Shipped geometry year it was derived from. */
  baseYear: CogYear;
  topology: CommuneTopology;
  /** Communes of the COG year with no polygon (restored by a split after the polygons' source). */
  missing: string[];
}

/**
 * Commune polygons of a region for any shipped COG year: the file of that year when there is
 * one, otherwise the nearest earlier file with its communes renamed to their successors (merged
 * communes then dissolve along their shared arcs).
 * @example loadCommuneGeometry(2025, '53').missing // []
 */
export function loadCommuneGeometry(cog: CogYear, region: RegionCode = '32'): CommuneGeometry {
  const baseYear = geometryBaseYear(cog);
  const topology = loadCommuneTopology(baseYear, region) as CommuneTopology;
  if (baseYear === cog) {
    const present = new Set(topology.objects.communes.geometries.map((g) => (g.properties as CommuneProps).code));
    const missing = regionReference(cog, region)
      .communes.map((c) => c.code)
      .filter((c) => !present.has(c));
    return { cog, baseYear, topology, missing };
  }
  const r = recodeTopology(topology, regionReference(baseYear, region), regionReference(cog, region));
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
