import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { createCoverageEngine } from '@cls/core';
import { dataPath, loadModel, loadReference } from '@cls/io';
import { TOWN_POPULATION } from '@cls/geo';

/** The shipped registry's model, loaded once for the suites below. */
const shipped = await loadModel();

/** The vector tiles `pnpm build:data` cut for the map, checked against the references and the registry. */
const build = dataPath('build');
if (!existsSync(join(build, 'manifest-32.json'))) throw new Error('data/build absent : lancez pnpm build:data');
const manifest = JSON.parse(readFileSync(join(build, 'manifest-32.json'), 'utf8')) as {
  tiles: {
    minZoom: number;
    maxZoom: number;
    communes: Array<{ year: number; path: string; index: string }>;
    contours: Array<{ cog: number; base: number; path: string }>;
    glyphs: string;
  };
};

/** Ids (or a property) of each layer over every tile of one zoom of a tile set. */
function layerValues(
  path: string,
  z: number,
  read: (f: { id?: number; properties: Record<string, unknown> }) => string | number = (f) => f.id!,
): Map<string, Set<string | number>> {
  const out = new Map<string, Set<string | number>>();
  const dir = join(build, path, String(z));
  for (const x of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, x))) {
      const tile = new VectorTile(new PbfReader(readFileSync(join(dir, x, file))));
      for (const [name, layer] of Object.entries(tile.layers)) {
        let set = out.get(name);
        if (!set) out.set(name, (set = new Set()));
        for (let i = 0; i < layer.length; i++) set.add(read(layer.feature(i)));
      }
    }
  }
  return out;
}

describe('commune tiles', () => {
  it.each(manifest.tiles.communes.map((c) => [c.year, c] as const))(
    '%i: one polygon per commune of the COG year, none dropped at the region view nor at the deepest zoom',
    (year, set) => {
      const index = JSON.parse(readFileSync(join(build, set.index), 'utf8')) as {
        firstId: number;
        codes: string[];
        bboxes: number[][];
      };
      const ref = loadReference(year);
      expect([...index.codes].sort()).toEqual(ref.communes.map((c) => c.code).sort());
      // The geometry years are numbered one after the other: two years' ids never meet (MapLibre then
      // leaves the replaced year's tiles alone).
      const earlier = manifest.tiles.communes.filter((c) => c.year < year);
      const before = earlier.map((c) => JSON.parse(readFileSync(join(build, c.index), 'utf8')).codes.length as number);
      expect(index.firstId).toBe(before.reduce((a, b) => a + b, 0));
      for (const z of [manifest.tiles.minZoom, manifest.tiles.maxZoom]) {
        const ids = layerValues(set.path, z).get('communes')!;
        expect(ids.size, `zoom ${z}`).toBe(index.codes.length);
        expect(Math.min(...(ids as Set<number>))).toBe(index.firstId);
        expect(Math.max(...(ids as Set<number>))).toBe(index.firstId + index.codes.length - 1);
      }
      const codes = layerValues(set.path, manifest.tiles.minZoom, (f) => `${f.id}:${String(f.properties.code)}`).get(
        'communes',
      )!;
      const wrong = [...codes].filter((v) => {
        const [id, code] = String(v).split(':');
        return index.codes[Number(id) - index.firstId] !== code;
      });
      expect(wrong).toEqual([]);
      // Lille's bbox, from the index the map zooms with.
      const [w, s, e, n] = index.bboxes[index.codes.indexOf('59350')]!;
      expect(w! < 3.07 && e! > 3.07 && s! < 50.63 && n! > 50.63).toBe(true);
    },
  );
});

describe('outline tiles', () => {
  const model = shipped.model;
  const engine = createCoverageEngine(model);
  it.each(manifest.tiles.contours.map((c) => [c.cog, c] as const))(
    '%i: every EPCI (id = its index in the COG reference), the five departments, the PRAPS and the QPV communes',
    (cog, set) => {
      const ref = model.referenceFor(cog);
      const ids = layerValues(set.path, manifest.tiles.minZoom);
      expect([...ids.get('epci')!].sort((a, b) => Number(a) - Number(b))).toEqual(ref.epcis.map((_, i) => i));
      const keyOf = (f: { properties: Record<string, unknown> }) => String(f.properties.key ?? f.properties.code);
      const keys = layerValues(set.path, manifest.tiles.minZoom, keyOf);
      expect([...keys.get('epci')!].sort()).toEqual(ref.epcis.map((e) => e.siren).sort());
      expect([...keys.get('departments')!].sort()).toEqual(['02', '59', '60', '62', '80']);
      const praps = model.priority.filter((t) => t.kind === 'praps');
      expect([...keys.get('priority')!].sort()).toEqual(praps.map((t) => t.id).sort());
      const qpvCommunes = new Set(
        model.priority
          .filter((t) => t.kind === 'qpv')
          .flatMap((t) => [...engine.territoryCommunes(t, cog)].map((i) => ref.communes[i]!.code)),
      );
      expect(qpvCommunes.size).toBeGreaterThan(100);
      expect([...keys.get('qpv')!].sort()).toEqual([...qpvCommunes].sort());
    },
  );
});

describe('place names', () => {
  const model = shipped.model;
  const nameOf = (f: { properties: Record<string, unknown> }) => `${f.properties.code}:${f.properties.name}`;
  it.each(manifest.tiles.contours.map((c) => [c.cog, c] as const))(
    '%i: every commune named once under its COG-year name from zoom 9, departments and towns from region zoom',
    (cog, set) => {
      const ref = model.referenceFor(cog);
      expect(layerValues(set.path, 8).has('names')).toBe(false);
      const communes = layerValues(set.path, manifest.tiles.maxZoom, nameOf).get('names')!;
      expect([...communes].sort()).toEqual(ref.communes.map((c) => `${c.code}:${c.name}`).sort());
      const regional = [...layerValues(set.path, manifest.tiles.minZoom, nameOf).get('places')!].map(String);
      for (const d of ['02:Aisne', '59:Nord', '60:Oise', '62:Pas-de-Calais', '80:Somme']) expect(regional).toContain(d);
      expect(regional).toContain('59350:Lille');
      const towns = ref.communes.filter((c) => c.population >= TOWN_POPULATION).map((c) => `${c.code}:${c.name}`);
      expect(regional.filter((k) => /^\w{5}:/.test(k)).sort()).toEqual(towns.sort());
    },
  );

  it('every character of every name has its glyph range in the build (a missing range blanks the names)', () => {
    const glyphs = join(build, manifest.tiles.glyphs, 'Noto Sans Regular');
    const ranges = new Set<string>();
    for (const y of model.cogYears) {
      const ref = model.referenceFor(y);
      for (const name of [...ref.communes.map((c) => c.name), ...ref.epcis.map((e) => e.name)])
        for (const ch of name) {
          const start = Math.floor(ch.codePointAt(0)! / 256) * 256;
          ranges.add(`${start}-${start + 255}.pbf`);
        }
    }
    expect(ranges.has('256-511.pbf')).toBe(true); // Œuf-en-Ternois
    for (const r of ranges) expect(existsSync(join(glyphs, r)), r).toBe(true);
  });
});
