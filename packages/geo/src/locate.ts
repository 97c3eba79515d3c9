import inside from 'point-in-polygon-hao';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { bboxIndex } from './bbox-index.ts';
import type { AreaCollection } from './types.ts';

export interface PointLocator {
  /** Code of the polygon containing (lon, lat), or null. A polygon holding the point strictly inside wins over one
   * that has it on its boundary (a point on a shared boundary goes to the first such polygon found). */
  locate(lon: number, lat: number): string | null;
}

/**
 * Builds a point locator over polygons (communes): a flatbush index on bounding boxes, then an
 * exact point-in-polygon test on the few candidates.
 * @example createLocator(communes).locate(2.8313, 50.4328) // "62498" (Lens)
 */
export function createLocator(
  polygons: AreaCollection<{ code: string }>,
  options: { idProperty?: string } = {},
): PointLocator {
  const id = options.idProperty ?? 'code';
  const features = polygons.features;
  const index = bboxIndex(features);
  const rings: Position[][][][] = features.map((f) => polygonsOf(f.geometry));
  const codes = features.map((f) => String((f.properties as Record<string, unknown>)[id]));
  const point: [number, number] = [0, 0];
  return {
    locate(lon, lat) {
      point[0] = lon;
      point[1] = lat;
      let boundary: string | null = null;
      for (const i of index.search(lon, lat, lon, lat)) {
        for (const poly of rings[i]!) {
          const r = inside(point, poly);
          if (r === true) return codes[i]!;
          if (r === 0 && boundary === null) boundary = codes[i]!;
        }
      }
      return boundary;
    },
  };
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
