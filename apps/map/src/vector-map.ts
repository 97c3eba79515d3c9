import {
  caveatLines,
  comparedFigureText,
  compareWithPublished,
  DEPARTMENT_NAMES,
  figuresSentence,
  publishedHeading,
} from '@cls/core';
import { coverageSvg, labelPoints, type AreaCollection, type SvgMapInput, type SvgMapOptions } from '@cls/geo';
import type { GeometryCollection } from 'topojson-specification';
import { feature, merge, mesh } from 'topojson-client';
import type { AppContext, Snapshot } from './context.ts';
import { loadGeometry } from './data.ts';
import { frDate } from './dom.ts';
import { communeClasses, epciClasses } from './feature-classes.ts';
import { legendOf } from './legend-entries.ts';
import { reportContextOf } from './report-context.ts';

/** UTM zone of each overseas region's official projection (RGAF09, RGFG95, RGR92, RGM04). */
const UTM_ZONES: Record<string, number> = { '01': 20, '02': 20, '03': 22, '04': 40, '06': 38 };
/** Towns named on the vector map: communes of at least this many inhabitants (the largest few otherwise). */
const TOWN_POPULATION = 40_000;

/** The projection of a region's vector map: Lambert-93 in metropolitan France, its UTM zone overseas. */
export function projectionOfRegion(region: string): SvgMapOptions['projection'] {
  const zone = UTM_ZONES[region];
  return zone ? { utmZone: zone } : 'lambert93';
}

/**
 * The texts around a map export, one source for the PNG and the SVG: title (the agency), date and
 * area, the ARS sentence, the published figures of the date beside the registry's, the caveats, and
 * the sources (the polygons' attribution and licence, COG, populations, registry and its checksum).
 */
export function mapTexts(ctx: AppContext, s: Snapshot): Pick<SvgMapInput, 'title' | 'subtitle' | 'lines' | 'sources'> {
  const f = s.figures;
  const where = f.department
    ? `${DEPARTMENT_NAMES[f.department] ?? f.department} (${f.department})`
    : `région ${ctx.region.name}`;
  const report = reportContextOf(ctx, s);
  const comparisons = compareWithPublished(f, report.published ?? [], { model: report.model });
  const file = ctx.registry.files.documents;
  const own = ctx.origin.files.length || ctx.origin.draft ? ', registre de l’utilisateur' : '';
  const contours = ctx.manifest.geometry.find((g) => g.year === s.geometry.baseYear)?.source ?? 'IGN ADMIN EXPRESS';
  return {
    title: `Couverture des contrats locaux de santé — ${ctx.region.agency}`,
    subtitle: `Au ${frDate(f.asOf)} — ${where}`,
    lines: [
      figuresSentence(f),
      ...comparisons.flatMap((c) => [
        `${publishedHeading(c)} (${c.published.sourceUrl}) :`,
        ...c.rows.map((r) => `– ${comparedFigureText(r)}`),
      ]),
      ...caveatLines(f, report),
    ],
    sources:
      `Sources : registre des CLS ${file?.path ?? '(aucun)'} (empreinte ${file?.sha256.slice(0, 12) ?? '—'}${own}) ; ` +
      `COG ${f.cog}, populations municipales ${f.populationYear} (INSEE) ; contours ${contours}.`,
  };
}

/**
 * The map shown as a report-quality SVG page (A4 landscape): the communes of the geometry drawn,
 * coloured as the map colours them (status, change or EPCI class), department and EPCI outlines,
 * department and town names, the legend with its counts beside the map, the scale, the texts and
 * sources of mapTexts, in the region's official projection. `frame: 'map'` leaves the texts out
 * (the printed page has them beside).
 */
