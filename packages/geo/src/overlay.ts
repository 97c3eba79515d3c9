import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { areaKm2 } from './area.ts';
import { bboxIndex } from './bbox-index.ts';
import type { AreaCollection } from './types.ts';

export interface ZoneOverlay {
  code: string;
  areaKm2: number;
  /** Share of the zone's area inside covered communes. */
  coveredShare: number;
  /** Communes the zone overlaps, with the share of the zone's area in each. */
  communes: Array<{ code: string; share: number; covered: boolean }>;
  population: number | null;
  /** Population times the covered share; an estimate whenever the zone spans several communes. */
  populationCovered: number | null;
  estimate: boolean;
}

/**
 * For each zone of a user layer (QPV polygons, IRIS, a custom area), the share of its area inside
 * the covered communes; a zone's population (property `population`) is split by area share, and
 * flagged as an estimate when the zone spans more than one commune. `onProgress` is told before
 * each zone (a long run can say where it is).
 */
export function overlayZones(
  zones: AreaCollection,
  communes: AreaCollection<{ code: string }>,
  isCovered: (communeCode: string) => boolean,
  options: { idProperty?: string; onProgress?: (done: number, total: number) => void } = {},
): ZoneOverlay[] {
  const id = options.idProperty ?? 'code';
  const index = bboxIndex(communes.features);
  return zones.features.map((zone, k) => {
    options.onProgress?.(k, zones.features.length);
    const props = (zone.properties ?? {}) as Record<string, unknown>;
    const code = String(props[id] ?? `#${k + 1}`);
    const total = areaKm2(zone);
    const [minX, minY, maxX, maxY] = bbox(zone);
    const parts: ZoneOverlay['communes'] = [];
    const edges = edgeIndex(zone as Feature<Polygon | MultiPolygon>);
    for (const i of index.search(minX, minY, maxX, maxY)) {
      const commune = communes.features[i]!;
      const [cx0, cy0, cx1, cy1] = bbox(commune);
      // No edge of the zone near the commune: it is wholly inside the zone or wholly outside, told by
      // one of its points; only communes the zone's boundary passes near are intersected (a
      // region-sized zone took minutes when every commune was).
      let pieceKm2: number;
      if (edges.search(cx0, cy0, cx1, cy1).length === 0) {
        if (!booleanPointInPolygon(firstPoint(commune as Feature<Polygon | MultiPolygon>), zone as never)) continue;
        pieceKm2 = areaKm2(commune);
      } else {
        const piece = intersect(
          featureCollection([zone as Feature<Polygon | MultiPolygon>, commune as Feature<Polygon | MultiPolygon>]),
        );
        if (!piece) continue;
        pieceKm2 = areaKm2(piece);
      }
      const share = total > 0 ? pieceKm2 / total : 0;
      if (share > 1e-9)
        parts.push({ code: commune.properties.code, share, covered: isCovered(commune.properties.code) });
    }
    parts.sort((a, b) => b.share - a.share);
    const coveredShare = Math.min(
      1,
      parts.filter((p) => p.covered).reduce((s, p) => s + p.share, 0),
    );
    const population =
      typeof props.population === 'number'
        ? props.population
        : props.population != null && props.population !== ''
          ? Number(props.population)
          : null;
    return {
      code,
      areaKm2: total,
      coveredShare,
      communes: parts,
      population: population !== null && Number.isFinite(population) ? population : null,
      populationCovered: population !== null && Number.isFinite(population) ? population * coveredShare : null,
      estimate: parts.length > 1,
    };
  });
}

/** An index over the bounding boxes of a polygon's edges (every ring). */
function edgeIndex(f: Feature<Polygon | MultiPolygon>): Flatbush {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings = polys.flat();
  const n = rings.reduce((s, r) => s + Math.max(0, r.length - 1), 0);
  const index = new Flatbush(Math.max(1, n));
  for (const r of rings)
    for (let k = 1; k < r.length; k++) {
      const [a, b] = [r[k - 1]!, r[k]!];
      index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
    }
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/** The first vertex of a polygon's outer ring. */
function firstPoint(f: Feature<Polygon | MultiPolygon>): Position {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]![0]! : f.geometry.coordinates[0]![0]![0]!;
}
