import { bbox, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
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
    for (const i of index.search(minX, minY, maxX, maxY)) {
      const commune = communes.features[i]!;
      const piece = intersect(
        featureCollection([zone as Feature<Polygon | MultiPolygon>, commune as Feature<Polygon | MultiPolygon>]),
      );
      if (!piece) continue;
      const share = total > 0 ? areaKm2(piece) / total : 0;
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
