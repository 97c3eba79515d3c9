import type {
  CogYear,
  DeployedRegion,
  Coverage,
  CoverageChange,
  CoverageEngine,
  CoverageFigures,
  Reference,
  TimelinePoint,
} from '@cls/core';
import type { CommuneIndex, Manifest, RegistryFile } from './data.ts';
import type { Draft } from './registry-draft.ts';
import type { LoadedKind, UserFile, UserFileResult } from './registry-file.ts';
import type { maplibregl } from './map-view.ts';
import type { ChangeColorClass, EpciClass, MapStatus } from './palette.ts';
import type { Evented } from './evented.ts';
import type { Store } from './store.ts';
import type { UrlState } from './url-state.ts';

/** What the page shows: the link's state (date, selection, department, view) and the legend's highlight. */
export interface AppState extends UrlState {
  date: string;
  highlight: MapStatus | EpciClass | ChangeColorClass | null;
}

/** The commune polygons drawn (those of a geometry year, as vector tiles) and the COG year they show. */
export interface Geometry {
  baseYear: CogYear;
  /** Geometry-year code and bbox of each commune feature (feature id = index.firstId + position). */
  index: CommuneIndex;
  cog: CogYear | null;
  /** COG-year commune code of each feature, by position (merged communes: their successor). */
  cogCodes: string[];
}

/** The COG-year code of the commune feature a map event hit (its id is index.firstId + its position). */
export function communeOfFeature(g: Geometry, id: string | number | undefined): string | undefined {
  return g.cogCodes[Number(id) - g.index.firstId];
}

/** What the page computed for the current state: panels read it, they never compute coverage themselves. */
export interface Snapshot {
  coverage: Coverage;
  figures: CoverageFigures;
  geometry: Geometry;
  /** The figures at every date (for the chart), once computed after the first draw. */
  points: TimelinePoint[] | null;
  /**
   * Communes newly covered, no longer covered… between the state's `since` and `date`, drawn as the
   * change view's colours; null without a comparison date, and when the two dates are side by side.
   */
  change: CoverageChange | null;
  /** The comparison date drawn on a map of its own beside this one (`?cote=1`), or null. */
  pair: ComparedDate | null;
}

/** The other date of a side-by-side view: its coverage and figures (same COG year), and what changed. */
export interface ComparedDate {
  coverage: Coverage;
  figures: CoverageFigures;
  change: CoverageChange;
}

/** Keys a panel may be told have changed: the state's, or `snapshot` (new figures, same state) and `points`. */
export type Change = keyof AppState | 'snapshot' | 'points' | 'registry';

/** A file the analyst loaded in the page, and what reading it found. */
export interface LoadedFile {
  kind: LoadedKind;
  file: UserFile;
  read: string;
  sheets: readonly string[];
  report: UserFileResult['report'];
}

/** The events the page's pieces send each other (see Evented). */
export interface PageEvents extends Record<string, unknown> {
  /** A commune (INSEE code) or an EPCI (SIREN) clicked on the map while a panel picks codes (the editor). */
  pick: string;
}

/** What every panel gets: the store, the data, the map and the page's actions. */
export interface AppContext {
  store: Store<AppState>;
  engine: CoverageEngine;
  /** The registry shown: the shipped one, or with the analyst's files in place of its tables. */
  registry: RegistryFile;
  /**
   * The analyst's files the registry shown was read from (none: the shipped registry), and the
   * documents table being worked on (null until a file is read or an edit is made).
   */
  origin: { files: readonly LoadedFile[]; draft: Draft | null };
  manifest: Manifest;
  /** Whether the deployment ships a registry for the region (every region but 32 starts without one). */
  shippedRegistry: boolean;
  /** The region shown: its name, departments and agency (see deployment.json). */
  region: DeployedRegion;
  map: maplibregl.Map;
  /** Every signing date and month end, first document to today. */
  dates: readonly string[];
  now: string;
  referenceFor(cog: CogYear): Reference;
  /** The references a registry is validated with, as `cls validate` does (loaded on first call). */
  validationReferences(): Promise<(cog: CogYear) => Reference>;
  snapshot(): Snapshot | null;
  /** Selects a commune (INSEE code) or an EPCI (SIREN), or nothing; zooms on it when asked. */
  select(code: string | null, zoom: boolean): void;
  /** Shows another registry (null: the shipped one), read from these files: every panel is mounted again. */
  useRegistry(registry: RegistryFile | null, origin: AppContext['origin']): void;
  /** What the page's pieces tell each other: `pick` (a code clicked on the map while a panel picks codes). */
  events: Evented<PageEvents>;
  /** Fits the map to the communes whose COG code passes `keep` (the region when none is given). */
  fitTo(keep?: (code: string) => boolean): void;
}

/**
 * A panel of the page, mounted like a MapLibre control: `onAdd` returns its element, `onRemove`
 * releases what it holds, `update` runs after each change of state or snapshot.
 */
export interface Panel {
  onAdd(ctx: AppContext): HTMLElement;
  onRemove(): void;
  update?(snapshot: Snapshot, changed: ReadonlySet<Change>): void;
}

/** The common part of the panels that only draw the snapshot: their element, their context, their removal. */
export abstract class SnapshotPanel implements Panel {
  protected el: HTMLElement = document.createElement('div');
  protected ctx!: AppContext;

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    this.mounted();
    return this.el;
  }

  /** Draws what the panel shows before the first snapshot (nothing by default). */
  protected mounted(): void {}

  abstract update(snapshot: Snapshot, changed: ReadonlySet<Change>): void;

  onRemove(): void {
    this.el.remove();
  }
}
