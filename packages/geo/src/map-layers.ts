import { feature } from 'topojson-client';
import { bbox as turfBbox } from '@turf/bbox';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { DEPARTMENT_NAMES, type InseeCode, type PriorityKind, type Reference } from '@cls/core';
import { dissolveBy } from './dissolve.ts';
import { labelPoints } from './label-points.ts';
import type { AreaCollection, CommuneTopology } from './types.ts';

/** The commune polygons of a geometry year as the map draws them, with what the map needs to find them. */
export interface CommuneLayer {
  /** One feature per polygon: id = firstId + its position, properties { code } (code of the geometry year). */
  layer: AreaCollection<{ code: InseeCode }>;
  /** Id of the first feature. */
  firstId: number;
  /** Code of each feature, in id order (feature id = firstId + index). */
  codes: InseeCode[];
  /** [west, south, east, north] of each feature, in id order, rounded to 1e-5° (about 1 m). */
  bboxes: Array<[number, number, number, number]>;
}

/**
 * The communes of a topology as a map layer with numeric ids (MapLibre feature-state keys) and their
 * bounding boxes (to zoom on a commune without loading its polygons). The build numbers the geometry
 * years one after the other (2024's first id follows 2019's last): two years' ids never meet, so
 * MapLibre rewrites only the tiles of the year whose feature-states are set, not those being replaced,
 * and the ids stay small and dense (its feature-state maps then stay fast arrays).
 * @example communeLayer(topo2024, { firstId: 3789 }).layer.features[0].id // 3789
 */
export function communeLayer(topology: CommuneTopology, options: { firstId?: number } = {}): CommuneLayer {
  const firstId = options.firstId ?? 0;
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  const layer = decodeCommunes(topology, firstId);
  return {
    layer,
    firstId,
    codes: layer.features.map((f) => f.properties.code),
    bboxes: layer.features.map((f) => turfBbox(f).map(round) as [number, number, number, number]),
  };
}

