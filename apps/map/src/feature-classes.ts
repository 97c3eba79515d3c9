import { CHANGE_CLASSES, communeStates, coverageClass, type CoverageEngine } from '@cls/core';
import type { Snapshot } from './context.ts';
import type { FeatureStatus } from './map-view.ts';
import { STATE_STATUS, type EpciClass } from './palette.ts';

/**
 * The class each commune feature is drawn with, by its position in the geometry drawn: its status
 * (cls, charte, expired, none), or with a comparison date what changed between the two dates. One
 * rule for the map's colours and the vector map's.
 */
export function communeClasses(s: Snapshot, engine: CoverageEngine): FeatureStatus[] {
  // One byte per commune: no commune object is built on a slider step.
  const index = engine.communeIndex(s.coverage.cog);
  const bytes = s.change ? s.change.classes : communeStates(s.coverage);
  const names: readonly FeatureStatus[] = s.change ? CHANGE_CLASSES : STATE_STATUS;
  const fallback: FeatureStatus = s.change ? 'never' : 'none';
  return s.geometry.cogCodes.map((code): FeatureStatus => {
    const i = index.get(code);
    return i === undefined ? fallback : names[bytes[i]!]!;
  });
}

/** The class of each EPCI of the reference, in its order: by communes covered, never by majority (see coverageClass). */
export function epciClasses(s: Snapshot): EpciClass[] {
  const areaOf = new Map(s.figures.byEpci.map((e) => [e.code, e]));
  return s.coverage.reference.epcis.map((e): EpciClass => {
    const a = areaOf.get(e.siren);
    return a ? coverageClass(a) : 'none';
  });
}
