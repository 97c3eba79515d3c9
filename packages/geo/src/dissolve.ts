import type { Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { PolygonRings } from './polygon-rings.ts';
import type { AreaCollection } from './types.ts';

export interface DissolveOptions {
  /** TopoJSON object to read (default "communes"). */
  object?: string;
  /** Property that names a geometry (default "code"). */
  idProperty?: string;
}

/**
 * Every arc of a topology decoded once: absolute coordinates (longitude, latitude) in one flat
 * array, each arc's first point, and the node (a small integer) each arc starts and ends at.
 */
interface DecodedArcs {
  /** lon0, lat0, lon1, lat1… */
  xy: Float64Array;
  /** Arc i spans points start[i] … start[i + 1] - 1. */
  start: Uint32Array;
  /** Node of each arc's first and last point: arcs meet where their nodes are equal. */
  from: Int32Array;
  to: Int32Array;
  /** Scratch, all zero between calls: uses of each arc in a group; first boundary arc leaving each node. */
  uses: Int32Array;
  head: Int32Array;
  /** Scratch, all -1 between calls: where each node starts an arc of the ring being stitched. */
  seen: Int32Array;
  /** Scratch: the points of the ring being read (see ringPoints). */
  points: Uint32Array;
  /** More arc points than LARGE_TOPOLOGY: output positions as array literals (see POSITION). */
  large: boolean;
}

const decoded = new WeakMap<Topology, DecodedArcs>();

function decode(topology: Topology): DecodedArcs {
  const cached = decoded.get(topology);
  if (cached) return cached;
  const arcs = topology.arcs;
  const start = new Uint32Array(arcs.length + 1);
  for (let i = 0; i < arcs.length; i++) start[i + 1] = start[i]! + arcs[i]!.length;
  const xy = new Float64Array(start[arcs.length]! * 2);
  const from = new Int32Array(arcs.length);
  const to = new Int32Array(arcs.length);
  const t = topology.transform;
  const [sx, sy] = t ? t.scale : [1, 1];
  const [tx, ty] = t ? t.translate : [0, 0];
  // Nodes are matched on exact coordinates: quantized integers, or the positions as written.
  const nodes = new Map<string, number>();
  const node = (x: number, y: number) => {
    const k = `${x},${y}`;
    let n = nodes.get(k);
    if (n === undefined) nodes.set(k, (n = nodes.size));
    return n;
  };
  let p = 0;
  arcs.forEach((arc, i) => {
    let x = 0;
    let y = 0;
    arc.forEach((pos, j) => {
      // Quantized arcs are delta-encoded; others hold absolute positions.
      x = t ? x + pos[0]! : pos[0]!;
      y = t ? y + pos[1]! : pos[1]!;
      if (j === 0) from[i] = node(x, y);
      if (j === arc.length - 1) to[i] = node(x, y);
      xy[p++] = x * sx + tx;
      xy[p++] = y * sy + ty;
    });
  });
  const d: DecodedArcs = {
    xy,
    start,
    from,
    to,
    uses: new Int32Array(arcs.length),
    head: new Int32Array(nodes.size).fill(-1),
    seen: new Int32Array(nodes.size).fill(-1),
    points: new Uint32Array(1024),
    large: start[arcs.length]! > LARGE_TOPOLOGY,
  };
  decoded.set(topology, d);
  return d;
}

/** Rings of arc indices of a TopoJSON geometry (`~i` is arc i reversed), or none. */
function ringsOf(g: { type: string | null; arcs?: unknown }): number[][] {
  if (g.type === 'Polygon') return g.arcs as number[][];
  if (g.type === 'MultiPolygon') return (g.arcs as number[][][]).flat();
  return [];
}

/** A closed ring: its directed arcs, signed area (lon/lat, positive counter-clockwise) and bbox. */
interface Ring {
  arcs: number[];
  area: number;
  bbox: [number, number, number, number];
}

/** The number of points of a ring of directed arcs (each arc's first point is the previous one's last). */
function ringLength(d: DecodedArcs, arcs: readonly number[]): number {
  let total = arcs.length > 0 ? 1 : 0;
  for (const a of arcs) total += d.start[(a < 0 ? ~a : a) + 1]! - d.start[a < 0 ? ~a : a]! - 1;
  return total;
}

/**
 * The points of a ring of directed arcs, in order, into `d.points` (each arc's first point is the
 * previous one's last, so it is left out): returns their number. No allocation in this hot loop.
 */
function ringPoints(d: DecodedArcs, arcs: readonly number[]): number {
  const total = ringLength(d, arcs);
  if (d.points.length < total) d.points = new Uint32Array(total * 2);
  const out = d.points;
  let m = 0;
  for (let k = 0; k < arcs.length; k++) {
    const a = arcs[k]!;
    if (a >= 0) {
      for (let p = d.start[a]! + (k > 0 ? 1 : 0); p < d.start[a + 1]!; p++) out[m++] = p;
    } else {
      const i = ~a;
      for (let p = d.start[i + 1]! - 1 - (k > 0 ? 1 : 0); p >= d.start[i]!; p--) out[m++] = p;
    }
  }
  return m;
}

/** Signed area (shoelace) and bbox of a ring of directed arcs. */
function measure(d: DecodedArcs, arcs: number[]): Ring {
  const m = ringPoints(d, arcs);
  const { xy, points } = d;
  let area = 0;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  let px = xy[2 * points[0]!]!;
  let py = xy[2 * points[0]! + 1]!;
  for (let i = 1; i < m; i++) {
    const x = xy[2 * points[i]!]!;
    const y = xy[2 * points[i]! + 1]!;
    area += px * y - x * py;
    px = x;
    py = y;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return { arcs, area: area / 2, bbox: [w, s, e, n] };
}

/**
 * Stitches directed arcs into closed rings, end to start: an arc ending at a node is followed by an
 * unused arc leaving it (nodes are exact, so the topology joins without tolerance).
 */
function stitch(d: DecodedArcs, directed: readonly number[]): Ring[] {
  const first = (a: number) => (a >= 0 ? d.from[a]! : d.to[~a]!);
  const last = (a: number) => (a >= 0 ? d.to[a]! : d.from[~a]!);
  // Arcs leaving each node, as linked lists through `next` (head is all -1 between calls).
  const next = new Int32Array(directed.length);
  for (let i = 0; i < directed.length; i++) {
    const n = first(directed[i]!);
    next[i] = d.head[n]!;
    d.head[n] = i;
  }
  const used = new Uint8Array(directed.length);
  const take = (node: number): number => {
    let prev = -1;
    for (let i = d.head[node]!; i >= 0; prev = i, i = next[i]!) {
      if (used[i]) continue;
      if (prev < 0) d.head[node] = next[i]!;
      else next[prev] = next[i]!;
      used[i] = 1;
      return i;
    }
    return -1;
  };
  const rings: Ring[] = [];
  const seen = d.seen;
  for (let i = 0; i < directed.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const arcs: number[] = [];
    for (let a = directed[i]!; ; ) {
      seen[first(a)] = arcs.length;
      arcs.push(a);
      const node = last(a);
      const k = seen[node]!;
      if (k >= 0) {
        // Back at a node of this ring: the loop from there is a ring of its own (no ring touches itself).
        const loop = arcs.splice(k);
        for (const b of loop) seen[first(b)] = -1;
        rings.push(measure(d, loop));
        if (arcs.length === 0) break;
      }
      const j = take(node);
      if (j < 0) {
        // An open chain (invalid topology): closed as it is.
        for (const b of arcs) seen[first(b)] = -1;
        rings.push(measure(d, arcs));
        break;
      }
      a = directed[j]!;
    }
  }
  for (const a of directed) d.head[first(a)] = -1;
  return rings.filter((r) => r.area !== 0);
}

/** Whether a point lies inside a ring (even-odd crossings). */
function ringContains(d: DecodedArcs, ring: Ring, x: number, y: number): boolean {
  const [w, s, e, n] = ring.bbox;
  if (x < w || x > e || y < s || y > n) return false;
  const m = ringPoints(d, ring.arcs);
  const { xy, points } = d;
  let inside = false;
  for (let i = 1; i < m; i++) {
    const xi = xy[2 * points[i]!]!;
    const yi = xy[2 * points[i]! + 1]!;
    const xj = xy[2 * points[i - 1]!]!;
    const yj = xy[2 * points[i - 1]! + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * What the output positions of a region-size dissolve are copied from. An array literal `[x, y]` gives
 * all positions one allocation site, which V8 pretenures (allocates in the old generation) once most of
 * them survive a scavenge, as they do while the output is built: no loss for a France-size output, which
 * outgrows the young generation anyway (on the README's VM, where fresh pages dominate: median 155-207 ms
 * with literals, 179-183 ms with copies), wrong for a region (3 or 9-12 ms by process with literals,
 * 2.5-3 ms with copies). `slice()` of a template allocates the same packed pair of doubles without that site.
 */
const POSITION: Position = [0.5, 0.5];
/** Arc points beyond which a dissolve writes array literals: the region has 98,947, France about 900,000. */
const LARGE_TOPOLOGY = 500_000;

/** GeoJSON positions of a ring, counter-clockwise (outer) or clockwise (hole) as RFC 7946 asks. */
function positions(d: DecodedArcs, ring: Ring, counterClockwise: boolean): Position[] {
  const m = ringPoints(d, ring.arcs);
  const { xy, points } = d;
  const out: Position[] = new Array(m);
  const forward = ring.area > 0 === counterClockwise;
  for (let i = 0; i < m; i++) {
    const p = points[forward ? i : m - 1 - i]!;
    if (d.large) out[i] = [xy[2 * p]!, xy[2 * p + 1]!];
    else {
      const position = POSITION.slice();
      position[0] = xy[2 * p]!;
      position[1] = xy[2 * p + 1]!;
      out[i] = position;
    }
  }
  return out;
}

/** The arcs used once by a group's rings, directed as in their ring: an arc two rings share is interior. */
function boundaryArcs(d: DecodedArcs, rings: readonly number[][]): number[] {
  const uses = d.uses;
  for (const ring of rings) for (const a of ring) uses[a < 0 ? ~a : a]!++;
  const boundary: number[] = [];
  for (const ring of rings) for (const a of ring) if (uses[a < 0 ? ~a : a] === 1) boundary.push(a);
  for (const ring of rings) for (const a of ring) uses[a < 0 ? ~a : a] = 0;
  return boundary;
}

/** The smallest outer ring holding a hole (tested at the hole's first point), or -1. */
function holeOwner(d: DecodedArcs, outers: readonly Ring[], hole: Ring): number {
  const a = hole.arcs[0]!;
  const p = a >= 0 ? d.start[a]! : d.start[~a + 1]! - 1;
  const x = d.xy[2 * p]!;
  const y = d.xy[2 * p + 1]!;
  let best = -1;
  for (let i = 0; i < outers.length; i++) {
    const o = outers[i]!;
    if (Math.abs(o.area) <= Math.abs(hole.area)) continue;
    if (best >= 0 && Math.abs(o.area) >= Math.abs(outers[best]!.area)) continue;
    if (ringContains(d, o, x, y)) best = i;
  }
  return best;
}

/**
 * One group's boundary as polygons, each an outer ring and its holes: the arcs used once by its
 * communes (an arc two of them share is interior and vanishes), stitched into rings; rings wound
 * like the input's outer rings are outer rings, the others holes, each hole under the smallest outer
 * ring holding it.
 */
function groupParts(d: DecodedArcs, rings: readonly number[][]): Ring[][] {
  const stitched = stitch(d, boundaryArcs(d, rings));
  // The ring of largest area is an outer ring: its winding is the input's outer winding.
  let largest = 0;
  for (const r of stitched) if (Math.abs(r.area) > Math.abs(largest)) largest = r.area;
  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (const r of stitched) (Math.sign(r.area) === Math.sign(largest) ? outers : holes).push(r);
  const parts = outers.map((r) => [r]);
  for (const hole of holes) {
    const owner = holeOwner(d, outers, hole);
    if (owner >= 0) parts[owner]!.push(hole);
  }
  return parts;
}

/** The communes of each group (its key's), their rings of arcs, in key order. */
function groupsOf(
  topology: Topology,
  keyOf: (code: string) => string | null,
  options: DissolveOptions,
): Array<{ key: string; rings: number[][]; count: number }> {
  const objectName = options.object ?? 'communes';
  const id = options.idProperty ?? 'code';
  const collection = topology.objects[objectName];
  if (collection?.type !== 'GeometryCollection') throw new Error(`objet TopoJSON « ${objectName} » absent`);
  const groups = new Map<string, { key: string; rings: number[][]; count: number }>();
  for (const g of collection.geometries) {
    const code = String((g.properties as Record<string, unknown> | undefined)?.[id]);
    const key = keyOf(code);
    if (key === null) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, rings: [], count: 0 }));
    group.count++;
    for (const ring of ringsOf(g)) group.rings.push(ring);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Dissolves the polygons of a topology by key, along their shared arcs: an arc two polygons of a
 * group share is dropped, the arcs left are stitched end to end, so adjacent polygons leave no
 * sliver or gap, and a polygon left out inside a group stays a hole. `keyOf` returns the group of a
 * code, or null to leave it out. Output winding follows RFC 7946 (outer rings counter-clockwise).
 * @example dissolveBy(topo, (code) => epciOf.get(code) ?? null) // one MultiPolygon per EPCI
 */
export function dissolveBy(
  topology: Topology,
  keyOf: (code: string) => string | null,
  options: DissolveOptions = {},
): AreaCollection<{ key: string; count: number }> {
  const groups = groupsOf(topology, keyOf, options);
  const d = decode(topology);
  return {
    type: 'FeatureCollection',
    features: groups.map(({ key, rings, count }) => {
      const parts = groupParts(d, rings);
      const coordinates = parts.map((part) => part.map((r, i) => positions(d, r, i === 0)));
      return { type: 'Feature', properties: { key, count }, geometry: { type: 'MultiPolygon', coordinates } };
    }),
  };
}

/** The groups of `dissolveRingsBy`: rings of each group (its key in `codes`), flat. */
export interface DissolvedRings extends PolygonRings {
  /** Communes in each group. */
  counts: Uint32Array;
  /** 1 for an outer ring (it starts a polygon of its group's MultiPolygon), 0 for a hole. */
  outer: Uint8Array;
}

/**
 * The dissolve of `dissolveBy`, written as flat rings instead of GeoJSON: the same points in the
 * same order (outer rings counter-clockwise, each followed by its holes), in one typed array. What
 * the point locator reads, and a fraction of the memory of 390,000 GeoJSON positions at France size.
 * @example createLocator(dissolveRingsBy(topo, (c) => epciOf.get(c) ?? null)).locate(2.83, 50.43) // Lens's EPCI
 */
export function dissolveRingsBy(
  topology: Topology,
  keyOf: (code: string) => string | null,
  options: DissolveOptions = {},
): DissolvedRings {
  const groups = groupsOf(topology, keyOf, options);
  const d = decode(topology);
  const all = groups.map((g) => groupParts(d, g.rings));
  let rings = 0;
  let points = 0;
  for (const parts of all) {
    for (const part of parts) {
      rings += part.length;
      for (const r of part) points += ringLength(d, r.arcs);
    }
  }
  const xy = new Float64Array(2 * points);
  const ringStart = new Uint32Array(rings + 1);
  const polygonStart = new Uint32Array(groups.length + 1);
  const outer = new Uint8Array(rings);
  let p = 0;
  let k = 0;
  all.forEach((parts, f) => {
    for (const part of parts) {
      part.forEach((r, i) => {
        const m = ringPoints(d, r.arcs);
        const forward = r.area > 0 === (i === 0);
        for (let j = 0; j < m; j++) {
          const q = d.points[forward ? j : m - 1 - j]!;
          xy[p++] = d.xy[2 * q]!;
          xy[p++] = d.xy[2 * q + 1]!;
        }
        outer[k] = i === 0 ? 1 : 0;
        ringStart[++k] = p >> 1;
      });
    }
    polygonStart[f + 1] = k;
  });
  const codes = groups.map((g) => g.key);
  return { xy, ringStart, polygonStart, codes, counts: Uint32Array.from(groups, (g) => g.count), outer };
}
