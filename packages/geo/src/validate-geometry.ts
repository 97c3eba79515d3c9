import { kinks } from '@turf/turf';
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
    if (polys.length === 0 || polys.every((p) => p.length === 0)) {
      say('empty', 'géométrie vide');
      return;
    }
    const first = polys[0]?.[0]?.[0];
    if (first && !isLonLat(first)) {
      looksLambert93(first)
        ? say(
            'projected-coordinates',
            `coordonnées (${first[0]}, ${first[1]}) en Lambert-93 (EPSG:2154) probable : reprojetez en WGS84 longitude/latitude`,
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
      const k2 = kinks(f as Feature<typeof g>);
      if (k2.features.length > 0) {
        const [x, y] = k2.features[0]!.geometry.coordinates;
        say(
          'self-intersection',
          `${k2.features.length} auto-intersection(s), la première vers (${x!.toFixed(5)}, ${y!.toFixed(5)})`,
        );
      }
    }
  });
  return problems;
}

function isLonLat(p: Position): boolean {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90;
}

/** Lambert-93 covers metropolitan France with x in about [100 000, 1 300 000] and y in [6 000 000, 7 200 000]. */
function looksLambert93(p: Position): boolean {
  return p[0]! > 50_000 && p[0]! < 1_350_000 && p[1]! > 6_000_000 && p[1]! < 7_250_000;
}
