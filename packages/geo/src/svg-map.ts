import { geoArea, geoConicConformal, geoDistance, geoPath, geoTransverseMercator, type GeoProjection } from 'd3-geo';
import type { MultiLineString } from 'geojson';
import type { AreaCollection, AreaFeature } from './types.ts';

/** A class of the legend: its colour, its label, how many communes it holds. */
export interface SvgLegendClass {
  key: string;
  colour: string;
  label: string;
  count: number;
  /** What `count` counts (default « communes »). */
  unit?: string;
}

/** What a report-quality map shows: polygons coloured by class, outlines, names, and its texts. */
export interface SvgMapInput {
  /** The commune polygons (WGS84), each with its code. */
  communes: AreaCollection<{ code: string }>;
  /** The legend class of a commune (a key of `legend`). */
  classOf: (code: string) => string;
  legend: SvgLegendClass[];
  /** Outlines drawn over the communes: department borders (thick) and EPCI borders (thin), as lines. */
  outlines?: { departments?: MultiLineString; epci?: MultiLineString; highlight?: MultiLineString };
  /** Place names: departments (capitals) and towns, at a longitude/latitude. */
  names?: Array<{ name: string; lon: number; lat: number; kind: 'department' | 'town' }>;
  title: string;
  /** Under the title: the date and the area shown. */
  subtitle: string;
  /** Lines under the subtitle: the sentence, the published figure of the date, the caveats. */
  lines?: string[];
  /** The sources line (polygons' attribution and licence, COG, populations, registry). */
  sources: string;
}

export interface SvgMapOptions {
  /**
   * The projection: `lambert93` (conic conformal on 44° and 49°, central meridian 3° E: the official
   * projection of metropolitan France) or the transverse Mercator of an overseas region's UTM zone
   * (`{ utmZone: 20 }` for Guadeloupe and Martinique, 22 Guyane, 40 La Réunion, 38 Mayotte).
   */
  projection?: 'lambert93' | { utmZone: number };
  /** Page size in CSS pixels (default A4 landscape at 96 dpi: 1123 × 794). */
  width?: number;
  height?: number;
  /** Width kept for the legend, right of the map (default 300). */
  legendWidth?: number;
}

/** Mean Earth radius (km), for the scale bar. */
const EARTH_KM = 6371.0088;
const FONT = 'Noto Sans, DejaVu Sans, Arial, sans-serif';
/** 7 pt at 96 dpi: no text of the map is smaller. */
const MIN_FONT_PX = 9.5;

/** The projection of an option, not yet fitted. */
function projectionOf(p: SvgMapOptions['projection']): GeoProjection {
  if (p && typeof p === 'object') return geoTransverseMercator().rotate([-(p.utmZone * 6 - 183), 0]);
  return geoConicConformal().parallels([44, 49]).rotate([-3, 0]);
}

/**
 * The feature wound as d3-geo reads a sphere (outer rings clockwise): RFC 7946 GeoJSON (outer rings
 * counter-clockwise, as dissolveBy writes) would otherwise be read as the whole globe but the commune.
 */
function d3Wound<P>(f: AreaFeature<P>): AreaFeature<P> {
  if (geoArea(f.geometry) <= 2 * Math.PI) return f;
  const g = f.geometry;
  const reverse = (rings: number[][][]) => rings.map((r) => [...r].reverse());
  const geometry =
    g.type === 'Polygon'
      ? { ...g, coordinates: reverse(g.coordinates) }
      : { ...g, coordinates: g.coordinates.map(reverse) };
  return { ...f, geometry } as AreaFeature<P>;
}

/** Escapes text for SVG. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits a text into lines of at most `max` characters, at spaces. */
function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** A round length for a scale bar of about `target` km: 1, 2, 5 × 10^n. */
function roundKm(target: number): number {
  const p = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * p).find((x) => x <= target) ?? p;
}

/**
 * A report-quality vector map as an SVG document, one A4 landscape page: title, date and area, the
 * texts under them, the map in the official projection (Lambert-93, or an overseas UTM zone) with
 * its communes coloured by class, outlines and names, the legend beside the map (never over it) with
 * the count of each class, a scale bar and the sources. Pure: data in, text out (the page and the
 * CLI write the same map).
 * @example coverageSvg({ communes, classOf, legend, title, subtitle, sources }, { projection: 'lambert93' })
 */