export async function vectorMapSvg(
  ctx: AppContext,
  s: Snapshot,
  options: {
    /** `page`: A4 landscape with the texts; `map`: the map and its legend; `inset`: a small map of the same. */
    frame?: 'page' | 'map' | 'inset';
    /** Only this department (default: the department filter shown, else the region). */
    department?: string | null;
    /** A commune (INSEE) or an EPCI (SIREN) outlined over the map (a portrait's territory). */
    highlight?: string;
  } = {},
): Promise<string> {
  const topology = await loadGeometry(ctx.manifest, s.geometry.baseYear);
  const object = topology.objects.communes as GeometryCollection<{ code: string }>;
  const ref = s.coverage.reference;
  const view = ctx.store.get().view;
  const department = options.department === undefined ? s.figures.department : options.department;
  // Base-year code → position in the geometry drawn (its class), and → COG-year commune.
  const position = new Map(s.geometry.index.codes.map((code, i) => [code, i]));
  const communeOf = new Map(ref.communes.map((c) => [c.code, c]));
  const cogCodeOf = (code: string) => communeOf.get(s.geometry.cogCodes[position.get(code) ?? -1] ?? '');
  const statuses = communeClasses(s, ctx.engine);
  const epciIndex = new Map(ref.epcis.map((e, i) => [e.siren, i]));
  const epcis = epciClasses(s);
  const classOf = (code: string): string => {
    if (view !== 'epci') return statuses[position.get(code) ?? -1] ?? 'none';
    const epci = cogCodeOf(code)?.epci;
    return (epci && epcis[epciIndex.get(epci) ?? -1]) || 'none';
  };
  const codeOf = (g: unknown) => (g as { properties: { code: string } }).properties.code;
  const shown = object.geometries.filter((g) => !department || cogCodeOf(codeOf(g))?.department === department);
  const shownObject = { ...object, geometries: shown };
  const communes = feature(topology, shownObject) as unknown as AreaCollection<{ code: string }>;
  const depOf = (g: unknown) => cogCodeOf(codeOf(g))?.department;
  const epciOf = (g: unknown) => cogCodeOf(codeOf(g))?.epci;
  const departments = mesh(topology, shownObject, (a, b) => a === b || depOf(a) !== depOf(b));
  const epciLines = mesh(topology, shownObject, (a, b) => a !== b && epciOf(a) !== epciOf(b));
  const inHighlight = (g: unknown) =>
    options.highlight !== undefined &&
    (cogCodeOf(codeOf(g))?.code === options.highlight || epciOf(g) === options.highlight);
  const highlight = options.highlight
    ? mesh(topology, shownObject, (a, b) => inHighlight(a) !== inHighlight(b) || (a === b && inHighlight(a)))
    : undefined;

  // Names: each department at its pole of inaccessibility, and the main towns.
  const byDep = new Map<string, typeof shown>();
  for (const g of shown) {
    const d = depOf(g);
    if (d) byDep.set(d, [...(byDep.get(d) ?? []), g]);
  }
  const areas = (groups: Map<string, typeof shown>): AreaCollection<{ key: string }> => ({
    type: 'FeatureCollection',
    features: [...groups].map(([key, gs]) => ({
      type: 'Feature',
      properties: { key },
      geometry: merge(topology, gs as never),
    })),
  });
  const towns = [...ref.communes]
    .filter((c) => !department || c.department === department)
    .sort((a, b) => b.population - a.population)
    .filter((c, i) => c.population >= TOWN_POPULATION || i < 5)
    .slice(0, 25);
  const townGroups = new Map(
    towns.map((c) => [c.code, shown.filter((g) => cogCodeOf(codeOf(g))?.code === c.code)] as const),
  );
  for (const [k, gs] of townGroups) if (!gs.length) townGroups.delete(k);
  const names: NonNullable<SvgMapInput['names']> = [
    ...labelPoints(areas(byDep)).features.map((p) => ({
      name: DEPARTMENT_NAMES[p.properties.key] ?? p.properties.key,
      lon: p.geometry.coordinates[0]!,
      lat: p.geometry.coordinates[1]!,
      kind: 'department' as const,
    })),
    ...labelPoints(areas(townGroups)).features.map((p) => ({
      name: communeOf.get(p.properties.key)?.name ?? p.properties.key,
      lon: p.geometry.coordinates[0]!,
      lat: p.geometry.coordinates[1]!,
      kind: 'town' as const,
    })),
  ];

  const legend = legendOf(s, view);
  // Another area than the figures' (a portrait's department): each class counted on what is drawn.
  if (department !== s.figures.department) {
    const members = new Map<string, Set<string>>();
    for (const g of shown) {
      const c = cogCodeOf(codeOf(g));
      const unit = view === 'epci' ? c?.epci : c?.code;
      if (!unit) continue;
      const key = classOf(codeOf(g));
      if (!members.has(key)) members.set(key, new Set());
      members.get(key)!.add(unit);
    }
    for (const e of legend.entries) e.count = members.get(e.key)?.size ?? 0;
  }
  const texts = mapTexts(ctx, s);
  const page = options.frame === undefined || options.frame === 'page';
  return coverageSvg(
    {
      communes,
      classOf,
      legend: legend.entries.map((e) => ({
        key: e.key,
        colour: e.color,
        label: e.label,
        count: e.count,
        unit: legend.unit === 'EPCI' ? 'EPCI' : e.count === 1 ? 'commune' : 'communes',
      })),
      outlines: { departments, epci: epciLines, ...(highlight ? { highlight } : {}) },
      names,
      title: page ? texts.title : '',
      subtitle: page ? texts.subtitle : '',
      lines: page ? texts.lines : [],
      sources: page ? texts.sources : `Contours : ${texts.sources.replace(/^.*contours /, '')}`,
    },
    {
      projection: projectionOfRegion(ctx.region.code),
      ...(page
        ? {}
        : options.frame === 'inset'
          ? { width: 680, height: 430, legendWidth: 270 }
          : { width: 900, height: 760 }),
    },
  );
}
