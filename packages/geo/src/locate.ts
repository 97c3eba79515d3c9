import type { Topology } from 'topojson-specification';
import { type PolygonRings, type RingOptions, ringsOfFeatures, ringsOfTopology } from './polygon-rings.ts';
import type { AreaCollection } from './types.ts';

export interface PointLocator {
  /** Code of the polygon containing (lon, lat), or null. A polygon holding the point strictly inside wins over one
   * that has it on its boundary (a point on a shared boundary goes to the first such polygon found). */
  locate(lon: number, lat: number): string | null;
  /**
   * The answers of `locate` for many points at once (lon0, lat0, lon1, lat1…), in their order. Faster on many
   * points: they are looked up grid cell by grid cell, so a commune's rings are read from memory once per cell.
   * @example locator.locateAll(Float64Array.of(2.8313, 50.4328, -1.55, 47.22)) // ["62498", null]
   */
  locateAll(lonLat: ArrayLike<number>): Array<string | null>;
}

/** The locator's index: each polygon's bbox, and its edges sorted in horizontal bands. */
interface BandedPolygons {
  /** The rings' points (see PolygonRings). */
  xy: Float64Array;
  /** minX, minY, maxX, maxY of each polygon. */
  bbox: Float64Array;
  /**
   * Each polygon's y-range cut in horizontal bands, each listing the runs of consecutive edges of its
   * rings (edge i runs from point i to point i + 1) whose y-ranges meet it: a point is tested against
   * the edges of its band only, read in ring order. Polygon f's bands are polygonBand[f] …
   * polygonBand[f + 1] - 1; band b's runs are r = bandStart[b] … bandStart[b + 1] - 1, run r the
   * edges runs[2r] … runs[2r + 1] - 1.
   */
  polygonBand: Uint32Array;
  /** Bands per degree of latitude of each polygon. */
  bandScale: Float64Array;
  bandStart: Uint32Array;
  runs: Uint32Array;
}

/** About this many edges per band; a polygon with fewer edges than twice this has one band. */
const EDGES_PER_BAND = 6;

function bandCount(edges: number): number {
  return edges < 2 * EDGES_PER_BAND ? 1 : Math.min(256, Math.round(edges / EDGES_PER_BAND));
}

/** A growable list of runs (band, first edge, end edge), for one polygon. */
class RunList {
  band = new Uint16Array(1024);
  from = new Uint32Array(1024);
  to = new Uint32Array(1024);
  length = 0;
  push(band: number, from: number, to: number): void {
    if (this.length === this.band.length) this.grow();
    this.band[this.length] = band;
    this.from[this.length] = from;
    this.to[this.length++] = to;
  }
  private grow(): void {
    const band = new Uint16Array(2 * this.length);
    const from = new Uint32Array(2 * this.length);
    const to = new Uint32Array(2 * this.length);
    band.set(this.band);
    from.set(this.from);
    to.set(this.to);
    this.band = band;
    this.from = from;
    this.to = to;
  }
}

/** Scratch for one polygon: the band of each of its points, and the points where the band changes. */
interface PolygonScratch {
  band: Int32Array;
  change: Uint32Array;
}

/**
 * Adds to `list` the runs of polygon f's edges in each of its bands. A visit of a ring to a band,
 * its points i … k in the band, meets the band with edges i - 1 … k (edge i from point i to i + 1),
 * and an edge jumping over bands meets each of them alone. The points' bands are found first, then
 * where they change, without a branch per point: bands change too often and too irregularly for a
 * branch to be predicted. A point's band is y's in `bands` bands of 1 / scale from s, the formula of
 * bandOf, so that the build and the lookups agree (NaN: the last band).
 */
function polygonRuns(
  g: PolygonRings,
  f: number,
  s: number,
  scale: number,
  bands: number,
  scratch: PolygonScratch,
  list: RunList,
): void {
  const { xy, ringStart, polygonStart } = g;
  const { band, change } = scratch;
  const offset = ringStart[polygonStart[f]!]!;
  for (let i = offset; i < ringStart[polygonStart[f + 1]!]!; i++) {
    const b = Math.floor((xy[2 * i + 1]! - s) * scale);
    band[i - offset] = b < bands ? b : bands - 1;
  }
  for (let r = polygonStart[f]!; r < polygonStart[f + 1]!; r++) {
    const first = ringStart[r]! - offset;
    const last = ringStart[r + 1]! - 1 - offset;
    if (last <= first) continue; // no edge
    let changes = 0;
    for (let i = first + 1; i <= last; i++) {
      change[changes] = i;
      const d = band[i]! - band[i - 1]!;
      changes += (d | -d) >>> 31; // 1 when the band changes at point i
    }
    let from = first;
    let b = band[first]!;
    for (let k = 0; k < changes; k++) {
      const i = change[k]!;
      const next = band[i]!;
      list.push(b, offset + from, offset + i);
      for (let j = b + 1; j < next; j++) list.push(j, offset + i - 1, offset + i);
      for (let j = next + 1; j < b; j++) list.push(j, offset + i - 1, offset + i);
      from = i - 1;
      b = next;
    }
    list.push(b, offset + from, offset + last);
  }
}

