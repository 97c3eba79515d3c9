import { priorityInForce, type CogYear, type Reference } from '@cls/core';
import { communeClasses, epciClasses } from './feature-classes.ts';
import type { AppContext, AppState, Change, Geometry, Snapshot } from './context.ts';
import {
  COMMUNE_FEATURES,
  EPCI_FEATURES,
  applyStatuses,
  showOnly,
  type FeatureStatus,
  type maplibregl,
} from './map-view.ts';

/**
 * The status a commune (INSEE code of the COG year drawn) or an EPCI (SIREN) is drawn with on a map,
 * read back from its feature-state; null when it is not drawn.
 */
export function drawnStatus(
  map: maplibregl.Map,
  g: Geometry | null,
  ref: Reference | null,
  kind: 'communes' | 'epci',
  key: string,
): string | null {
  const i = kind === 'epci' ? (ref?.epcis.findIndex((e) => e.siren === key) ?? -1) : (g?.cogCodes.indexOf(key) ?? -1);
  if (i < 0) return null;
  const features = kind === 'epci' ? EPCI_FEATURES : COMMUNE_FEATURES;
  const id = kind === 'epci' ? i : g!.index.firstId + i;
  return (map.getFeatureState({ ...features, id }).status as string | undefined) ?? null;
}

/**
 * Draws a snapshot on the map: commune statuses, EPCI classes, priority outlines in force, the
 * department dimming, the view and the legend's highlight. Only what changed is sent to MapLibre.
 */
export class CoverageLayers {
  private previous: FeatureStatus[] | null = null;
  private previousEpci: FeatureStatus[] | null = null;
  private baseYear: CogYear | null = null;
  private cog: CogYear | null = null;
  private priorityKey = '';
  private dimApplied = false;

  /** `map`: the page's map, or the comparison date's beside it (same style, same feature ids). */
  constructor(
    private readonly ctx: AppContext,
    private readonly map: maplibregl.Map,
  ) {}

  update(s: Snapshot, changed: ReadonlySet<Change>): void {
    const { map } = this;
    const state = this.ctx.store.get();
    const { coverage: c, geometry: g } = s;
    if (g.baseYear !== this.baseYear) this.previous = null;
    if (g.cog !== this.cog) this.previousEpci = null;
    this.baseYear = g.baseYear;
    this.cog = g.cog;
    this.drawPriority(c.cog, c.asOf);
    const statuses = communeClasses(s, this.ctx.engine);
    this.previous = applyStatuses(map, COMMUNE_FEATURES, statuses, this.previous, g.index.firstId);
    const classes = epciClasses(s);
    this.previousEpci = applyStatuses(map, EPCI_FEATURES, classes, this.previousEpci);
    if (changed.has('department') || changed.has('snapshot') || changed.has('date')) this.dim(s, state);
    map.setLayoutProperty('epci-fond', 'visibility', state.view === 'epci' ? 'visible' : 'none');
    map.setLayoutProperty('communes-fond', 'visibility', state.view === 'epci' ? 'none' : 'visible');
    this.highlight(state.highlight);
  }

  /** Priority territories in force: PRAPS outlined, communes with a QPV marked (filters on pre-cut outlines). */
  private drawPriority(cog: CogYear, date: string): void {
    const { registry, engine } = this.ctx;
    const { map } = this;
    const inForce = registry.priority.filter((t) => priorityInForce(t, date));
    const key = `${cog}:${inForce.map((t) => t.id).join('|')}`;
    if (key === this.priorityKey) return;
    this.priorityKey = key;
    const ref = this.ctx.referenceFor(cog);
    const qpv = new Set<string>();
    for (const t of inForce)
      if (t.kind === 'qpv') for (const i of engine.territoryCommunes(t, cog)) qpv.add(ref.communes[i]!.code);
    const praps = inForce.filter((t) => t.kind === 'praps').map((t) => t.id);
    for (const layer of ['prioritaires-halo', 'prioritaires-trait']) showOnly(map, layer, 'key', praps);
    for (const layer of ['qpv-halo', 'qpv']) showOnly(map, layer, 'code', [...qpv]);
  }

  /** Department filter: dims the others (nothing to do while no filter was ever set). */
  private dim(s: Snapshot, state: AppState): void {
    if (!state.department && !this.dimApplied) return;
    this.dimApplied = !!state.department;
    const { map } = this;
    const depOf = new Map(s.coverage.reference.communes.map((x) => [x.code, x.department]));
    s.geometry.cogCodes.forEach(
      (code, i) =>
        void map.setFeatureState(
          { ...COMMUNE_FEATURES, id: s.geometry.index.firstId + i },
          { dim: !!state.department && depOf.get(code) !== state.department },
        ),
    );
    s.coverage.reference.epcis.forEach(
      (e, i) =>
        void map.setFeatureState(
          { ...EPCI_FEATURES, id: i },
          { dim: !!state.department && !e.members.some((m) => depOf.get(m) === state.department) },
        ),
    );
  }

  /** The legend's highlight: the chosen class at full opacity, the others faded. */
  private highlight(hl: AppState['highlight']): void {
    const { map } = this;
    const opacity = hl
      ? ['case', ['==', ['coalesce', ['feature-state', 'status'], 'none'], hl], 1, 0.2]
      : ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, 1];
    map.setPaintProperty('communes-fond', 'fill-opacity', opacity as maplibregl.ExpressionSpecification);
    map.setPaintProperty('epci-fond', 'fill-opacity', opacity as maplibregl.ExpressionSpecification);
  }

  /** Outlines the selection: the geometry-year polygons of a commune (a merged one has several), or an EPCI. */
  select(code: string | null, s: Snapshot | null): void {
    const { map } = this;
    const g = s?.geometry;
    showOnly(
      map,
      'selection',
      'code',
      code && code.length === 5 && g ? g.index.codes.filter((_, i) => g.cogCodes[i] === code) : [],
    );
    map.setFilter('selection-epci', ['==', ['get', 'key'], code && code.length === 9 ? code : '']);
  }
}
