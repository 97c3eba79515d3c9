/**
 * Map glyphs made at build time, so that the map writes place names with nothing fetched from
 * outside: signed-distance-field glyph ranges (the PBFs MapLibre requests as
 * `glyphs/{fontstack}/{start}-{end}.pbf`), rendered by fontnik (Mapbox's glyph tool, whose npm
 * package ships a linux-x64 binary) from Noto Sans (SIL Open Font License 1.1, npm
 * @fontsource/noto-sans). Only the 256-code-point ranges the names use are made.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fontnik = require('fontnik') as {
  range(
    options: { font: Buffer; start: number; end: number },
    callback: (error: Error | null, data: Uint8Array) => void,
  ): void;
};

/** The font stack the map's style names (`text-font`). */
export const GLYPH_FONT = 'Noto Sans Regular';
/** Fontsource splits the font by script: Latin (with Œ, œ, ’) and Latin Extended. */
const FONT_FILES = ['latin', 'latin-ext'].map((subset) =>
  require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-400-normal.woff`),
);

/** The 256-code-point ranges holding every character of the texts, e.g. [0, 256] for "Œuf-en-Ternois". */
export function glyphRangesOf(texts: Iterable<string>): number[] {
  const starts = new Set<number>([0]);
  for (const t of texts) for (const ch of t) starts.add(Math.floor(ch.codePointAt(0)! / 256) * 256);
  return [...starts].sort((a, b) => a - b);
}

/** Renders the glyph ranges: file path (relative to the build) → PBF bytes. */
export async function buildGlyphs(starts: readonly number[]): Promise<Map<string, Uint8Array>> {
  const fonts = FONT_FILES.map((f) => readFileSync(f));
  const out = new Map<string, Uint8Array>();
  for (const start of starts) {
    const end = start + 255;
    const parts = await Promise.all(
      fonts.map(
        (font) =>
          new Promise<Uint8Array>((resolve, reject) =>
            fontnik.range({ font, start, end }, (e, d) => (e ? reject(e) : resolve(d))),
          ),
      ),
    );
    // A glyph PBF is a list of font stacks (protobuf repeated field): the subsets' PBFs concatenate,
    // and MapLibre reads the glyphs of every stack in the file.
    out.set(`glyphs/${GLYPH_FONT}/${start}-${end}.pbf`, Buffer.concat(parts));
  }
  return out;
}
