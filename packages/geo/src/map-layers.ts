import { feature } from 'topojson-client';
import { bbox as turfBbox } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { InseeCode, PriorityKind, Reference } from '@cls/core';
import { dissolveBy } from './dissolve.ts';
import type { AreaCollection, CommuneTopology } from './types.ts';

/** The commune polygons of a geometry year as the map draws them, with what the map needs to find them. */
export interface CommuneLayer {
  /** One feature per polygon: id = its position, properties { code } (code of the geometry year). */
  layer: AreaCollection<{ code: InseeCode }>;
  /** Code of each feature id, in id order. */
  codes: InseeCode[];
  /** [west, south, east, north] of each feature id, rounded to 1e-5° (about 1 m). */
  bboxes: Array<[number, number, number, number]>;
}

/**
 * The communes of a topology as a map layer with numeric ids (MapLibre feature-state keys) and their
 * bounding boxes (to zoom on a commune without loading its polygons).
 * @example communeLayer(topo2019).codes[0] // code of feature id 0
 */
export function communeLayer(topology: CommuneTopology): CommuneLayer {
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  const layer = decodeCommunes(topology);
  return {
    layer,
    codes: layer.features.map((f) => f.properties.code),
    bboxes: layer.features.map((f) => turfBbox(f).map(round) as [number, number, number, number]),
  };
}

function decodeCommunes(topology: CommuneTopology): CommuneLayer['layer'] {
  const fc = feature(topology, topology.objects.communes) as unknown as FeatureCollection<
    Polygon | MultiPolygon,
    { code: string }
  >;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f, i) => ({
      type: 'Feature',
      id: i,
      properties: { code: f.properties.code },
      geometry: f.geometry,
    })),
  };
}

/** A priority territory reduced to what the map outlines: its communes in the COG year drawn. */
export interface PriorityOutlineInput {
  id: string;
  kind: PriorityKind;
  communes: ReadonlySet<InseeCode>;
}

/** Outlines drawn over the communes of one COG year (see {@link outlineLayers}). */
export interface OutlineLayers {
  /** EPCI polygons: id = index of the EPCI in `ref.epcis`, properties { key: SIREN }. */
  epci: AreaCollection<{ key: string }>;
  /** Department polygons: properties { key: department code }. */
  departements: AreaCollection<{ key: string }>;
  /** One outline per PRAPS territory: properties { key: territory id }. */
  prioritaires: AreaCollection<{ key: string }>;
  /** The communes holding at least one QPV: properties { code: commune code of the COG year }. */
  qpv: AreaCollection<{ code: InseeCode }>;
}

/**
 * The EPCI, department, PRAPS and QPV outlines of one COG year, dissolved from the polygons of an
 * earlier geometry year: `targetOf` gives the COG-year code of each polygon's code (merged communes
 * join their successor). Every territory is kept whatever its dates: the map shows those in force.
 * @example outlineLayers(topo2019, (c) => c, ref2021, []).epci.features.length // EPCI of 2021
 */
export function outlineLayers(
  topology: CommuneTopology,
  targetOf: (code: InseeCode) => InseeCode | undefined,
  ref: Reference,
  priority: readonly PriorityOutlineInput[],
): OutlineLayers {
  const commune = new Map(ref.communes.map((c) => [c.code, c]));
  const infoOf = (code: string) => commune.get(targetOf(code) ?? '');
  const epciIndex = new Map(ref.epcis.map((e, i) => [e.siren, i]));
  const withIds = <P extends { key: string }>(
    fc: AreaCollection<P & { count: number }>,
    idOf: (key: string, i: number) => number,
  ): AreaCollection<{ key: string }> => ({
    type: 'FeatureCollection',
    features: fc.features.map((f, i) => ({
      type: 'Feature',
      id: idOf(f.properties.key, i),
      properties: { key: f.properties.key },
      geometry: f.geometry,
    })),
  });
  const epci = withIds(
    dissolveBy(topology, (code) => infoOf(code)?.epci ?? null),
    (key) => epciIndex.get(key)!,
  );
  const departements = withIds(
    dissolveBy(topology, (code) => infoOf(code)?.department ?? null),
    (_, i) => i,
  );
  const praps = priority.filter((t) => t.kind === 'praps');
  const prioritaires: OutlineLayers['prioritaires'] = {
    type: 'FeatureCollection',
    features: praps.flatMap((t, i) =>
      dissolveBy(topology, (code) => (t.communes.has(targetOf(code) ?? '') ? t.id : null)).features.map((f) => ({
        type: 'Feature' as const,
        id: i,
        properties: { key: t.id },
        geometry: f.geometry,
      })),
    ),
  };
  const qpvCodes = new Set(priority.filter((t) => t.kind === 'qpv').flatMap((t) => [...t.communes]));
  const qpvFeatures = decodeCommunes(topology).features.filter((f) => qpvCodes.has(targetOf(f.properties.code) ?? ''));
  const qpv: OutlineLayers['qpv'] = {
    type: 'FeatureCollection',
    features: qpvFeatures.map((f, i) => ({
      type: 'Feature',
      id: i,
      properties: { code: targetOf(f.properties.code)! },
      geometry: f.geometry,
    })),
  };
  return { epci, departements, prioritaires, qpv };
}
