import { plural, today } from '@cls/core';
import type { AppContext, LoadedFile, Panel } from '../context.ts';
import { byId, fill, h } from '../dom.ts';
import type { UserFile } from '../registry-file.ts';
import { registryFileItem } from './sources-panel.ts';

const ACCEPT = '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KIND_LABELS: Record<LoadedFile['kind'], string> = {
  documents: 'registre des documents',
  priority: 'territoires prioritaires',
  qpv: 'populations des QPV',
};

/**
 * The registry the page shows, and the analyst's own: "Charger un registre" (or a file dropped on
 * the page) reads a CSV or `.xlsx` registry, priority territories or QPV populations in the browser
 * with the CLI's validation, lists every problem by line and field, and recomputes everything;
 * "Revenir au registre livré" restores the shipped one. Nothing is sent anywhere.
 */
export class RegistryPanel implements Panel {
  private el = h('div');
  private ctx!: AppContext;
  private status = h('div', { id: 'registre-problemes', role: 'status' });
  private input = h('input', { type: 'file', id: 'charger-registre', accept: ACCEPT, class: 'masque-fichier' });
  private readonly onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    document.body.classList.add('depot');
  };
  private readonly onDragLeave = (e: DragEvent) => {
    if (e.relatedTarget === null) document.body.classList.remove('depot');
  };
  private readonly onDrop = (e: DragEvent) => {
    const file = e.dataTransfer?.files[0];
    document.body.classList.remove('depot');
    if (!file) return;
    e.preventDefault();
    void this.readFile(file);
  };

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      if (file) void this.readFile(file);
      this.input.value = '';
    });
    document.addEventListener('dragover', this.onDragOver);
    document.addEventListener('dragleave', this.onDragLeave);
    document.addEventListener('drop', this.onDrop);
    this.draw();
    return this.el;
  }

  onRemove(): void {
    document.removeEventListener('dragover', this.onDragOver);
    document.removeEventListener('dragleave', this.onDragLeave);
    document.removeEventListener('drop', this.onDrop);
    this.el.remove();
  }

  private draw(): void {
    const { files } = this.ctx.origin;
    const shipped = this.ctx.registry.files.documents;
    const origin = files.length
      ? h(
          'ul',
          { class: 'docs', id: 'registre-origine' },
          ...files.map((f) =>
            h(
              'li',
              {},
              `${capitalizeKind(f.kind)} : ${f.file.name} (${f.read}), ` +
                `${plural(f.report.rows, 'ligne', 'lignes')}, empreinte ${f.report.sha256.slice(0, 12)}.`,
            ),
          ),
        )
      : h(
          'p',
          { id: 'registre-origine' },
          `Registre livré avec l’outil : ${shipped.path}, ${plural(shipped.rows, 'ligne', 'lignes')}, ` +
            `empreinte ${shipped.sha256.slice(0, 12)}.`,
        );
    const last = files[files.length - 1];
    // Above the figures: figures of the analyst's files are never taken for the shipped registry's.
    const banner = byId('registre-bandeau');
    banner.hidden = files.length === 0;
    banner.textContent = files.length
      ? `Chiffres calculés sur ${files.length > 1 ? 'vos fichiers' : 'votre fichier'} ` +
        `${files.map((f) => f.file.name).join(', ')} (lu${files.length > 1 ? 's' : ''} dans ce navigateur), ` +
        'pas sur le registre livré.'
      : '';
    fill(
      this.el,
      h('h2', {}, 'Registre'),
      origin,
      h(
        'div',
        { class: 'ligne' },
        h('label', { for: 'charger-registre', class: 'bouton' }, 'Charger un registre'),
        this.input,
        files.length
          ? this.button('registre-livre', 'Revenir au registre livré', () => this.ctx.useRegistry(null, []))
          : null,
      ),
      last && last.sheets.length > 1 ? this.sheetPicker(last) : null,
      h(
        'p',
        { class: 'note' },
        'CSV (séparateur ; , ou tabulation, UTF-8, Windows-1252 ou UTF-16) ou classeur .xlsx : registre des ' +
          'documents, territoires prioritaires ou populations des QPV ; vous pouvez aussi déposer le fichier ' +
          'sur la page. Le fichier est lu dans votre navigateur : rien n’est envoyé.',
      ),
      this.status,
    );
    if (last) this.showReport(last.report, null);
  }

  private button(id: string, label: string, run: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'secondaire', id }, label);
    b.addEventListener('click', run);
    return b;
  }

  /** A workbook of several sheets: the sheet read, and the others to choose from. */
  private sheetPicker(last: LoadedFile): HTMLElement {
    const select = h(
      'select',
      { id: 'registre-feuille' },
      ...last.sheets.map((s) => h('option', { value: s, selected: s === last.file.sheet || undefined }, s)),
    );
    if (last.file.sheet === undefined) select.value = last.sheets[0]!;
    select.addEventListener('change', () => void this.read({ ...last.file, sheet: select.value }));
    return h('label', { class: 'champ' }, 'Feuille lue', select);
  }

  private showReport(report: LoadedFile['report'], unusable: string | null): void {
    fill(
      this.status,
      unusable ? h('p', { class: 'erreur', role: 'alert' }, `Fichier non chargé : ${unusable}.`) : null,
      h('ul', { class: 'docs' }, registryFileItem(report)),
    );
  }

  private async readFile(file: File): Promise<void> {
    await this.read({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }

  private async read(file: UserFile): Promise<void> {
    fill(this.status, h('p', {}, `Lecture de ${file.name}…`));
    try {
      const { readUserFile } = await import('../registry-file.ts');
      const current = this.ctx.registry;
      const r = await readUserFile(file, current, {
        referenceFor: this.ctx.referenceFor,
        cogYears: this.ctx.manifest.years.map((y) => y.cog),
        today: today(),
      });
      if (!r.registry) {
        this.showReport(r.report, r.unusable);
        return;
      }
      const loaded: LoadedFile = { kind: r.kind, file, read: r.read, sheets: r.sheets, report: r.report };
      const others = this.ctx.origin.files.filter((f) => f.kind !== r.kind);
      this.ctx.useRegistry(r.registry, [...others, loaded]);
    } catch (e) {
      fill(
        this.status,
        h('p', { class: 'erreur', role: 'alert' }, `${file.name} : lecture impossible (${String(e)}).`),
      );
    }
  }
}

function capitalizeKind(kind: LoadedFile['kind']): string {
  const s = KIND_LABELS[kind];
  return s.charAt(0).toUpperCase() + s.slice(1);
}
