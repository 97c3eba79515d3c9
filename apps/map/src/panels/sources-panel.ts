import { plural } from '@cls/core';
import { SnapshotPanel, type Snapshot } from '../context.ts';
import type { RegistryFile } from '../data.ts';
import { fill, h } from '../dom.ts';

/** What the build found in a registry file: rows rejected and warnings, each with its line (never silently absent). */
export function registryFileItem(f: NonNullable<RegistryFile['files']['documents']>): HTMLElement {
  const rejected = f.rejected ? plural(f.rejected, 'écartée', 'écartées') : 'aucune écartée';
  const warnings = f.warnings ? `, ${plural(f.warnings, 'avertissement', 'avertissements')}` : '';
  const head = `${f.path} : ${plural(f.rows, 'ligne', 'lignes')}, ${rejected}${warnings}`;
  if (!f.diagnostics.length) return h('li', { class: 'registre-fichier' }, `${head}.`);
  return h(
    'li',
    { class: 'registre-fichier' },
    h(
      'details',
      { open: f.rejected > 0 },
      h('summary', {}, head),
      h(
        'ul',
        {},
        ...f.diagnostics.map((d) =>
          h(
            'li',
            { class: d.severity === 'error' ? 'probleme erreur' : 'probleme' },
            `${d.severity === 'error' ? 'Ligne écartée' : 'Avertissement'}${d.line ? `, ligne ${d.line}` : ''}` +
              `${d.field ? `, ${d.field}` : ''} : ${d.message}`,
          ),
        ),
      ),
    ),
  );
}

/** Sources and vintages: COG year, populations, polygons, QPV list, registry files and what they rejected. */
export class SourcesPanel extends SnapshotPanel {
  update(s: Snapshot): void {
    const { manifest, registry } = this.ctx!;
    const f = s.figures;
    const y = manifest.years.find((x) => x.cog === f.cog)!;
    const unverified = registry.documents.filter((d) => !d.verified).length;
    const g = s.geometry;
    fill(
      this.el,
      h('h2', {}, 'Sources et millésimes'),
      h(
        'ul',
        { class: 'docs' },
        h(
          'li',
          {},
          `Géographie : COG ${f.cog}${g.baseYear !== f.cog ? ` (contours ${g.baseYear} recodés)` : ''} ; ` +
            `communes et EPCI : ${y.source}.`,
        ),
        h(
          'li',
          {},
          `Populations municipales ${f.populationYear} (INSEE)${f.populationNote ? ` — ${f.populationNote}` : ''}.`,
        ),
        h(
          'li',
          {},
          `Contours des communes (${g.baseYear}) : ${manifest.geometry.find((x) => x.year === g.baseYear)?.source ?? 'source non indiquée'}.`,
        ),
        ...(registry.priority.some((t) => t.kind === 'qpv')
          ? [h('li', {}, 'QPV 2024 : ANCT (liste, anct-carto/superposeur-V2). Licence Ouverte 2.0.')]
          : []),
        h(
          'li',
          {},
          `Registre des CLS : ${registry.documents.length} documents sourcés, dont ${unverified} non vérifiés ` +
            `(dates déduites) ; empreinte ${registry.files.documents?.sha256.slice(0, 12)}.`,
        ),
        ...Object.values(registry.files)
          .filter((f) => f !== null)
          .map(registryFileItem),
      ),
    );
  }
}
