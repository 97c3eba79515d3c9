import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A polygon or multipolygon feature, WGS84 longitude/latitude, RFC 7946 winding. */
export type AreaFeature<P = Record<string, unknown>> = Feature<Polygon | MultiPolygon, P>;
export type AreaCollection<P = Record<string, unknown>> = FeatureCollection<Polygon | MultiPolygon, P>;

/**
 * Properties of a commune polygon: its INSEE code, the join key. (The vendored files also keep the
 * source's name under `nom`; the product never reads it: names come from the COG reference.)
 */
export interface CommuneProps {
  code: string;
}

/** TopoJSON of communes: one object `communes` whose geometries carry `CommuneProps`. */
export type CommuneTopology = Topology<{ communes: GeometryCollection<CommuneProps> }>;

/** A problem found in a geometry, located by the feature's code. */
export interface GeometryProblem {
  code: string;
  kind:
    | 'empty'
    | 'unclosed-ring'
    | 'self-intersection'
    | 'projected-coordinates'
    | 'out-of-range'
    | 'invalid-type'
    | 'too-few-points'
    | 'not-a-feature'
    | 'missing-id'
    | 'duplicate-id'
    | 'hole-outside'
    | 'zero-area'
    | 'antimeridian'
    | 'not-numbers';
  /** Position of the feature in the collection (0-based). */
  index: number;
  message: string;
}
