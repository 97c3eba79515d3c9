import { merge } from 'topojson-client';
import { rewind } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { AreaCollection, AreaFeature } from './types.ts';

export interface DissolveOptions {
  /** TopoJSON object to read (default "communes"). */
  object?: string;
  /** Property that names a geometry (default "code"). */
  idProperty?: string;
}

/**
 * Dissolves the polygons of a topology by key, along their shared arcs (TopoJSON merge): shared
 * boundaries vanish exactly, so adjacent polygons leave no sliver or gap, and a polygon left out
 * inside a group stays a hole. `keyOf` returns the group of a code, or null to leave it out.
 * Output winding follows RFC 7946 (outer rings counter-clockwise).
 * @example dissolveBy(topo, (code) => epciOf.get(code) ?? null) // one MultiPolygon per EPCI
 */
export function dissolveBy(
  topology: Topology,
  keyOf: (code: string) => string | null,
  options: DissolveOptions = {},
): AreaCollection<{ key: string; count: number }> {
  const objectName = options.object ?? 'communes';
  const id = options.idProperty ?? 'code';
  const collection = topology.objects[objectName];
  if (collection?.type !== 'GeometryCollection') throw new Error(`objet TopoJSON « ${objectName} » absent`);
  const groups = new Map<string, GeometryObject[]>();
  for (const g of collection.geometries) {
    const code = String((g.properties as Record<string, unknown> | undefined)?.[id]);
    const key = keyOf(code);
    if (key === null) continue;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(g as GeometryObject);
  }
  const features: AreaFeature<{ key: string; count: number }>[] = [];
  for (const [key, geoms] of groups) {
    const geometry = merge(topology, geoms as never) as MultiPolygon;
    features.push(
      rewind({ type: 'Feature', properties: { key, count: geoms.length }, geometry }, { mutate: true }) as AreaFeature<{
        key: string;
        count: number;
      }>,
    );
  }
  features.sort((a, b) => (a.properties.key < b.properties.key ? -1 : 1));
  return { type: 'FeatureCollection', features };
}

/** Dissolves every polygon into one (the whole region), keeping holes. */
export function dissolveAll(topology: Topology, options: DissolveOptions = {}): AreaFeature {
  const fc = dissolveBy(topology, () => 'all', options);
  if (!fc.features[0]) throw new Error('aucune géométrie à fusionner');
  return fc.features[0];
}
