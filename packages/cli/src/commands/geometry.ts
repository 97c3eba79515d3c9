import type { CogYear } from '@cls/core';
import { loadCommuneGeometry, type CommuneGeometry } from '@cls/io';
import type { Args } from '../args.ts';
import { regionOption } from './coverage.ts';

/**
 * The commune polygons of the `--region` for a COG year. Communes without a polygon (restored by a
 * split after the polygons' source, e.g. four communes of the Cantal in COG 2026) are said on stderr:
 * a point or an area in one of them is counted in the commune whose former extent holds it.
 */
export function geometryFromArgs(args: Args, cog: CogYear): CommuneGeometry {
  const geometry = loadCommuneGeometry(cog, regionOption(args));
  if (geometry.missing.length)
    console.error(
      `Attention : ${geometry.missing.length} commune(s) du COG ${cog} sans contour (${geometry.missing.join(', ')}) : ` +
        `rétablies après la source des contours (${geometry.baseYear}), comptées dans la commune dont elles sont issues`,
    );
  return geometry;
}
