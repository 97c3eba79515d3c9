import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { bbox as turfBbox } from '@turf/bbox';
import type { BBox, FeatureCollection } from 'geojson';

/** An XYZ tile (Web Mercator, y growing southward, as MapLibre requests them). */
export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** One encoded Mapbox Vector Tile (uncompressed protobuf). */
export interface VectorTileFile extends TileCoord {
  data: Uint8Array;
}

export interface VectorTileOptions {
  /** Lowest zoom cut (default 6: a region seen whole). */
  minZoom?: number;
  /** Highest zoom cut; MapLibre over-zooms beyond it (default 11: about 3 m per tile unit). */
  maxZoom?: number;
  /** Simplification tolerance in tile units of a 4096 extent (default 4, MapLibre's GeoJSON default is 3). */
  tolerance?: number;
  /** Tile buffer in tile units (default 64: lines up to 8 px wide join across tile edges). */
  buffer?: number;
  /** Layers left out of the tiles below a zoom, e.g. `{ names: 9 }` (default: every layer at every zoom). */
  layerMinZoom?: Record<string, number>;
}

const EXTENT = 4096;

/** The tile containing a WGS84 point at zoom z. @example tileOf(2.3, 48.9, 6) // { z: 6, x: 32, y: 22 } */
export function tileOf(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const rad = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** Every tile of zooms minZoom..maxZoom that a WGS84 bbox touches. */
export function tilesCovering(bounds: BBox, minZoom: number, maxZoom: number): TileCoord[] {
  const [w, s, e, n] = bounds as [number, number, number, number];
  const out: TileCoord[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const a = tileOf(w, n, z),
      b = tileOf(e, s, z);
    for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  }
  return out;
}

/**
 * Cuts GeoJSON layers into Mapbox Vector Tiles, with the slicer and encoder MapLibre itself runs on
 * GeoJSON sources (@maplibre/geojson-vt, @maplibre/vt-pbf), once at build time instead of in every
 * browser. Every tile of the zoom range over the layers' bbox is returned, empty ones included, so a
 * static server never answers 404. Feature ids must be integers ≥ 0 (MapLibre's feature-state keys).
 * @example cutVectorTiles({ communes }, { minZoom: 6, maxZoom: 11 }).tiles.length // ~450 for a region
 */
export function cutVectorTiles(
  layers: Record<string, FeatureCollection>,
  options: VectorTileOptions = {},
): { bounds: BBox; tiles: VectorTileFile[] } {
  const { minZoom = 6, maxZoom = 11, tolerance = 4, buffer = 64, layerMinZoom = {} } = options;
  const boxes: BBox[] = [];
  for (const [name, fc] of Object.entries(layers)) {
    fc.features.forEach((f, i) => {
      if (typeof f.id !== 'number' || !Number.isInteger(f.id) || f.id < 0) {
        throw new Error(
          `couche « ${name} », objet n° ${i} : identifiant ${JSON.stringify(f.id)} invalide (entier ≥ 0 attendu pour les états de la carte)`,
        );
      }
    });
    if (!fc.features.length) continue;
    const b = turfBbox(fc);
    if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
      throw new Error(
        `couche « ${name} » : coordonnées hors des bornes WGS84 (${b.map((v) => Math.round(v)).join(', ')}) ; des coordonnées Lambert-93 (mètres) ? Reprojetez en EPSG:4326`,
      );
    }
    boxes.push(b);
  }
  if (!boxes.length) throw new Error('aucun objet à découper en tuiles');
  const bounds: BBox = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
  const indexes = Object.entries(layers).map(
    ([name, fc]) => [name, new GeoJSONVT(fc, { maxZoom, tolerance, buffer, extent: EXTENT })] as const,
  );
  const tiles = tilesCovering(bounds, minZoom, maxZoom).map((t) => {
    const content: Parameters<typeof fromGeojsonVt>[0] = {};
    for (const [name, index] of indexes) {
      if (t.z < (layerMinZoom[name] ?? minZoom)) continue;
      const tile = index.getTile(t.z, t.x, t.y);
      if (tile?.features.length) content[name] = tile;
    }
    return { ...t, data: fromGeojsonVt(content, { version: 2, extent: EXTENT }) };
  });
  return { bounds, tiles };
}
