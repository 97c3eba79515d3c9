import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaCollection } from './types.ts';

export interface PointLocator {
  /** Code of the polygon containing (lon, lat), or null. A polygon holding the point strictly inside wins over one
   * that has it on its boundary (a point on a shared boundary goes to the first such polygon found). */
  locate(lon: number, lat: number): string | null;
}

/** Rings of every polygon in flat typed arrays, each feature's edges sorted in horizontal bands. */
interface FlatPolygons {
  /** x0, y0, x1, y1… of every ring, one after the other, feature after feature. */
  xy: Float64Array;
  /** minX, minY, maxX, maxY of each feature. */
  bbox: Float64Array;
  /**
   * Each feature's y-range cut in horizontal bands, each listing the edges (by first point: edge i
   * runs from point i to point i + 1 of its ring) whose y-range meets it: a point is tested against
   * the edges of its band only. Feature f's bands are featureBand[f] … featureBand[f + 1] - 1;
   * band b's edges are bandEdges[bandStart[b] … bandStart[b + 1] - 1].
   */
  featureBand: Uint32Array;
  /** Bands per degree of latitude of each feature. */
  bandScale: Float64Array;
  bandStart: Uint32Array;
  bandEdges: Uint32Array;
}

/** About this many edges per band; a feature with fewer edges than twice this has one band. */
const EDGES_PER_BAND = 6;

function bandCount(edges: number): number {
  return edges < 2 * EDGES_PER_BAND ? 1 : Math.min(256, Math.round(edges / EDGES_PER_BAND));
}

/**
 * Copies the rings into one typed array and bands the edges feature by feature, while its points
 * are in cache: each point's band, then a counting sort of the edges by the bands they meet.
 */
function flatten(features: AreaCollection['features']): FlatPolygons {
  const n = features.length;
  const featureBand = new Uint32Array(n + 1);
  let points = 0;
  let rings = 0;
  let widest = 0;
  for (let f = 0; f < n; f++) {
    const before = points;
    let own = 0;
    for (const poly of polygonsOf(features[f]!.geometry)) {
      own += poly.length;
      for (const ring of poly) points += ring.length;
    }
    rings = Math.max(rings, own);
    widest = Math.max(widest, points - before);
    featureBand[f + 1] = featureBand[f]! + bandCount(points - before - own);
  }
  const xy = new Float64Array(points * 2);
  const bbox = new Float64Array(n * 4);
  const bandScale = new Float64Array(n);
  const bandStart = new Uint32Array(featureBand[n]! + 1);
  let bandEdges = new Uint32Array(points + (points >> 1));
  // Scratch for one feature: where its rings start, its points' bands, its bands' edge counts.
  const ringStart = new Uint32Array(rings + 1);
  const pointBand = new Uint16Array(widest);
  const count = new Uint32Array(257);
  let p = 0;
  let q = 0;
  for (let f = 0; f < n; f++) {
    const first = p;
    let r = 0;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let nn = -Infinity;
    for (const poly of polygonsOf(features[f]!.geometry)) {
      for (const ring of poly) {
        ringStart[r++] = p - first;
        for (const pt of ring) {
          const x = pt[0]!;
          const y = pt[1]!;
          xy[2 * p] = x;
          xy[2 * p + 1] = y;
          p++;
          if (x < w) w = x;
          if (x > e) e = x;
          if (y < s) s = y;
          if (y > nn) nn = y;
        }
      }
    }
    ringStart[r] = p - first;
    bbox[4 * f] = w;
    bbox[4 * f + 1] = s;
    bbox[4 * f + 2] = e;
    bbox[4 * f + 3] = nn;
    const bands = featureBand[f + 1]! - featureBand[f]!;
    const scale = bands / (nn - s || 1);
    bandScale[f] = scale;
    // The formula of bandOf, so that the build and the lookups agree.
    for (let i = first; i < p; i++) {
      const b = Math.floor((xy[2 * i + 1]! - s) * scale);
      pointBand[i - first] = b < bands ? b : bands - 1;
    }
    count.fill(0, 0, bands + 1);
    for (let k = 0; k < r; k++) {
      let a = pointBand[ringStart[k]!]!;
      for (let i = ringStart[k]! + 1; i < ringStart[k + 1]!; i++) {
        const b = pointBand[i]!;
        if (a === b) count[a + 1]!++;
        else for (let j = a < b ? a : b, last = a < b ? b : a; j <= last; j++) count[j + 1]!++;
        a = b;
      }
    }
    for (let b = 0; b < bands; b++) {
      count[b + 1]! += count[b]!;
      bandStart[featureBand[f]! + b] = q + count[b]!;
    }
    const total = count[bands]!;
    if (q + total > bandEdges.length) {
      const grown = new Uint32Array(2 * (q + total));
      grown.set(bandEdges);
      bandEdges = grown;
    }
    for (let k = 0; k < r; k++) {
      let a = pointBand[ringStart[k]!]!;
      for (let i = ringStart[k]! + 1; i < ringStart[k + 1]!; i++) {
        const b = pointBand[i]!;
        // Edge first + i - 1 runs from the previous point (band a) to this one (band b).
        if (a === b) bandEdges[q + count[a]!++] = first + i - 1;
        else
          for (let j = a < b ? a : b, last = a < b ? b : a; j <= last; j++) bandEdges[q + count[j]!++] = first + i - 1;
        a = b;
      }
    }
    q += total;
  }
  bandStart[featureBand[n]!] = q;
  return { xy, bbox, featureBand, bandScale, bandStart, bandEdges };
}

/** The band of feature f holding latitude y (one formula for the build and the lookups: no edge falls between). */
function bandOf(featureBand: Uint32Array, bandScale: Float64Array, bbox: Float64Array, f: number, y: number): number {
  const first = featureBand[f]!;
  const last = featureBand[f + 1]! - 1;
  const b = first + Math.floor((y - bbox[4 * f + 1]!) * bandScale[f]!);
  return b < first ? first : b > last ? last : b;
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
