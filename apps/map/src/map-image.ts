import { formatPopulation, plural } from '@cls/core';
import type { AppContext, Snapshot } from './context.ts';
import { legendOf } from './legend-entries.ts';
import { mapTexts } from './vector-map.ts';

/** CSS pixels of the parts around the map. */
const LEGEND_WIDTH = 300;
const MARGIN = 16;
const TEXT = '#161616';

/** The longest round length (1, 2 or 5 × 10ⁿ metres) that fits in `max` metres. */
function roundLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  return [5, 2, 1].map((k) => k * p).find((x) => x <= max) ?? p;
}

/** Lines of at most `width` pixels in the context's current font. */
function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && g.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The map as a report-ready image: title, date, department and the ARS sentence above; the legend
 * with its counts beside; a scale bar on the map; the sources and the registry below. The map
 * is drawn as the screen shows it (the WebGL canvas keeps its buffer).
 */
export function composeMapImage(ctx: AppContext, s: Snapshot): HTMLCanvasElement {
  const map = ctx.map.getCanvas();
  const box = ctx.map.getContainer().getBoundingClientRect();
  const k = map.width / Math.max(1, box.width);
  const state = ctx.store.get();
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d')!;
  const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size * k}px "Noto Sans", sans-serif`;
  const texts = mapTexts(ctx, s);
  g.font = font(13);
  const width = map.width + LEGEND_WIDTH * k - 2 * MARGIN * k;
  // The sentence, then what was published for that date beside the registry's figures, then the caveats.
  const sentence = (texts.lines ?? []).flatMap((l) => wrap(g, l, width));
  const header = (MARGIN + 26 + 20 + sentence.length * 18 + 8) * k;
  g.font = font(11);
  const footer = wrap(g, texts.sources, map.width + LEGEND_WIDTH * k - 2 * MARGIN * k);
  canvas.width = map.width + LEGEND_WIDTH * k;
  canvas.height = header + map.height + (footer.length * 15 + 2 * MARGIN) * k;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = TEXT;
  g.textBaseline = 'top';
  let y = MARGIN * k;
  g.font = font(20, true);
  g.fillText(texts.title, MARGIN * k, y);
  y += 26 * k;
  g.font = font(14, true);
  g.fillText(texts.subtitle, MARGIN * k, y);
  y += 20 * k;
  g.font = font(13);
  for (const line of sentence) {
    g.fillText(line, MARGIN * k, y);
    y += 18 * k;
  }
  g.drawImage(map, 0, header);

  // Scale bar over the map's bottom left corner.
  const mid = box.height / 2;
  const perPixel = ctx.map.unproject([0, mid]).distanceTo(ctx.map.unproject([100, mid])) / 100;
  const length = roundLength(perPixel * 120);
  const bar = (length / perPixel) * k;
  const bx = MARGIN * k;
  const by = header + map.height - 28 * k;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(bx - 6 * k, by - 18 * k, bar + 12 * k, 30 * k);
  g.fillStyle = TEXT;
  g.fillRect(bx, by, bar, 4 * k);
  g.font = font(11);
  g.fillText(length >= 1000 ? `${length / 1000} km` : `${length} m`, bx, by - 15 * k);

  // The legend beside the map, with its counts.
  const legend = legendOf(s, state.view);
  let ly = header + MARGIN * k;
  const lx = map.width + MARGIN * k;
  g.font = font(14, true);
  for (const line of wrap(g, legend.title, (LEGEND_WIDTH - 2 * MARGIN) * k)) {
    g.fillText(line, lx, ly);
    ly += 20 * k;
  }
  ly += 6 * k;
  for (const e of legend.entries) {
    g.fillStyle = e.color;
    g.fillRect(lx, ly, 18 * k, 18 * k);
    g.strokeStyle = TEXT;
    g.strokeRect(lx, ly, 18 * k, 18 * k);
    g.fillStyle = TEXT;
    g.font = font(13);
    g.fillText(e.label, lx + 26 * k, ly);
    g.font = font(11);
    const unit = legend.unit === 'EPCI' ? plural(e.count, 'EPCI', 'EPCI') : plural(e.count, 'commune', 'communes');
    g.fillText(`${unit}, ${formatPopulation(e.population)} hab.`, lx + 26 * k, ly + 18 * k);
    ly += 44 * k;
  }
  g.font = font(11);
  for (const { short } of legend.outlines) {
    g.fillText(short, lx, ly);
    ly += 16 * k;
  }

  let fy = header + map.height + MARGIN * k;
  for (const line of footer) {
    g.fillText(line, MARGIN * k, fy);
    fy += 15 * k;
  }
  return canvas;
}
