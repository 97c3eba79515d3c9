import { codeMapping, type CogYear, type Reference } from '@cls/core';
import type { Geometry } from './context.ts';
import { loadCommuneIndex, tileSetsOf, type Manifest } from './data.ts';
import { type maplibregl, showTiles } from './map-view.ts';

/**
 * The commune tiles a COG year is drawn with, switched when the date crosses into another
 * geometry year (2019, 2024, 2026) or COG year: the tile sets shown, and each feature's code in the
 * COG year (merged communes under their successor).
 */
export class GeometrySwitch {
  private current: Geometry | null = null;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly manifest: Manifest,
    private readonly referenceFor: (cog: CogYear) => Reference,
  ) {}

  /** The geometry drawn now, or null before the first date is drawn. */
  get geometry(): Geometry | null {
    return this.current;
  }

  /** Shows the tiles of the COG year (loading its index once) and returns its geometry. */
  async ensure(cog: CogYear): Promise<Geometry> {
    const sets = tileSetsOf(this.manifest, cog);
    if (!this.current || this.current.baseYear !== sets.base) {
      const index = await loadCommuneIndex(sets.index);
      performance.mark('cls:geometry');
      showTiles(this.map, 'communes', sets.communes);
      this.current = { baseYear: sets.base, index, cog: null, cogCodes: [] };
    }
    if (this.current.cog !== cog) {
      const mapping = codeMapping(this.referenceFor(this.current.baseYear), this.referenceFor(cog));
      const cogCodes = this.current.index.codes.map((code) => mapping.get(code)?.[0] ?? code);
      this.current = { ...this.current, cog, cogCodes };
      showTiles(this.map, 'contours', sets.contours);
    }
    return this.current;
  }
}
