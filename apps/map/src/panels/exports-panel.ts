import { contractCount, toCsv, type CoverageFigures } from '@cls/core';
import { dissolveBy } from '@cls/geo';
import type { AppContext, Panel } from '../context.ts';
import { loadGeometry } from '../data.ts';
import { download, fill, h } from '../dom.ts';
import { composeMapImage } from '../map-image.ts';
import { writeUrlState } from '../url-state.ts';

/** The figures of a date as `indicateur;valeur` rows (the product's one CSV writer). */
export function figuresCsv(f: CoverageFigures): string {
  const p = f.priority;
  return toCsv([
    [
      ['indicateur', 'valeur'],
      ['date', f.asOf],
      ['departement', f.department ?? 'toute la région'],
      ['cog', f.cog],
      ['annee_population', f.populationYear],
      ['cls_en_vigueur', contractCount(f)],
      ['chartes_en_vigueur', f.documents.charte],
      ['avenants_en_vigueur', f.documents.avenant],
      ['communes', f.region.communes],
      ['communes_couvertes', f.covered.communes],
      ['population', f.region.population],
      ['population_couverte', f.covered.population],
      ['part_population_couverte', f.covered.populationShare],
      ['praps_en_vigueur', p.praps.count],
      ['praps_entierement_couverts', p.praps.covered],
      ['praps_en_partie', p.praps.partlyCovered],
      ['population_communes_praps', p.praps.population],
      ['population_communes_praps_couverte', p.praps.populationCovered],
      ['qpv_en_vigueur', p.qpv.count],
      ['qpv_entierement_couverts', p.qpv.covered],
      ['qpv_avec_population', p.qpv.withPopulation],
      ['mesure_objectif', p.measureLabel],
      ['population_objectif', p.population],
      ['population_objectif_couverte', p.populationCovered],
      ['part_population_objectif', p.populationShare],
      ['objectif', p.target],
      ['ecart_habitants', p.gap],
    ],
  ]);
}

/**
 * For print, the map as an image of what the screen shows, scaled to the page: the WebGL canvas keeps
 * its screen size in pixels and would be cropped.
 */
function printImage(ctx: AppContext): void {
  const zone = ctx.map.getContainer().parentElement;
  if (!zone) return;
  let img = zone.querySelector<HTMLImageElement>('img.carte-impression');
  // Already in the print layout (a PDF printed after the button): the canvas has been resized, keep the image.
  if (img?.src && matchMedia('print').matches) return;
  if (!img) {
    img = h('img', { class: 'carte-impression', alt: 'Carte de la couverture à la date affichée' });
    zone.append(img);
  }
  img.src = ctx.map.getCanvas().toDataURL('image/png');
}

/** Exports: the figures and the territories (CSV for Excel), the covered area (GeoJSON), the map (PNG), the link. */
export class ExportsPanel implements Panel {
  private el = h('div', {});
  private beforePrint = () => {};

  onAdd(ctx: AppContext): HTMLElement {
    // Ctrl+P too: 'beforeprint' fires while the page still has its screen layout.
    this.beforePrint = () => printImage(ctx);
    window.addEventListener('beforeprint', this.beforePrint);
    const copied = h('p', { class: 'note', id: 'lien-copie', role: 'status' });
    const button = (label: string, id: string, fn: () => void) => {
      const b = h('button', { type: 'button', class: 'secondaire', id }, label);
      b.addEventListener('click', fn);
      return b;
    };
    fill(
      this.el,
      h('h2', {}, 'Exporter'),
      h(
        'div',
        { class: 'ligne' },
        button('Chiffres (CSV)', 'export-chiffres', () => {
          const s = ctx.snapshot();
          if (s) download(`chiffres-cls-${s.figures.asOf}.csv`, figuresCsv(s.figures), 'text/csv;charset=utf-8');
        }),
        button('Territoires (CSV)', 'export-territoires', () => {
          const s = ctx.snapshot();
          if (!s) return;
          const { view, department } = ctx.store.get();
          const { coverage, figures } = s;
          const info = new Map(coverage.reference.communes.map((c) => [c.code, c]));
          const rows: Array<Array<string | number>> =
            view === 'epci'
              ? [
                  ['siren', 'nom', 'communes', 'communes_couvertes', 'population', 'population_couverte'],
                  ...figures.byEpci.map((e) => [
                    e.code,
                    e.name,
                    e.communes,
                    e.coveredCommunes,
                    e.population,
                    e.coveredPopulation,
                  ]),
                ]
              : [
                  ['insee', 'nom', 'departement', 'epci', 'population', 'statut', 'documents'],
                  ...coverage.communes
                    .filter((c) => !department || info.get(c.code)!.department === department)
                    .map((c) => {
                      const i = info.get(c.code)!;
                      return [
                        c.code,
                        i.name,
                        i.department,
                        i.epci ?? '',
                        i.population,
                        c.status !== 'none' ? c.status : c.expired ? 'expire' : 'aucun',
                        c.documents.join('|'),
                      ];
                    }),
                ];
          download(`territoires-cls-${figures.asOf}.csv`, toCsv([rows]), 'text/csv;charset=utf-8');
        }),
        button('Zone couverte (GeoJSON)', 'export-geojson', () => {
          const s = ctx.snapshot();
          if (!s) return;
          const { geometry: g, coverage: c } = s;
          const byCode = new Map(c.communes.map((x) => [x.code, x.status]));
          const targetOf = new Map(g.index.codes.map((code, i) => [code, g.target[i]!]));
          // The polygons themselves are loaded only here: the map draws pre-cut tiles.
          void loadGeometry(ctx.manifest, g.baseYear).then(
            (topology) => {
              const fc = dissolveBy(topology, (code) => {
                const st = byCode.get(targetOf.get(code)!);
                return st && st !== 'none' ? st : null;
              });
              download(
                `zone-couverte-${c.asOf}.geojson`,
                JSON.stringify({
                  ...fc,
                  metadata: {
                    date: c.asOf,
                    cog: c.cog,
                    source: 'IGN ADMIN EXPRESS, registre CLS ; Licence Ouverte 2.0',
                  },
                }),
                'application/geo+json',
              );
            },
            (e: unknown) => window.__cls.errors.push(String((e as Error).message)),
          );
        }),
        button('Carte (PNG)', 'export-png', () => {
          const s = ctx.snapshot();
          if (!s) return;
          // Title, date, department, legend with counts, scale and sources around the map.
          composeMapImage(ctx, s).toBlob((b) => {
            if (b) download(`carte-cls-${ctx.store.get().date}.png`, b, 'image/png');
          });
        }),
        button('Imprimer / PDF', 'imprimer', () => {
          printImage(ctx);
          window.print();
        }),
        button('Copier le lien', 'copier-lien', () => {
          const done = (text: string) => {
            copied.textContent = text;
          };
          // The state's link, even when the address bar has not caught up yet (it is written a moment later).
          const link = new URL(writeUrlState(ctx.store.get()) || location.pathname, location.href).href;
          if (!navigator.clipboard) done(`Copie impossible : ${link}`);
          else
            navigator.clipboard.writeText(link).then(
              () => done('Lien copié'),
              () => done(`Copie refusée par le navigateur : ${link}`),
            );
        }),
      ),
      copied,
    );
    return this.el;
  }

  onRemove(): void {
    window.removeEventListener('beforeprint', this.beforePrint);
    this.el.remove();
  }
}