export function coverageSvg(input: SvgMapInput, options: SvgMapOptions = {}): string {
  const width = options.width ?? 1123;
  const height = options.height ?? 794;
  const margin = 28;
  const legendWidth = options.legendWidth ?? 300;
  const head: string[] = [];
  // A map alone (frame « map »: the printed page carries the texts) has no title.
  const titleLines = input.title ? wrap(input.title, 70) : [];
  const textLines = (input.lines ?? []).flatMap((l) => wrap(l, 150));
  const headHeight = titleLines.length ? 26 * titleLines.length + 22 + textLines.length * 15 + 10 : 0;
  const footLines = wrap(input.sources, 170);
  const footHeight = footLines.length * 13 + 8;
  const map = {
    x: margin,
    y: margin + headHeight,
    w: width - 2 * margin - legendWidth - 16,
    h: height - 2 * margin - headHeight - footHeight,
  };
  const communeFeatures = input.communes.features.map(d3Wound);
  const projection = projectionOf(options.projection).fitExtent(
    [
      [map.x, map.y],
      [map.x + map.w, map.y + map.h],
    ],
    { type: 'FeatureCollection', features: communeFeatures },
  );
  const path = geoPath(projection);
  const round = (d: string | null) => (d ?? '').replace(/(\d+\.\d)\d+/g, '$1');

  let y = margin;
  for (const t of titleLines) {
    y += 22;
    head.push(`<text x="${margin}" y="${y}" font-size="20" font-weight="bold">${esc(t)}</text>`);
  }
  y += 20;
  if (input.subtitle)
    head.push(`<text x="${margin}" y="${y}" font-size="15" font-weight="bold">${esc(input.subtitle)}</text>`);
  for (const l of textLines) {
    y += 15;
    head.push(`<text x="${margin}" y="${y}" font-size="${MIN_FONT_PX + 1.5}">${esc(l)}</text>`);
  }

  const colours = new Map(input.legend.map((c) => [c.key, c.colour]));
  const communes = communeFeatures.map((f) => {
    const fill = colours.get(input.classOf(f.properties.code)) ?? '#ffffff';
    return `<path d="${round(path(f))}" fill="${fill}" data-code="${esc(f.properties.code)}"/>`;
  });
  const outline = (f: MultiLineString | undefined, stroke: string, w: number) =>
    f ? `<path d="${round(path(f))}" fill="none" stroke="${stroke}" stroke-width="${w}" stroke-linejoin="round"/>` : '';
  // Names in the order given (departments, then towns by size): one that would overlap a name
  // already placed is left out, as the map's own labels are.
  const placed: Array<[number, number, number, number]> = [];
  const names = (input.names ?? []).flatMap((n) => {
    const p = projection([n.lon, n.lat]);
    if (!p) return [];
    const dep = n.kind === 'department';
    const text = dep ? n.name.toUpperCase() : n.name;
    const size = dep ? 12 : MIN_FONT_PX + 0.5;
    const w = text.length * size * (dep ? 0.68 : 0.56);
    const box: [number, number, number, number] = [p[0] - w / 2 - 2, p[1] - size, p[0] + w / 2 + 2, p[1] + 3];
    if (placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) return [];
    placed.push(box);
    return [
      `<text x="${p[0].toFixed(1)}" y="${p[1].toFixed(1)}" font-size="${size}" text-anchor="middle"` +
        `${dep ? ' font-weight="bold" letter-spacing="1" fill="#1d2c5a"' : ''} stroke="#ffffff" stroke-width="3" ` +
        `paint-order="stroke">${esc(text)}</text>`,
    ];
  });

  // Scale bar: the ground length of the map's width at its middle latitude.
  const mid = map.y + map.h / 2;
  const a = projection.invert?.([map.x, mid]);
  const b = projection.invert?.([map.x + map.w, mid]);
  let scale = '';
  if (a && b) {
    const kmPerPx = (geoDistance(a, b) * EARTH_KM || 1) / map.w;
    const km = roundKm(kmPerPx * map.w * 0.2);
    const px = km / kmPerPx;
    const sx = map.x + 10;
    const sy = map.y + map.h - 12;
    scale =
      `<g id="echelle"><rect x="${sx}" y="${sy}" width="${px.toFixed(1)}" height="5" fill="#161616"/>` +
      `<text x="${sx}" y="${sy - 4}" font-size="${MIN_FONT_PX + 0.5}">${km} km</text></g>`;
  }

  const lx = width - margin - legendWidth;
  let ly = map.y + 4;
  const legend = [`<text x="${lx}" y="${ly + 12}" font-size="13" font-weight="bold">Légende</text>`];
  ly += 24;
  for (const c of input.legend) {
    legend.push(
      `<rect x="${lx}" y="${ly}" width="18" height="14" fill="${c.colour}" stroke="#3a3a3a" stroke-width="0.5"/>`,
      `<text x="${lx + 26}" y="${ly + 11}" font-size="${MIN_FONT_PX + 1.5}">${esc(c.label)} : ${c.count.toLocaleString('fr-FR')} ${esc(c.unit ?? 'communes')}</text>`,
    );
    ly += 22;
  }
  if (input.outlines?.departments)
    legend.push(
      `<line x1="${lx}" y1="${ly + 7}" x2="${lx + 18}" y2="${ly + 7}" stroke="#161616" stroke-width="1.6"/>`,
      `<text x="${lx + 26}" y="${ly + 11}" font-size="${MIN_FONT_PX + 1.5}">Limite de département</text>`,
    );
  if (input.outlines?.departments) ly += 22;
  if (input.outlines?.epci)
    legend.push(
      `<line x1="${lx}" y1="${ly + 7}" x2="${lx + 18}" y2="${ly + 7}" stroke="#6a6a6a" stroke-width="0.6"/>`,
      `<text x="${lx + 26}" y="${ly + 11}" font-size="${MIN_FONT_PX + 1.5}">Limite d’EPCI</text>`,
    );

  let fy = height - margin - footHeight + 12;
  const foot = footLines.map((l) => {
    const t = `<text x="${margin}" y="${fy}" font-size="${MIN_FONT_PX}" fill="#3a3a3a">${esc(l)}</text>`;
    fy += 13;
    return t;
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="${FONT}" fill="#161616">`,
    `<title>${esc(`${input.title} — ${input.subtitle}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...head,
    `<g id="communes" stroke="#ffffff" stroke-width="0.25">${communes.join('')}</g>`,
    `<g id="contours">${outline(input.outlines?.epci, '#6a6a6a', 0.6)}${outline(input.outlines?.departments, '#161616', 1.6)}` +
      `${outline(input.outlines?.highlight, '#c8102e', 3)}</g>`,
    `<g id="noms">${names.join('')}</g>`,
    scale,
    `<g id="legende">${legend.join('')}</g>`,
    `<g id="sources">${foot.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
