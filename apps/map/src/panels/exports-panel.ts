import { figuresCsv, renderReport } from '@cls/core';
import { dissolveBy } from '@cls/geo';
import type { AppContext, Panel, Snapshot } from '../context.ts';
import { loadGeometry } from '../data.ts';
import { download, fill, frDate, h } from '../dom.ts';
import { type MapStatus, STATUS_LABELS } from '../palette.ts';
import { composeMapImage } from '../map-image.ts';
import { reportContextOf } from '../report-context.ts';
import { writeUrlState } from '../url-state.ts';
import { vectorMapSvg } from '../vector-map.ts';

/**
 * An export's file name: what, the region, the department when filtered, the view, the date.
 * @example exportName('carte-cls', '2024-06-30', 'png', { region: '32', department: '62', view: 'epci' })
 * // "carte-cls-32-dep62-epci-2024-06-30.png"
 */
export function exportName(
  what: string,
  date: string,
  ext: string,
  options: { region: string; department?: string | null; view?: 'communes' | 'epci' },
): string {
  const { region, department, view = 'communes' } = options;
  return `${what}-${region}${department ? `-dep${department}` : ''}-${view}-${date}.${ext}`;
}

/**
 * For print, the map as an image of what the screen shows, scaled to the page: the WebGL canvas keeps
 * its screen size in pixels and would be cropped.
 */
function printImage(ctx: AppContext): void {
  const img = printedImage(ctx);
  // Already in the print layout (a PDF printed after the button): the canvas has been resized, keep the image.
  if (!img || (img.src && matchMedia('print').matches)) return;
  // The vector map of the snapshot shown, made by « Imprimer », is kept (Ctrl+P would replace it by pixels).
  if (vectorOf.get(img) === ctx.snapshot()) return;
  img.src = ctx.map.getCanvas().toDataURL('image/png');
  img.removeAttribute('data-vectoriel');
  vectorOf.delete(img);
}

/** The snapshot each printed image's vector map was drawn from. */
const vectorOf = new WeakMap<HTMLImageElement, Snapshot>();

/** The image the print layout shows in place of the map (created on first use). */
function printedImage(ctx: AppContext): HTMLImageElement | null {
  const zone = ctx.map.getContainer().parentElement;
  if (!zone) return null;
  let img = zone.querySelector<HTMLImageElement>('img.carte-impression');
  if (!img) {
    img = h('img', { class: 'carte-impression', alt: 'Carte de la couverture à la date affichée' });
    zone.append(img);
  }
  return img;
}

/** For print, the vector map (Lambert-93, legend beside, names ≥ 7 pt) of the snapshot shown. */
async function printVectorMap(ctx: AppContext): Promise<void> {
  const s = ctx.snapshot();
  const img = printedImage(ctx);
  if (!s || !img) return;
  const svg = await vectorMapSvg(ctx, s, { frame: 'map' });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  img.setAttribute('data-vectoriel', 'true');
  vectorOf.set(img, s);
}

/** Exports: the figures and the territories (CSV for Excel), the covered area (GeoJSON), the map (PNG), the link. */
export class ExportsPanel implements Panel {
  private el = h('div', {});
  private beforePrint = () => {};

