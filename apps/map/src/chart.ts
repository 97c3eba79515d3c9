import type { TimelinePoint } from '@cls/core';
import { formatPercent } from '@cls/core';
import { frDate } from './dom.ts';

const NS = 'http://www.w3.org/2000/svg';
const svg = (tag: string, attrs: Record<string, string | number>, text?: string) => {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
};

/**
 * Line chart of the covered population share and the priority population share by month, with the
 * target line, the signing dates and the current date. Returns the SVG; its <title>/<desc> carry a
 * text alternative. `width` is the width it is drawn at, in CSS pixels: its 11-unit text is then
 * 11 px on a phone too (fewer year labels when they would touch).
 */
export function renderChart(
  points: readonly TimelinePoint[],
  current: string,
  target: number,
  options: { width?: number } = {},
): SVGSVGElement {
  const W = Math.max(280, options.width ?? 720),
    H = 230,
    L = 44,
    R = 12,
    T = 12,
    B = 34;
  const months = points.filter((p) => p.kind !== 'signature');
  const t0 = Date.parse(points[0]!.date),
    t1 = Date.parse(points[points.length - 1]!.date);
  const x = (d: string) => L + ((Date.parse(d) - t0) / Math.max(1, t1 - t0)) * (W - L - R);
  const y = (v: number) => T + (1 - v) * (H - T - B);
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: '100%',
    role: 'img',
    'aria-labelledby': 'graph-titre graph-desc',
    // The time axis, for the panel that reads a date under the pointer (see dateAtChartX).
    'data-axis': `${L},${W - R},${t0},${t1},${W}`,
  }) as SVGSVGElement;
  const last = months[months.length - 1]!.figures;
  root.append(svg('title', { id: 'graph-titre' }, 'Part de la population couverte, par mois'));
  root.append(
    svg(
      'desc',
      { id: 'graph-desc' },
      `De ${frDate(points[0]!.date)} à ${frDate(points[points.length - 1]!.date)} : population régionale couverte jusqu'à ${formatPercent(last.covered.populationShare, 1)}, population prioritaire couverte jusqu'à ${formatPercent(last.priority.populationShare, 1)} pour un objectif de ${formatPercent(target)}.`,
    ),
  );
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e5e5e5' }));
    root.append(
      svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#3a3a3a' }, `${v * 100} %`),
    );
  }
  // A year label is about 30 units wide: one every `every` years, so that they never touch.
  const yearWidth = (365.25 * 86_400_000 * (W - L - R)) / Math.max(1, t1 - t0);
  const every = Math.max(1, Math.ceil(36 / yearWidth));
  for (let yr = new Date(t0).getUTCFullYear() + 1; yr <= new Date(t1).getUTCFullYear(); yr++) {
    const d = `${yr}-01-01`;
    if (yr % every === 0)
      root.append(
        svg('text', { x: x(d), y: H - 12, 'text-anchor': 'middle', 'font-size': 11, fill: '#3a3a3a' }, String(yr)),
      );
    root.append(svg('line', { x1: x(d), x2: x(d), y1: H - B, y2: H - B + 4, stroke: '#666' }));
  }
  for (const p of points.filter((q) => q.kind !== 'month-end')) {
    root.append(
      svg('line', { x1: x(p.date), x2: x(p.date), y1: H - B - 6, y2: H - B, stroke: '#000091', 'stroke-width': 1.5 }),
    );
  }
  root.append(
    svg('line', {
      x1: L,
      x2: W - R,
      y1: y(target),
      y2: y(target),
      stroke: '#e1000f',
      'stroke-dasharray': '6 4',
      'stroke-width': 1.5,
    }),
  );
  root.append(
    svg(
      'text',
      { x: W - R, y: y(target) - 4, 'text-anchor': 'end', 'font-size': 11, fill: '#ce0500' },
      `objectif ${formatPercent(target)}`,
    ),
  );
  const path = (value: (p: TimelinePoint) => number) =>
    months.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(value(p)).toFixed(1)}`).join('');
  root.append(
    svg('path', {
      d: path((p) => p.figures.covered.populationShare),
      fill: 'none',
      stroke: '#0072b2',
      'stroke-width': 2,
    }),
  );
  root.append(
    svg('path', {
      d: path((p) => p.figures.priority.populationShare),
      fill: 'none',
      stroke: '#c17a00',
      'stroke-width': 2,
      'stroke-dasharray': '2 2',
    }),
  );
  root.append(svg('line', { x1: x(current), x2: x(current), y1: T, y2: H - B, stroke: '#3a3a3a', 'stroke-width': 1 }));
  const key = svg('g', { transform: `translate(${L + 8},${T + 6})` });
  key.append(
    svg('line', { x1: 0, x2: 18, y1: 0, y2: 0, stroke: '#0072b2', 'stroke-width': 2 }),
    svg('text', { x: 24, y: 4, 'font-size': 11 }, 'population de la région couverte'),
  );
  key.append(
    svg('line', { x1: 0, x2: 18, y1: 16, y2: 16, stroke: '#c17a00', 'stroke-width': 2, 'stroke-dasharray': '2 2' }),
    svg('text', { x: 24, y: 20, 'font-size': 11 }, 'population prioritaire couverte'),
  );
  key.append(
    svg('line', { x1: 0, x2: 0, y1: 28, y2: 36, stroke: '#000091', 'stroke-width': 1.5 }),
    svg('text', { x: 24, y: 36, 'font-size': 11 }, 'signature d’un document'),
  );
  root.append(key);
  return root;
}

/**
 * The date under a horizontal position of a chart drawn by renderChart, given as a share of its drawn
 * width (0 at its left edge, 1 at its right), or null outside its time axis.
 */
export function dateAtChartX(chart: SVGSVGElement, share: number): number | null {
  const [left, right, t0, t1, width] = (chart.getAttribute('data-axis') ?? '').split(',').map(Number);
  if (!width) return null;
  const u = share * width!;
  if (u < left! - 4 || u > right! + 4) return null;
  return t0! + ((Math.min(Math.max(u, left!), right!) - left!) / (right! - left!)) * (t1! - t0!);
}
