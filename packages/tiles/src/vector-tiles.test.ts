import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { bbox } from '@turf/bbox';
import type { FeatureCollection } from 'geojson';
import { gridCommunes } from '../../geo/src/grid.fixture.ts';
import { cutVectorTiles, tileOf, tilesCovering } from './vector-tiles.ts';

const grid = (): FeatureCollection => {
  const fc = gridCommunes();
  fc.features.forEach((f, i) => {
    (f as { id?: number }).id = i;
  });
  return fc;
};
const decode = (data: Uint8Array) => new VectorTile(new PbfReader(data));

describe('tileOf / tilesCovering', () => {
  it('finds the XYZ tile of a point (Paris is 10/518/352; the world is one tile at zoom 0)', () => {
    expect(tileOf(2.3522, 48.8566, 10)).toEqual({ z: 10, x: 518, y: 352 });
    expect(tileOf(-170, 80, 0)).toEqual({ z: 0, x: 0, y: 0 });
    expect(tileOf(1, -1, 1)).toEqual({ z: 1, x: 1, y: 1 });
  });

  it('lists every tile a bbox touches, zoom by zoom', () => {
    const tiles = tilesCovering([3, 50, 3.3, 50.3], 6, 8);
    expect(tiles.filter((t) => t.z === 6)).toHaveLength(1);
    const z8 = tiles.filter((t) => t.z === 8);
    const xs = new Set(z8.map((t) => t.x)),
      ys = new Set(z8.map((t) => t.y));
    expect(z8).toHaveLength(xs.size * ys.size);
  });
});

describe('cutVectorTiles on a 3×3 grid of communes', () => {
  const { bounds, tiles } = cutVectorTiles({ communes: grid() }, { minZoom: 6, maxZoom: 10 });

  it('returns every tile over the data, empty ones included (no 404 for the map)', () => {
    expect(bounds).toEqual(bbox(gridCommunes()));
    expect(tiles.map(({ z, x, y }) => `${z}/${x}/${y}`)).toEqual(
      tilesCovering(bounds, 6, 10).map(({ z, x, y }) => `${z}/${x}/${y}`),
    );
  });

  it('keeps every feature with its numeric id and code at the lowest and the highest zoom', () => {
    for (const z of [6, 10]) {
      const seen = new Map<number, string>();
      for (const t of tiles.filter((x) => x.z === z)) {
        const layer = decode(t.data).layers.communes;
        for (let i = 0; i < (layer?.length ?? 0); i++) {
          const f = layer!.feature(i);
          seen.set(f.id!, String(f.properties.code));
        }
      }
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(seen.get(4)).toBe('99005');
    }
  });

  it('decodes back to the cell it came from (pieces across tiles, within a tile unit at zoom 10)', () => {
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity,
      pieces = 0;
    for (const t of tiles.filter((x) => x.z === 10)) {
      const layer = decode(t.data).layers.communes;
      for (let i = 0; i < (layer?.length ?? 0); i++) {
        const f = layer!.feature(i);
        if (f.id !== 4) continue;
        pieces++;
        // Clip to the tile itself (tiles carry a buffer beyond their edges).
        const [a, b, c, d] = bbox(f.toGeoJSON(t.x, t.y, t.z));
        const tw = (t.x / 1024) * 360 - 180,
          te = ((t.x + 1) / 1024) * 360 - 180;
        w = Math.min(w, Math.max(a, tw));
        e = Math.max(e, Math.min(c, te));
        s = Math.min(s, b);
        n = Math.max(n, d);
      }
    }
    // The centre cell is 3.1-3.2 × 50.1-50.2, cut by a tile edge at 3.164°; a tile unit at zoom 10 is about 1e-4°.
    expect(pieces).toBeGreaterThan(1);
    for (const [got, want] of [
      [w, 3.1],
      [s, 50.1],
      [e, 3.2],
      [n, 50.2],
    ] as const)
      expect(Math.abs(got - want)).toBeLessThan(2e-4);
  });

  it('leaves a layer out of the tiles below its layerMinZoom (commune names only in the close zooms)', () => {
    const cut = cutVectorTiles(
      { communes: grid(), names: grid() },
      { minZoom: 6, maxZoom: 10, layerMinZoom: { names: 9 } },
    );
    const layersAt = (z: number) =>
      new Set(cut.tiles.filter((t) => t.z === z).flatMap((t) => Object.keys(decode(t.data).layers)));
    expect([...layersAt(8)]).toEqual(['communes']);
    expect([...layersAt(9)].sort()).toEqual(['communes', 'names']);
  });

  it('refuses features without an integer id, naming the layer and the feature', () => {
    const fc = grid();
    (fc.features[2] as { id?: unknown }).id = '99003';
    expect(() => cutVectorTiles({ communes: fc })).toThrow(
      /couche « communes », objet n° 2 : identifiant "99003" invalide/,
    );
  });

  it('refuses Lambert-93 coordinates given as WGS84', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 0,
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [703000, 7059000],
                [704000, 7059000],
                [704000, 7060000],
                [703000, 7059000],
              ],
            ],
          },
        },
      ],
    };
    expect(() => cutVectorTiles({ zones: fc })).toThrow(
      /couche « zones » : coordonnées hors des bornes WGS84.*Lambert-93/,
    );
  });

  it('refuses to cut nothing', () => {
    expect(() => cutVectorTiles({ communes: { type: 'FeatureCollection', features: [] } })).toThrow(/aucun objet/);
  });
});
