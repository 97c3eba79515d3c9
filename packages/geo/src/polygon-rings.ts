import type { MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { AreaCollection } from './types.ts';

/**
 * Polygons as rings of points in one flat typed array, polygon after polygon: what the point
 * locator indexes. Rings are closed (last point = first), outer rings and holes alike.
 */
export interface PolygonRings {
  /** x0, y0, x1, y1… of every ring, one after the other. */
  xy: Float64Array;
  /** Ring r is points ringStart[r] … ringStart[r + 1] - 1; its edges join consecutive points. */
  ringStart: Uint32Array;
  /** Polygon f is rings polygonStart[f] … polygonStart[f + 1] - 1, its points one block. */
  polygonStart: Uint32Array;
  /** Each polygon's id, in input order. */
  codes: string[];
}

export interface RingOptions {
  /** Property that names a polygon (default "code"). */
  idProperty?: string;
  /** TopoJSON object to read (default "communes"). */
  object?: string;
}

/** A polygon's id, as a string; an absent or empty one is an error naming the polygon. */
function idOf(properties: unknown, id: string, where: string): string {
  const value = (properties as Record<string, unknown> | null | undefined)?.[id];
  if (value === undefined || value === null || value === '') throw new Error(`${where} : propriété « ${id} » absente`);
  return String(value);
}

function polygonsOf(g: Polygon | MultiPolygon): Polygon['coordinates'][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * The rings of GeoJSON polygons, copied into one typed array. A polygon with no id is an error.
 * @example ringsOfFeatures(communes).codes[0] // "02001"
 */
export function ringsOfFeatures(collection: AreaCollection, options: RingOptions = {}): PolygonRings {
  const id = options.idProperty ?? 'code';
  const features = collection.features;
  const polygonStart = new Uint32Array(features.length + 1);
  let points = 0;
  let rings = 0;
  for (let f = 0; f < features.length; f++) {
    for (const poly of polygonsOf(features[f]!.geometry)) {
      rings += poly.length;
      for (const ring of poly) points += ring.length;
    }
    polygonStart[f + 1] = rings;
  }
  const xy = new Float64Array(2 * points);
  const ringStart = new Uint32Array(rings + 1);
  let p = 0;
  let r = 0;
  for (const f of features) {
    for (const poly of polygonsOf(f.geometry)) {
      for (const ring of poly) {
        for (let k = 0; k < ring.length; k++) {
          const position = ring[k]!;
          xy[p++] = position[0]!;
          xy[p++] = position[1]!;
        }
        ringStart[++r] = p >> 1;
      }
    }
  }
  const codes = features.map((f, i) => idOf(f.properties, id, `entité ${i + 1}`));
  return { xy, ringStart, polygonStart, codes };
}

/** Every arc of a topology decoded into one typed array (arc a is points start[a] … start[a + 1] - 1). */
function decodeArcs(topology: Topology): { xy: Float64Array; start: Uint32Array } {
  const arcs = topology.arcs;
  const start = new Uint32Array(arcs.length + 1);
  for (let a = 0; a < arcs.length; a++) start[a + 1] = start[a]! + arcs[a]!.length;
  const xy = new Float64Array(2 * start[arcs.length]!);
  const t = topology.transform;
  const [sx, sy] = t ? t.scale : [1, 1];
  const [tx, ty] = t ? t.translate : [0, 0];
  let p = 0;
  for (const arc of arcs) {
    let x = 0;
    let y = 0;
    for (let k = 0; k < arc.length; k++) {
      const position = arc[k]!;
      if (t) {
        // Delta-encoded integers: x = (x0 += dx) * scale + translate, as topojson-client computes it.
        xy[p++] = (x += position[0]!) * sx + tx;
        xy[p++] = (y += position[1]!) * sy + ty;
      } else {
        xy[p++] = position[0]!;
        xy[p++] = position[1]!;
      }
    }
  }
  return { xy, start };
}

/**
 * The polygons of a TopoJSON object as rings, arcs decoded once into a typed array and joined end
 * to end, with no GeoJSON built on the way: the same points as topojson-client's `feature`. A
 * geometry that is not a Polygon or MultiPolygon, or has no id, is an error.
 * @example ringsOfTopology(topology).codes[0] // "02001"
 */
export function ringsOfTopology(topology: Topology, options: RingOptions = {}): PolygonRings {
  const objectName = options.object ?? 'communes';
  const id = options.idProperty ?? 'code';
  const collection = topology.objects[objectName];
  if (collection?.type !== 'GeometryCollection') throw new Error(`objet TopoJSON « ${objectName} » absent`);
  const geometries = collection.geometries;
  const rings: number[][] = [];
  const polygonStart = new Uint32Array(geometries.length + 1);
  const codes: string[] = [];
  for (let f = 0; f < geometries.length; f++) {
    const g = geometries[f]!;
    const where = `objet TopoJSON « ${objectName} », géométrie ${f + 1}`;
    codes.push(idOf(g.properties, id, where));
    if (g.type === 'Polygon') rings.push(...g.arcs);
    else if (g.type === 'MultiPolygon') for (const poly of g.arcs) rings.push(...poly);
    else throw new Error(`${where} (${codes[f]}) : ${g.type}, polygone attendu`);
    polygonStart[f + 1] = rings.length;
  }
  const arcs = decodeArcs(topology);
  // A ring's arcs share their ends: each arc after the first adds its points but its first.
  const length = (a: number) => arcs.start[(a < 0 ? ~a : a) + 1]! - arcs.start[a < 0 ? ~a : a]!;
  const ringStart = new Uint32Array(rings.length + 1);
  for (let r = 0; r < rings.length; r++) {
    let points = 1;
    for (const a of rings[r]!) points += length(a) - 1;
    // topojson-client adds the first point again to a ring of fewer than 4.
    ringStart[r + 1] = ringStart[r]! + (points < 4 ? points + 1 : points);
  }
  const xy = new Float64Array(2 * ringStart[rings.length]!);
  const from = arcs.xy;
  for (let r = 0; r < rings.length; r++) {
    let p = 2 * ringStart[r]!;
    const ring = rings[r]!;
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]!;
      if (a >= 0) {
        for (let i = 2 * arcs.start[a]! + (k > 0 ? 2 : 0); i < 2 * arcs.start[a + 1]!; i += 2) {
          xy[p++] = from[i]!;
          xy[p++] = from[i + 1]!;
        }
      } else {
        for (let i = 2 * arcs.start[~a + 1]! - (k > 0 ? 4 : 2); i >= 2 * arcs.start[~a]!; i -= 2) {
          xy[p++] = from[i]!;
          xy[p++] = from[i + 1]!;
        }
      }
    }
    for (let first = 2 * ringStart[r]!; p < 2 * ringStart[r + 1]!; ) {
      xy[p++] = xy[first]!;
      xy[p++] = xy[first + 1]!;
    }
  }
  return { xy, ringStart, polygonStart, codes };
}
