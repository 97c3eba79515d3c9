import Flatbush from 'flatbush';
import { bbox } from '@turf/bbox';
import type { Feature, Geometry } from 'geojson';

/** A flatbush index over the bounding boxes of features (indexes in the input order). */
export function bboxIndex(features: readonly Feature<Geometry>[]): Flatbush {
  const index = new Flatbush(Math.max(1, features.length));
  for (const f of features) {
    const [minX, minY, maxX, maxY] = bbox(f);
    index.add(minX, minY, maxX, maxY);
  }
  if (features.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}
