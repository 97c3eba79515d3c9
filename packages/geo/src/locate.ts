import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaCollection } from './types.ts';

export interface PointLocator {
  /** Code of the polygon containing (lon, lat), or null. A polygon holding the point strictly inside wins over one
   * that has it on its boundary (a point on a shared boundary goes to the first such polygon found). */
  locate(lon: number, lat: number): string | null;
}

/** Rings of every polygon in flat typed arrays, and a grid of the polygons whose bbox meets each cell. */
interface FlatPolygons {
  /** x0, y0, x1, y1… of every ring, one after the other. */
  xy: Float64Array;
  /** Ring r spans points ringStart[r] … ringStart[r + 1] - 1. */
  ringStart: Uint32Array;
  /** Feature f holds rings featureRing[f] … featureRing[f + 1] - 1 (parts and holes alike: even-odd). */
  featureRing: Uint32Array;
  /** minX, minY, maxX, maxY of each feature. */
  bbox: Float64Array;
  /**
   * Each feature's y-range cut in horizontal bands, each listing the edges (by first point) whose
   * y-range meets it: a point is tested against the edges of its band only. Feature f's bands are
   * featureBand[f] … featureBand[f + 1] - 1; band b's edges are bandEdges[bandStart[b] … bandStart[b + 1] - 1].
   */
  featureBand: Uint32Array;
  /** Bands per degree of latitude of each feature. */
  bandScale: Float64Array;
  bandStart: Uint32Array;
  bandEdges: Uint32Array;
}

function flatten(features: AreaCollection['features']): FlatPolygons {
  let points = 0;
  let rings = 0;
  for (const f of features) {
    for (const poly of polygonsOf(f.geometry)) {
      rings += poly.length;
      for (const ring of poly) points += ring.length;
    }
  }
  const xy = new Float64Array(points * 2);
  const ringStart = new Uint32Array(rings + 1);
  const featureRing = new Uint32Array(features.length + 1);
  const bbox = new Float64Array(features.length * 4);
  let p = 0;
  let r = 0;
  for (let i = 0; i < features.length; i++) {
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const poly of polygonsOf(features[i]!.geometry)) {
      for (let k = 0; k < poly.length; k++) {
        const ring = poly[k]!;
        ringStart[r++] = p / 2;
        for (let v = 0; v < ring.length; v++) {
          const x = ring[v]![0]!;
          const y = ring[v]![1]!;
          xy[p++] = x;
          xy[p++] = y;
          if (x < w) w = x;
          if (x > e) e = x;
          if (y < s) s = y;
          if (y > n) n = y;
        }
      }
    }
    featureRing[i + 1] = r;
    bbox[4 * i] = w;
    bbox[4 * i + 1] = s;
    bbox[4 * i + 2] = e;
    bbox[4 * i + 3] = n;
  }
  ringStart[r] = p / 2;
  return { xy, ringStart, featureRing, bbox, ...bandsOf(xy, ringStart, featureRing, bbox) };
}

/** The band of feature f holding latitude y (one formula for the build and the lookups: no edge falls between). */
function bandOf(featureBand: Uint32Array, bandScale: Float64Array, bbox: Float64Array, f: number, y: number): number {
  const first = featureBand[f]!;
  const last = featureBand[f + 1]! - 1;
  const b = first + Math.floor((y - bbox[4 * f + 1]!) * bandScale[f]!);
  return b < first ? first : b > last ? last : b;
}

/** About this many edges per band. */
const EDGES_PER_BAND = 6;

/** Edge i runs from point i to point i + 1 of its ring (rings are closed: the last point repeats the first). */
function bandsOf(
  xy: Float64Array,
  ringStart: Uint32Array,
  featureRing: Uint32Array,
  bbox: Float64Array,
): Pick<FlatPolygons, 'featureBand' | 'bandScale' | 'bandStart' | 'bandEdges'> {
  const features = featureRing.length - 1;
  const featureBand = new Uint32Array(features + 1);
  const bandScale = new Float64Array(features);
  for (let f = 0; f < features; f++) {
    const edges =
      ringStart[featureRing[f + 1]!]! - ringStart[featureRing[f]!]! - (featureRing[f + 1]! - featureRing[f]!);
    const count = Math.max(1, Math.min(256, Math.round(edges / EDGES_PER_BAND)));
    featureBand[f + 1] = featureBand[f]! + count;
    bandScale[f] = count / (bbox[4 * f + 3]! - bbox[4 * f + 1]! || 1);
  }
  const bands = featureBand[features]!;
  const bandStart = new Uint32Array(bands + 1);
  // Each edge's first band (edges are numbered by their first point), then a counting sort.
  const points = xy.length / 2;
  const lo = new Uint32Array(points);
  const span = new Uint8Array(points);
  for (let f = 0; f < features; f++) {
    for (let r = featureRing[f]!; r < featureRing[f + 1]!; r++) {
      for (let i = ringStart[r]!; i < ringStart[r + 1]! - 1; i++) {
        const ya = xy[2 * i + 1]!;
        const yb = xy[2 * i + 3]!;
        const a = bandOf(featureBand, bandScale, bbox, f, ya < yb ? ya : yb);
        const b = bandOf(featureBand, bandScale, bbox, f, ya < yb ? yb : ya);
        lo[i] = a;
        span[i] = b - a + 1;
        for (let k = a; k <= b; k++) bandStart[k + 1]!++;
      }
    }
  }
  for (let b = 0; b < bands; b++) bandStart[b + 1]! += bandStart[b]!;
  const bandEdges = new Uint32Array(bandStart[bands]!);
  const next = bandStart.slice(0, bands);
  for (let i = 0; i < points; i++) for (let k = lo[i]!; k < lo[i]! + span[i]!; k++) bandEdges[next[k]!++] = i;
  return { featureBand, bandScale, bandStart, bandEdges };
}

