import { area } from '@turf/area';
import type { Feature, Geometry } from 'geojson';

/**
 * Area on the sphere in km² (turf, WGS84 mean radius), whatever the ring winding.
 * @example areaKm2(feature) // 12.34
 */
export function areaKm2(f: Feature<Geometry> | Geometry): number {
  return area(f as Feature) / 1e6;
}
