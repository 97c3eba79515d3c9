import { kinks } from '@turf/kinks';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { GeometryProblem } from './types.ts';

/**
 * Checks polygons before use: empty or missing geometries, wrong types, rings not closed or too
 * short, self-intersections, and coordinates that are not WGS84 longitude/latitude (Lambert-93,
 * EPSG:2154, is recognised by its range), features that are null or not features, and codes that
 * are missing or given twice. Every problem names the feature's code (or its number, `#3`).
 * @example validateGeometry(fc).map((p) => p.message)
 */
export function validateGeometry(fc: FeatureCollection, options: { idProperty?: string } = {}): GeometryProblem[] {
  const id = options.idProperty ?? 'code';
  const problems: GeometryProblem[] = [];
  const firstOfCode = new Map<string, number>();
  (fc.features as Array<Feature<Geometry | null> | null>).forEach((f, k) => {
    const raw = f && typeof f === 'object' ? (f.properties as Record<string, unknown> | null)?.[id] : undefined;
    const code = raw === undefined || raw === null || raw === '' ? `#${k + 1}` : String(raw);
    const say = (kind: GeometryProblem['kind'], message: string) =>
      problems.push({ code, kind, index: k, message: `${code} : ${message}` });
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      say('not-a-feature', `entité n° ${k + 1} : ${f === null ? 'null' : 'pas une Feature GeoJSON'}`);
      return;
    }
    if (code.startsWith('#')) say('missing-id', `zone sans propriété « ${id} » (entité n° ${k + 1})`);
    else if (firstOfCode.has(code)) {
      say('duplicate-id', `code « ${code} » en double (entités n° ${firstOfCode.get(code)! + 1} et ${k + 1})`);
    } else firstOfCode.set(code, k);
    const g = f.geometry;
    if (!g) {
      say('empty', 'géométrie absente');
      return;
    }
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      say('invalid-type', `type ${g.type} : Polygon ou MultiPolygon attendu`);
      return;
    }
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (!Array.isArray(polys) || polys.length === 0 || polys.every((p) => !Array.isArray(p) || p.length === 0)) {
      say('empty', 'géométrie vide');
      return;
    }
    const emptyPart = polys.findIndex((p) => !Array.isArray(p) || p.length === 0 || p.some((r) => !Array.isArray(r)));
    if (emptyPart >= 0) {
      say('empty', `partie ${emptyPart + 1} du MultiPolygon vide`);
      return;
    }
    const first = polys[0]?.[0]?.[0];
    const text = polys.flat(2).find((p) => !Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number');
    if (text !== undefined) {
      say(
        'not-numbers',
        `coordonnée non numérique (« ${JSON.stringify(text).slice(0, 40)} ») : des nombres sont attendus, pas du texte`,
      );
      return;
    }
    if (first && !isLonLat(first)) {
      const crs = projectedCrs(first);
      crs
        ? say(
            'projected-coordinates',
            `coordonnées (${first[0]}, ${first[1]}) en mètres, ${crs} probable : reprojetez en WGS84 longitude/latitude`,
          )
        : say('out-of-range', `coordonnées (${first[0]}, ${first[1]}) hors des bornes longitude/latitude`);
      return;
    }
    let ringsOk = true;
    polys.forEach(
      (poly, pi) =>
        void poly.forEach((ring, ri) => {
          if (ring.length < 4) {
            ringsOk = false;
            say('too-few-points', `anneau ${pi + 1}.${ri + 1} : ${ring.length} points, 4 au moins`);
            return;
          }
          const a = ring[0]!,
            b = ring[ring.length - 1]!;
          if (a[0] !== b[0] || a[1] !== b[1]) {
            ringsOk = false;
            say(
              'unclosed-ring',
              `anneau ${pi + 1}.${ri + 1} non fermé (premier point ${a.join(', ')}, dernier ${b.join(', ')})`,
            );
          }
          if (ring.some((p) => !isLonLat(p))) {
            ringsOk = false;
            say('out-of-range', `anneau ${pi + 1}.${ri + 1} : coordonnées hors des bornes longitude/latitude`);
          }
        }),
    );
    if (ringsOk) {
      for (const [pi, poly] of polys.entries()) {
        const xs = poly[0]!.map((p) => p[0]!);
        if (Math.max(...xs) - Math.min(...xs) > 180) {
          ringsOk = false;
          say(
            'antimeridian',
            `partie ${pi + 1} : anneau de plus de 180° de longitude (traverse l'antiméridien ?) : découpez-le`,
          );
        }
        // A hole must lie inside its shell: outside, it would subtract an area the zone does not have.
        poly.slice(1).forEach((hole, hi) => {
          if (!hole.every((p) => insideRing(p, poly[0]!) !== false)) {
            ringsOk = false;
            say('hole-outside', `partie ${pi + 1} : le trou ${hi + 1} sort de son contour extérieur`);
          }
        });
      }
    }
    if (ringsOk) {
      const k2 = kinks(f as Feature<typeof g>);
      if (k2.features.length > 0) {
        const [x, y] = k2.features[0]!.geometry.coordinates;
        say(
          'self-intersection',
          `${k2.features.length} auto-intersection(s), la première vers (${x!.toFixed(5)}, ${y!.toFixed(5)})`,
        );
      } else if (polys.every((poly) => ringArea(poly[0]!) === 0)) {
        say('zero-area', 'surface nulle (points alignés ou confondus)');
      }
    }
  });
  return problems;
}

function isLonLat(p: Position): boolean {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90;
}

/**
 * The projection metres most likely come from, said honestly: Lambert-93 covers metropolitan France
 * with x in about [100 000, 1 300 000] and y in [6 000 000, 7 200 000]; Web Mercator (EPSG:3857, web
 * maps) with x in [-600 000, 1 100 000] and y in [5 000 000, 6 700 000]. Where both could be, both are
 * named; null when neither.
 */
function projectedCrs(p: Position): string | null {
  const [x, y] = [p[0]!, p[1]!];
  const l93 = x > 50_000 && x < 1_350_000 && y > 6_000_000 && y < 7_250_000;
  const wm = x > -650_000 && x < 1_150_000 && y > 4_900_000 && y < 6_750_000;
  if (l93 && wm) return 'Lambert-93 (EPSG:2154) ou Web Mercator (EPSG:3857)';
  if (l93) return 'Lambert-93 (EPSG:2154)';
  if (wm) return 'Web Mercator (EPSG:3857)';
  return null;
}

/** Twice the signed area of a ring in degrees (shoelace): 0 for a sliver of aligned points. */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a;
}

/** Whether a point is inside a ring (even-odd), or null when it lies on its boundary. */
function insideRing(p: Position, ring: Position[]): boolean | null {
  const [x, y] = [p[0]!, p[1]!];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (cross === 0 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj))
      return null;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
