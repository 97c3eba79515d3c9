import { codeMapping, type Reference } from '@cls/core';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { CommuneProps, CommuneTopology } from './types.ts';

export interface RecodeResult {
  /** Same arcs; every geometry renamed to its commune in the target year (merged communes share a code). */
  topology: CommuneTopology;
  /** Target-year communes with no geometry (a commune split off after the base year cannot be derived). */
  missing: string[];
  /** Base-year geometries that map to several target communes (splits), left under their base code. */
  ambiguous: Array<{ code: string; targets: string[] }>;
}

/**
 * Geometry for a COG year without a file of its own: renames the communes of the nearest base
 * geometry to their successors in the target year, so that `dissolveBy(topology, code => code)`
 * dissolves merged communes along their shared arcs.
 * @example recodeTopology(topo2019, ref2019, ref2022).topology // communes of COG 2022
 */
export function recodeTopology(topology: CommuneTopology, base: Reference, target: Reference): RecodeResult {
  const ambiguous: RecodeResult['ambiguous'] = [];
  const mapping = codeMapping(base, target);
  const geometries = topology.objects.communes.geometries.map((g) => {
    const code = (g.properties as CommuneProps).code;
    const targets = [...(mapping.get(code) ?? [])].sort();
    if (targets.length === 1) return { ...g, properties: { ...g.properties!, code: targets[0]!, baseCode: code } };
    if (targets.length > 1) ambiguous.push({ code, targets });
    return { ...g, properties: { ...g.properties!, baseCode: code } };
  });
  const present = new Set(geometries.map((g) => (g.properties as CommuneProps).code));
  const missing = target.communes.map((c) => c.code).filter((c) => !present.has(c));
  const objects = {
    ...topology.objects,
    communes: { ...topology.objects.communes, geometries } as GeometryCollection<CommuneProps>,
  };
  return { topology: { ...(topology as Topology), objects } as CommuneTopology, missing, ambiguous };
}