  onAdd(ctx: AppContext): HTMLElement {
    /** An export's file name: what, region, department and view shown, date (one rule, exportName). */
    const shownName = (what: string, s: Snapshot, ext: string) =>
      exportName(what, s.figures.asOf, ext, {
        region: ctx.region.code,
        department: s.figures.department,
        view: ctx.store.get().view,
      });
    // Ctrl+P too: 'beforeprint' fires while the page still has its screen layout.
    this.beforePrint = () => printImage(ctx);
    window.addEventListener('beforeprint', this.beforePrint);
    const copied = h('p', { class: 'note', id: 'lien-copie', role: 'status' });
    const say = (text: string) => {
      copied.textContent = text;
      copied.classList.remove('erreur-saisie');
    };
    /** An export that fails is said, never a silent click. */
    const failed = (what: string, e: unknown) => {
      copied.textContent = `Export impossible ${what} : ${(e as Error)?.message ?? String(e)}. Réessayez ou rechargez la page.`;
      copied.classList.add('erreur-saisie');
      window.__cls.errors.push(`export ${what} : ${String((e as Error)?.message ?? e)}`);
    };
    const button = (label: string, id: string, fn: () => void) => {
      const b = h('button', { type: 'button', class: 'secondaire', id }, label);
      b.addEventListener('click', () => {
        try {
          fn();
        } catch (e) {
          failed(`(${label})`, e);
        }
      });
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
          if (s)
            download(
              shownName('chiffres-cls', s, 'csv'),
              figuresCsv(s.figures, reportContextOf(ctx, s)),
              'text/csv;charset=utf-8',
            );
        }),
        button('Territoires (CSV)', 'export-territoires', () => {
          const s = ctx.snapshot();
          if (!s) return;
          const { view } = ctx.store.get();
          // The CLI's writer: `cls report --by commune|epci --format csv` gives the same file.
          download(
            shownName('territoires-cls', s, 'csv'),
            renderReport(s.figures, {
              format: 'csv',
              by: view === 'epci' ? 'epci' : 'commune',
              context: reportContextOf(ctx, s),
              coverage: s.coverage,
            }),
            'text/csv;charset=utf-8',
          );
        }),
        button('Zone couverte (GeoJSON)', 'export-geojson', () => {
          const s = ctx.snapshot();
          if (!s) return;
          const { geometry: g, coverage: c, figures } = s;
          const department = figures.department;
          const byCode = new Map(c.communes.map((x) => [x.code, x.status]));
          const depOf = new Map(c.reference.communes.map((x) => [x.code, x.department]));
          const cogCodeOf = new Map(g.index.codes.map((code, i) => [code, g.cogCodes[i]!]));
          const where = department ? `département ${department}` : `région ${figures.region.code}`;
          // The polygons themselves are loaded only here: the map draws pre-cut tiles.
          void loadGeometry(ctx.manifest, g.baseYear)
            .then((topology) => {
              const fc = dissolveBy(topology, (code) => {
                const target = cogCodeOf.get(code)!;
                // With a department filter, its communes only.
                if (department && depOf.get(target) !== department) return null;
                const st = byCode.get(target);
                return st && st !== 'none' ? st : null;
              });
              const features = fc.features.map((f) => ({
                ...f,
                properties: {
                  ...f.properties,
                  nom: `${STATUS_LABELS[f.properties.key as MapStatus]} — ${where}, au ${frDate(c.asOf)}`,
                  statut: f.properties.key,
                  departement: department ?? '',
                },
              }));
              download(
                shownName('zone-couverte', s, 'geojson'),
                JSON.stringify({
                  ...fc,
                  features,
                  metadata: {
                    date: c.asOf,
                    cog: c.cog,
                    perimetre: where,
                    source: `${ctx.manifest.geometry.find((x) => x.year === g.baseYear)?.source ?? 'IGN ADMIN EXPRESS'} ; registre CLS`,
                  },
                }),
                'application/geo+json',
              );
              say('Zone couverte exportée.');
            })
            .catch((e: unknown) => failed('de la zone couverte', e));
        }),
        button('Carte (PNG)', 'export-png', () => {
          const s = ctx.snapshot();
          if (!s) return;
          // Title, date, department, legend with counts, scale and sources around the map.
          try {
            composeMapImage(ctx, s).toBlob((b) => {
              if (b) download(shownName('carte-cls', s, 'png'), b, 'image/png');
              else failed('de la carte', new Error('image vide'));
            });
          } catch (e) {
            failed('de la carte', e);
          }
        }),
        button('Carte (SVG)', 'export-svg', () => {
          const s = ctx.snapshot();
          if (!s) return;
          // Lambert-93 (or the region's UTM zone overseas), for reports: vector, legible at any size.
          vectorMapSvg(ctx, s)
            .then((svg) => {
              download(shownName('carte-cls', s, 'svg'), svg, 'image/svg+xml;charset=utf-8');
              say('Carte vectorielle exportée.');
            })
            .catch((e: unknown) => failed('de la carte vectorielle', e));
        }),
        button('Imprimer / PDF', 'imprimer', () => {
          // The screen's pixels at once, then the vector map, then the print dialog.
          printImage(ctx);
          printVectorMap(ctx)
            .catch((e: unknown) => failed('de la carte vectorielle', e))
            .finally(() => window.print());
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