/**
 * Where a point is relative to a feature's rings (outer rings and holes, even-odd): 1 inside,
 * 0 on an edge or a vertex, -1 outside.
 */
function pointInFeature(g: FlatPolygons, f: number, x: number, y: number): number {
  const { xy, bandEdges } = g;
  const band = bandOf(g.featureBand, g.bandScale, g.bbox, f, y);
  let inside = false;
  for (let e = g.bandStart[band]!; e < g.bandStart[band + 1]!; e++) {
    const i = bandEdges[e]!;
    const xi = xy[2 * i]!;
    const yi = xy[2 * i + 1]!;
    const xj = xy[2 * i + 2]!;
    const yj = xy[2 * i + 3]!;
    if (yi > y !== yj > y) {
      const cross = (xj - xi) * (y - yi) - (x - xi) * (yj - yi);
      if (cross === 0) return 0;
      if (cross > 0 === yj > yi) inside = !inside;
    } else if (
      (yi === y && (yj === y ? (xi <= x && x <= xj) || (xj <= x && x <= xi) : xi === x)) ||
      (yj === y && xj === x)
    ) {
      return 0; // on a horizontal edge, or on a vertex
    }
  }
  return inside ? 1 : -1;
}

/** A uniform grid over the features' bboxes: the features meeting each cell, in one flat list. */
interface Grid {
  x0: number;
  y0: number;
  nx: number;
  ny: number;
  kx: number;
  ky: number;
  cellStart: Uint32Array;
  items: Uint32Array;
}

function buildGrid(g: FlatPolygons, count: number): Grid {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let f = 0; f < count; f++) {
    x0 = Math.min(x0, g.bbox[4 * f]!);
    y0 = Math.min(y0, g.bbox[4 * f + 1]!);
    x1 = Math.max(x1, g.bbox[4 * f + 2]!);
    y1 = Math.max(y1, g.bbox[4 * f + 3]!);
  }
  // About two cells per feature, square in degrees: a lookup tests one or two candidates.
  const side = Math.sqrt(((x1 - x0) * (y1 - y0)) / Math.max(1, 2 * count)) || 1;
  const nx = Math.max(1, Math.min(4096, Math.ceil((x1 - x0) / side)));
  const ny = Math.max(1, Math.min(4096, Math.ceil((y1 - y0) / side)));
  const kx = nx / (x1 - x0 || 1);
  const ky = ny / (y1 - y0 || 1);
  const cx = (x: number) => Math.min(nx - 1, Math.max(0, Math.floor((x - x0) * kx)));
  const cy = (y: number) => Math.min(ny - 1, Math.max(0, Math.floor((y - y0) * ky)));
  /** Calls `visit` with each cell a feature's bbox meets. */
  const cellsOf = (f: number, visit: (cell: number) => void) => {
    const a = cx(g.bbox[4 * f]!);
    const b = cx(g.bbox[4 * f + 2]!);
    for (let j = cy(g.bbox[4 * f + 1]!); j <= cy(g.bbox[4 * f + 3]!); j++)
      for (let i = a; i <= b; i++) visit(j * nx + i);
  };
  // Counting sort: the features of each cell, then their places in one list.
  const cellStart = new Uint32Array(nx * ny + 1);
  for (let f = 0; f < count; f++) cellsOf(f, (c) => cellStart[c + 1]!++);
  for (let k = 0; k < nx * ny; k++) cellStart[k + 1]! += cellStart[k]!;
  const items = new Uint32Array(cellStart[nx * ny]!);
  const next = cellStart.slice(0, nx * ny);
  for (let f = 0; f < count; f++) cellsOf(f, (c) => (items[next[c]!++] = f));
  return { x0, y0, nx, ny, kx, ky, cellStart, items };
}

/**
 * Builds a point locator over polygons (communes): every ring in one flat typed array, a uniform
 * grid of the polygons meeting each cell, then an exact point-in-polygon test on the few
 * candidates (a point on an edge or a vertex is told apart: it goes to the first polygon, in input order,
 * holding it when none holds it strictly inside).
 * @example createLocator(communes).locate(2.8313, 50.4328) // "62498" (Lens)
 */
export function createLocator(
  polygons: AreaCollection<{ code: string }>,
  options: { idProperty?: string } = {},
): PointLocator {
  const id = options.idProperty ?? 'code';
  const features = polygons.features;
  const codes = features.map((f) => String((f.properties as Record<string, unknown>)[id]));
  const flat = flatten(features);
  const grid = buildGrid(flat, features.length);
  const { bbox } = flat;
  return {
    locate(lon, lat) {
      const i = Math.floor((lon - grid.x0) * grid.kx);
      const j = Math.floor((lat - grid.y0) * grid.ky);
      // The grid's last row and column hold points on its north and east edges.
      const ci = i === grid.nx ? i - 1 : i;
      const cj = j === grid.ny ? j - 1 : j;
      if (ci < 0 || cj < 0 || ci >= grid.nx || cj >= grid.ny) return null;
      const cell = cj * grid.nx + ci;
      let boundary: string | null = null;
      for (let k = grid.cellStart[cell]!; k < grid.cellStart[cell + 1]!; k++) {
        const f = grid.items[k]!;
        if (lon < bbox[4 * f]! || lon > bbox[4 * f + 2]! || lat < bbox[4 * f + 1]! || lat > bbox[4 * f + 3]!) continue;
        const r = pointInFeature(flat, f, lon, lat);
        if (r === 1) return codes[f]!;
        if (r === 0 && boundary === null) boundary = codes[f]!;
      }
      return boundary;
    },
  };
}

function polygonsOf(g: Polygon | MultiPolygon): Polygon['coordinates'][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