function decodeCommunes(topology: CommuneTopology, firstId: number): CommuneLayer['layer'] {
  const fc = feature(topology, topology.objects.communes) as unknown as FeatureCollection<
    Polygon | MultiPolygon,
    { code: string }
  >;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f, i) => ({
      type: 'Feature',
      id: firstId + i,
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
  departments: AreaCollection<{ key: string }>;
  /** One outline per PRAPS territory: properties { key: territory id }. */
  priority: AreaCollection<{ key: string }>;
  /** The communes holding at least one QPV: properties { code: commune code of the COG year }. */
  qpv: AreaCollection<{ code: InseeCode }>;
}

/**
 * The EPCI, department, PRAPS and QPV outlines of one COG year, dissolved from the polygons of an
 * earlier geometry year: `cogCodeOf` gives the COG-year code of each polygon's code (merged communes
 * join their successor). Every territory is kept whatever its dates: the map shows those in force.
 * @example outlineLayers(topo2019, (c) => c, ref2021, []).epci.features.length // EPCI of 2021
 */
export function outlineLayers(
  topology: CommuneTopology,
  cogCodeOf: (code: InseeCode) => InseeCode | undefined,
  ref: Reference,
  priority: readonly PriorityOutlineInput[],
): OutlineLayers {
  const commune = new Map(ref.communes.map((c) => [c.code, c]));
  const infoOf = (code: string) => commune.get(cogCodeOf(code) ?? '');
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
  const departments = withIds(
    dissolveBy(topology, (code) => infoOf(code)?.department ?? null),
    (_, i) => i,
  );
  const praps = priority.filter((t) => t.kind === 'praps');
  const priorityOutlines: OutlineLayers['priority'] = {
    type: 'FeatureCollection',
    features: praps.flatMap((t, i) =>
      dissolveBy(topology, (code) => (t.communes.has(cogCodeOf(code) ?? '') ? t.id : null)).features.map((f) => ({
        type: 'Feature' as const,
        id: i,
        properties: { key: t.id },
        geometry: f.geometry,
      })),
    ),
  };
  const qpvCodes = new Set(priority.filter((t) => t.kind === 'qpv').flatMap((t) => [...t.communes]));
  const qpvFeatures = decodeCommunes(topology, 0).features.filter((f) =>
    qpvCodes.has(cogCodeOf(f.properties.code) ?? ''),
  );
  const qpv: OutlineLayers['qpv'] = {
    type: 'FeatureCollection',
    features: qpvFeatures.map((f, i) => ({
      type: 'Feature',
      id: i,
      properties: { code: cogCodeOf(f.properties.code)! },
      geometry: f.geometry,
    })),
  };
  return { epci, departments, priority: priorityOutlines, qpv };
}

/** Properties of a place-name point: what the map writes and how it ranks names that collide. */
export interface PlaceNameProps {
  name: string;
  kind: 'department' | 'epci' | 'commune';
  /** INSEE code, SIREN or department code. */
  code: string;
  /** Population in force in the COG year (the larger is written first). */
  population: number;
}

/** Towns named at region zoom: communes of at least this many inhabitants. */
export const TOWN_POPULATION = 10_000;

/**
 * Place names of one COG year, at the pole of inaccessibility of each area (see labelPoints):
 * `regional` holds departments, EPCI and towns of `townPopulation` inhabitants or more (default
 * {@link TOWN_POPULATION}; drawn from region zoom), `communes` every commune (cut into the closer
 * zooms only). A merged commune is named once, in its successor's whole area.
 * @example placeNames(topo2024, (c) => c, ref2024, outlineLayers(…)).regional.features.length
 */
export function placeNames(
  topology: CommuneTopology,
  cogCodeOf: (code: InseeCode) => InseeCode | undefined,
  ref: Reference,
  outlines: Pick<OutlineLayers, 'epci' | 'departments'>,
  options: { townPopulation?: number } = {},
): { regional: FeatureCollection<Point, PlaceNameProps>; communes: FeatureCollection<Point, PlaceNameProps> } {
  const commune = new Map(ref.communes.map((c) => [c.code, c]));
  const epci = new Map(ref.epcis.map((e) => [e.siren, e]));
  const depPopulation = new Map<string, number>();
  for (const c of ref.communes) depPopulation.set(c.department, (depPopulation.get(c.department) ?? 0) + c.population);
  const named = (
    areas: AreaCollection<{ key: string }>,
    kind: PlaceNameProps['kind'],
    info: (key: string) => { name: string; population: number } | undefined,
  ): Feature<Point, PlaceNameProps>[] =>
    labelPoints(areas).features.flatMap((p) => {
      const i = info(p.properties.key);
      if (!i) return [];
      const properties = { name: i.name, kind, code: p.properties.key, population: i.population };
      return [{ type: 'Feature' as const, properties, geometry: p.geometry }];
    });
  const byCommune = dissolveBy(topology, (code) => cogCodeOf(code) ?? null);
  const communes = named(byCommune, 'commune', (code) => commune.get(code));
  const regional = [
    ...named(outlines.departments, 'department', (code) => ({
      name: DEPARTMENT_NAMES[code] ?? code,
      population: depPopulation.get(code) ?? 0,
    })),
    ...named(outlines.epci, 'epci', (siren) => epci.get(siren)),
    ...communes.filter((c) => c.properties.population >= (options.townPopulation ?? TOWN_POPULATION)),
  ];
  // Integer ids: the vector tiles require them (see cutVectorTiles).
  const numbered = (fs: Feature<Point, PlaceNameProps>[]): FeatureCollection<Point, PlaceNameProps> => ({
    type: 'FeatureCollection',
    features: fs.map((f, id) => ({ ...f, id })),
  });
  return { regional: numbered(regional), communes: numbered(communes) };
}