/**
 * Bands the edges of every polygon: its bbox, then the runs of its edges in each band, and a
 * counting sort of them by band, polygon by polygon while its points are in cache.
 */
function bandPolygons(g: PolygonRings): BandedPolygons {
  const { xy, ringStart, polygonStart } = g;
  const n = polygonStart.length - 1;
  const bbox = new Float64Array(4 * n);
  const polygonBand = new Uint32Array(n + 1);
  let mostPoints = 0;
  for (let f = 0; f < n; f++) {
    const first = ringStart[polygonStart[f]!]!;
    const end = ringStart[polygonStart[f + 1]!]!;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let nn = -Infinity;
    for (let i = 2 * first; i < 2 * end; i += 2) {
      const x = xy[i]!;
      const y = xy[i + 1]!;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > nn) nn = y;
    }
    bbox[4 * f] = w;
    bbox[4 * f + 1] = s;
    bbox[4 * f + 2] = e;
    bbox[4 * f + 3] = nn;
    // A ring of n points has n - 1 edges (its last point repeats its first).
    const edges = end - first - (polygonStart[f + 1]! - polygonStart[f]!);
    polygonBand[f + 1] = polygonBand[f]! + bandCount(edges);
    if (end - first > mostPoints) mostPoints = end - first;
  }
  const bandScale = new Float64Array(n);
  const bandStart = new Uint32Array(polygonBand[n]! + 1);
  let runs = new Uint32Array(xy.length >> 1);
  const scratch: PolygonScratch = { band: new Int32Array(mostPoints), change: new Uint32Array(mostPoints) };
  const list = new RunList();
  const count = new Uint32Array(257);
  let q = 0;
  for (let f = 0; f < n; f++) {
    const s = bbox[4 * f + 1]!;
    const bands = polygonBand[f + 1]! - polygonBand[f]!;
    const scale = bands / (bbox[4 * f + 3]! - s || 1);
    bandScale[f] = scale;
    list.length = 0;
    polygonRuns(g, f, s, scale, bands, scratch, list);
    count.fill(0, 0, bands + 1);
    for (let k = 0; k < list.length; k++) count[list.band[k]! + 1]!++;
    for (let b = 0; b < bands; b++) {
      count[b + 1]! += count[b]!;
      bandStart[polygonBand[f]! + b] = q + count[b]!;
    }
    if (2 * (q + list.length) > runs.length) {
      const grown = new Uint32Array(4 * (q + list.length));
      grown.set(runs);
      runs = grown;
    }
    for (let k = 0; k < list.length; k++) {
      const r = q + count[list.band[k]!]!++;
      runs[2 * r] = list.from[k]!;
      runs[2 * r + 1] = list.to[k]!;
    }
    q += list.length;
  }
  bandStart[polygonBand[n]!] = q;
  return { xy, bbox, polygonBand, bandScale, bandStart, runs };
}

/** The band of polygon f holding latitude y (one formula for the build and the lookups: no edge falls between). */
function bandOf(polygonBand: Uint32Array, bandScale: Float64Array, bbox: Float64Array, f: number, y: number): number {
  const first = polygonBand[f]!;
  const last = polygonBand[f + 1]! - 1;
  const b = first + Math.floor((y - bbox[4 * f + 1]!) * bandScale[f]!);
  return Math.min(last, Math.max(first, b));
}

/**
 * Where a point is relative to a polygon's rings (outer rings and holes, even-odd): 1 inside,
 * 0 on an edge or a vertex, -1 outside.
 */
