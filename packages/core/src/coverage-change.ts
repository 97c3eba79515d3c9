import type { ClassCount } from './area-class.ts';
import { CommuneState, communeStates, type Coverage } from './coverage.ts';
import type { CogYear, DepartmentCode, IsoDate } from './types.ts';

/** What happened to a commune between two dates: covered (a CLS or a charte in force) at each. */
export type ChangeClass = 'gained' | 'lost' | 'kept' | 'never';

/** `CoverageChange.classes` values, one byte per commune. */
export const ChangeState = { never: 0, gained: 1, lost: 2, kept: 3 } as const;

/** The class of each `CoverageChange.classes` byte. */
export const CHANGE_CLASSES: readonly ChangeClass[] = ['never', 'gained', 'lost', 'kept'];

export interface CoverageChange {
  from: IsoDate;
  to: IsoDate;
  /** The geography both dates are read in (the later date's). */
  cog: CogYear;
  /** One ChangeState byte per commune of the reference of `cog`, in its order (every department). */
  classes: Uint8Array;
  /** Communes and inhabitants of each class (of the department when one was given). */
  counts: Record<ChangeClass, ClassCount>;
  /** Among `kept`: communes that went from a charte alone to a CLS. */
  upgraded: ClassCount;
  department: DepartmentCode | null;
}

const covered = (state: number) => state === CommuneState.cls || state === CommuneState.charte;

/**
 * Compares two coverages commune by commune: newly covered, no longer covered, covered at both
 * dates, covered at neither. Both must be read in the same geography, or communes that merged in
 * between would be compared with other communes: read the earlier one with
 * `engine.coverageAt(from, { cog: later.cog })`.
 * @example coverageChange(engine.coverageAt('2019-06-30', { cog: now.cog }), now).counts.gained.count
 */
export function coverageChange(
  before: Coverage,
  after: Coverage,
  options: { department?: DepartmentCode | null } = {},
): CoverageChange {
  if (before.cog !== after.cog)
    throw new Error(
      `comparaison impossible : ${before.asOf} lu au COG ${before.cog}, ${after.asOf} au COG ${after.cog} ` +
        '(lire les deux dates dans le même millésime)',
    );
  const department = options.department ?? null;
  const a = communeStates(before);
  const b = communeStates(after);
  const communes = after.reference.communes;
  const classes = new Uint8Array(communes.length);
  const counts: Record<ChangeClass, ClassCount> = {
    gained: { count: 0, population: 0 },
    lost: { count: 0, population: 0 },
    kept: { count: 0, population: 0 },
    never: { count: 0, population: 0 },
  };
  const upgraded: ClassCount = { count: 0, population: 0 };
  for (let i = 0; i < communes.length; i++) {
    const was = covered(a[i]!);
    const is = covered(b[i]!);
    const k = was ? (is ? ChangeState.kept : ChangeState.lost) : is ? ChangeState.gained : ChangeState.never;
    classes[i] = k;
    const c = communes[i]!;
    if (department && c.department !== department) continue;
    const n = counts[CHANGE_CLASSES[k]!];
    n.count++;
    n.population += c.population;
    if (a[i] === CommuneState.charte && b[i] === CommuneState.cls) {
      upgraded.count++;
      upgraded.population += c.population;
    }
  }
  return { from: before.asOf, to: after.asOf, cog: after.cog, classes, counts, upgraded, department };
}
