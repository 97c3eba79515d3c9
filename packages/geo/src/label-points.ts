import polylabel from 'polylabel';
import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import type { AreaCollection } from './types.ts';

/** Where a map writes an area's name: its pole of inaccessibility, and how far it is from the edge. */
export interface LabelPointProps {
  key: string;
  /** Distance from the point to the nearest edge, in km (how much room the name has). */
  room: number;
}

export interface LabelPointOptions {
  /** Precision of the search, in km (default 0.05: 50 m). */
  precisionKm?: number;
}

const KM_PER_DEGREE = 111.32;

/**
 * One point per area where its name reads best: the pole of inaccessibility (mapbox/polylabel) of
 * its roomiest part, found in a local equirectangular projection so that a degree of longitude
 * counts for what it measures at that latitude (0.64 of a degree of latitude at 50° N).
 * @example labelPoints(epciLayer).features[0].geometry.coordinates // [lon, lat] inside the EPCI
 */
export function labelPoints(
  areas: AreaCollection<{ key: string }>,
  options: LabelPointOptions = {},
): FeatureCollection<Point, LabelPointProps> {
  const precision = (options.precisionKm ?? 0.05) / KM_PER_DEGREE;
  const features: Feature<Point, LabelPointProps>[] = [];
  for (const f of areas.features) {
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    let best: { at: Position; room: number } | null = null;
    for (const rings of parts) {
      const outer = rings[0];
      if (!outer || outer.length < 4) continue;
      const k = Math.cos((meanLatitude(outer) * Math.PI) / 180);
      const scaled = rings.map((r) => r.map(([x, y]) => [x! * k, y!] as [number, number]));
      const p = polylabel(scaled, precision);
      if (!best || p.distance > best.room) best = { at: [p[0] / k, p[1]], room: p.distance };
    }
    if (!best) continue;
    features.push({
      type: 'Feature',
      id: f.id,
      properties: { key: f.properties.key, room: Math.round(best.room * KM_PER_DEGREE * 1000) / 1000 },
      geometry: { type: 'Point', coordinates: [round6(best.at[0]!), round6(best.at[1]!)] },
    });
  }
  return { type: 'FeatureCollection', features };
}

function meanLatitude(ring: Position[]): number {
  let s = 0;
  for (const p of ring) s += p[1]!;
  return s / ring.length;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
