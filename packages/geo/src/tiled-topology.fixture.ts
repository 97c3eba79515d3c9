import type { Topology } from 'topojson-specification';
import type { CommuneTopology } from './types.ts';

/**
 * A topology tiled `nx` × `ny` times side by side, row by row from tile 0 (in place, no offset): codes
 * prefixed by the tile (`7-62498`). Makes a France-size partition from the region's, for size tests.
 */
export function tiledTopology(topo: CommuneTopology, nx: number, ny: number): CommuneTopology {
  const t = topo.transform!;
  const [w, s, e, n] = topo.bbox!;
  const dx = Math.ceil((e - w) / t.scale[0]) + 10;
  const dy = Math.ceil((n - s) / t.scale[1]) + 10;
  const arcs: Topology['arcs'] = [];
  const geometries: CommuneTopology['objects']['communes']['geometries'] = [];
  const shift = (a: number, k: number) => (a >= 0 ? a + k : ~(~a + k));
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const tile = j * nx + i;
      const k = arcs.length;
      // Delta-encoded arcs: only each arc's first position is absolute.
      for (const arc of topo.arcs) arcs.push(arc.map((p, q) => (q === 0 ? [p[0]! + i * dx, p[1]! + j * dy] : p)));
      for (const g of topo.objects.communes.geometries) {
        const moved =
          g.type === 'Polygon'
            ? { ...g, arcs: g.arcs.map((r) => r.map((a) => shift(a, k))) }
            : g.type === 'MultiPolygon'
              ? { ...g, arcs: g.arcs.map((p) => p.map((r) => r.map((a) => shift(a, k)))) }
              : g;
        const code = (g.properties as { code: string }).code;
        geometries.push({ ...moved, properties: { ...g.properties, code: `${tile}-${code}` } } as never);
      }
    }
  }
  return {
    ...topo,
    arcs,
    bbox: [w, s, w + (nx * dx - 10) * t.scale[0], s + (ny * dy - 10) * t.scale[1]],
    objects: { communes: { type: 'GeometryCollection', geometries } },
  } as CommuneTopology;
}