function pointInPolygon(g: BandedPolygons, f: number, x: number, y: number): number {
  const { xy, runs } = g;
  const band = bandOf(g.polygonBand, g.bandScale, g.bbox, f, y);
  let inside = false;
  for (let r = g.bandStart[band]!; r < g.bandStart[band + 1]!; r++) {
    for (let i = runs[2 * r]!, end = runs[2 * r + 1]!; i < end; i++) {
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
  }
  return inside ? 1 : -1;
}

/** A uniform grid over the polygons' bboxes: the polygons meeting each cell, in one flat list. */
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

function buildGrid(g: BandedPolygons, count: number): Grid {
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
  // About two cells per polygon, square in degrees: a lookup tests one or two candidates.
  const side = Math.sqrt(((x1 - x0) * (y1 - y0)) / Math.max(1, 2 * count)) || 1;
  const nx = Math.max(1, Math.min(4096, Math.ceil((x1 - x0) / side)));
  const ny = Math.max(1, Math.min(4096, Math.ceil((y1 - y0) / side)));
  const kx = nx / (x1 - x0 || 1);
  const ky = ny / (y1 - y0 || 1);
  // Each polygon's cells, i0 … i1 × j0 … j1, then a counting sort: the polygons of each cell in one list.
  const cells = new Uint32Array(4 * count);
  const cellStart = new Uint32Array(nx * ny + 1);
  for (let f = 0; f < count; f++) {
    const i0 = Math.min(nx - 1, Math.max(0, Math.floor((g.bbox[4 * f]! - x0) * kx)));
    const j0 = Math.min(ny - 1, Math.max(0, Math.floor((g.bbox[4 * f + 1]! - y0) * ky)));
    const i1 = Math.min(nx - 1, Math.floor((g.bbox[4 * f + 2]! - x0) * kx));
    const j1 = Math.min(ny - 1, Math.floor((g.bbox[4 * f + 3]! - y0) * ky));
    cells[4 * f] = i0;
    cells[4 * f + 1] = j0;
    cells[4 * f + 2] = i1;
    cells[4 * f + 3] = j1;
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) cellStart[j * nx + i + 1]!++;
  }
  for (let k = 0; k < nx * ny; k++) cellStart[k + 1]! += cellStart[k]!;
  const items = new Uint32Array(cellStart[nx * ny]!);
  const next = cellStart.slice(0, nx * ny);
  for (let f = 0; f < count; f++) {
    for (let j = cells[4 * f + 1]!; j <= cells[4 * f + 3]!; j++)
      for (let i = cells[4 * f]!; i <= cells[4 * f + 2]!; i++) items[next[j * nx + i]!++] = f;
  }
  return { x0, y0, nx, ny, kx, ky, cellStart, items };
}

/**
 * Builds a point locator over polygons (communes): GeoJSON, a TopoJSON topology read straight into
 * flat rings (no GeoJSON built: the faster start), or rings already read. A
 * uniform grid lists the polygons meeting each cell, then an exact point-in-polygon test runs on the
 * few candidates (a point on an edge or a vertex is told apart: it goes to the first polygon, in
 * input order, holding it when none holds it strictly inside).
 * @example createLocator(communes).locate(2.8313, 50.4328) // "62498" (Lens)
 * @example createLocator(topology, { object: 'communes' }).locate(2.8313, 50.4328) // "62498"
 */
export function createLocator(
  polygons: AreaCollection | Topology | PolygonRings,
  options: RingOptions = {},
): PointLocator {
  const rings =
    'ringStart' in polygons
      ? polygons
      : polygons.type === 'Topology'
        ? ringsOfTopology(polygons, options)
        : ringsOfFeatures(polygons, options);
  const { codes } = rings;
  const banded = bandPolygons(rings);
  const grid = buildGrid(banded, codes.length);
  const { bbox } = banded;
  const { x0, y0, kx, ky, nx, ny, cellStart, items } = grid;
  /** The grid cell holding (lon, lat), or -1. The last row and column hold points on the north and east edges. */
  const cellOf = (lon: number, lat: number): number => {
    const i = Math.floor((lon - x0) * kx);
    const j = Math.floor((lat - y0) * ky);
    const ci = i === nx ? i - 1 : i;
    const cj = j === ny ? j - 1 : j;
    return ci >= 0 && cj >= 0 && ci < nx && cj < ny ? cj * nx + ci : -1;
  };
  /** The polygon holding (lon, lat) among the cell's candidates: inside first, else on a boundary; -1 if none. */
  const polygonIn = (cell: number, lon: number, lat: number): number => {
    let boundary = -1;
    for (let k = cellStart[cell]!; k < cellStart[cell + 1]!; k++) {
      const f = items[k]!;
      if (lon < bbox[4 * f]! || lon > bbox[4 * f + 2]! || lat < bbox[4 * f + 1]! || lat > bbox[4 * f + 3]!) continue;
      const r = pointInPolygon(banded, f, lon, lat);
      if (r === 1) return f;
      if (r === 0 && boundary < 0) boundary = f;
    }
    return boundary;
  };
  return {
    locate(lon, lat) {
      const cell = cellOf(lon, lat);
      const f = cell < 0 ? -1 : polygonIn(cell, lon, lat);
      return f < 0 ? null : codes[f]!;
    },
    locateAll(lonLat) {
      if (lonLat.length % 2)
        throw new RangeError(`locateAll : ${lonLat.length} nombres, des paires lon, lat attendues`);
      const n = lonLat.length >> 1;
      const out: Array<string | null> = new Array(n).fill(null);
      // Counting sort of the points by grid cell, then the lookups cell after cell.
      const cell = new Int32Array(n);
      const start = new Uint32Array(nx * ny + 1);
      for (let i = 0; i < n; i++) {
        const c = cellOf(lonLat[2 * i]!, lonLat[2 * i + 1]!);
        cell[i] = c;
        if (c >= 0) start[c + 1]!++;
      }
      for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
      const order = new Uint32Array(start[nx * ny]!);
      for (let i = 0; i < n; i++) if (cell[i]! >= 0) order[start[cell[i]!]!++] = i;
      for (const i of order) {
        const f = polygonIn(cell[i]!, lonLat[2 * i]!, lonLat[2 * i + 1]!);
        if (f >= 0) out[i] = codes[f]!;
      }
      return out;
    },
  };
}
