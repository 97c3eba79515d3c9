import {
  DOCUMENT_COLUMN_HELP,
  documentsCsv,
  DOCUMENT_COLUMNS,
  formatInteger,
  frenchDate,
  plural,
  today,
} from '@cls/core';
import type { AppContext, Change, LoadedFile, Panel, Snapshot } from '../context.ts';
import { byId, download, fill, h } from '../dom.ts';
import type { KeptDraft } from '../local-store.ts';
import { draftShown, fileDraft, rowCells, type Draft } from '../registry-draft.ts';
import type { UserFile } from '../registry-file.ts';
import { registryFileItem } from './sources-panel.ts';

const ACCEPT = '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KIND_LABELS: Record<LoadedFile['kind'], string> = {
  documents: 'Registre des documents',
  priority: 'Territoires prioritaires',
  qpv: 'Populations des QPV',
};

/** A link to an element of the page (h() keeps only absolute http(s) links). */
function inPageLink(id: string, text: string): HTMLAnchorElement {
  const a = h('a', {}, text);
  a.setAttribute('href', `#${id}`);
  return a;
}

/** The name a draft is saved under, with the extension of the format. */
const savedName = (draft: Draft, ext: 'csv' | 'xlsx') => `${draft.name.replace(/\.(csv|txt|tsv|xlsx)$/i, '')}.${ext}`;

/**
 * The registry the page shows, and the analyst's own: "Charger un registre" (or a file dropped on
 * the page) reads a CSV or `.xlsx` registry, priority territories or QPV populations in the browser
 * with the CLI's validation, lists every problem by line and field, and recomputes everything. The
 * documents table can be downloaded (CSV for Excel, `.xlsx`) and kept in this browser (IndexedDB);
 * "Revenir au registre livré" restores the shipped one. Nothing is sent anywhere.
 */
export class RegistryPanel implements Panel {
  private el = h('div');
  private ctx!: AppContext;
  private status = h('div', { id: 'registre-problemes', role: 'status' });
  private input = h('input', { type: 'file', id: 'charger-registre', accept: ACCEPT, class: 'masque-fichier' });
  private kept: KeptDraft | null = null;
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
  /** Unsaved changes are said before the page is left. */
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.ctx.origin.draft?.dirty) e.preventDefault();
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
    window.addEventListener('beforeunload', this.onBeforeUnload);
    this.draw();
    void this.lookForKept();
    return this.el;
  }

  onRemove(): void {
    document.removeEventListener('dragover', this.onDragOver);
    document.removeEventListener('dragleave', this.onDragLeave);
    document.removeEventListener('drop', this.onDrop);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.el.remove();
  }

  update(_: Snapshot, changed: ReadonlySet<Change>): void {
    if (changed.has('registry')) this.draw();
  }

  /** A registry kept in this browser on an earlier visit: offered, never shown without asking. */
  private async lookForKept(): Promise<void> {
    try {
      const { keptDraft } = await import('../local-store.ts');
      this.kept = await keptDraft(this.ctx.region.code);
      if (this.kept) this.draw();
    } catch {
      this.kept = null; // no IndexedDB (private browsing): nothing kept, nothing to offer
    }
  }

  private draw(): void {
    const { files, draft } = this.ctx.origin;
    const shown = this.ctx.registry.files.documents;
    const lines: string[] = files.map(
      (f) =>
        `${KIND_LABELS[f.kind]} : ${f.file.name} (${f.read}), ${plural(f.report.rows, 'ligne', 'lignes')}, ` +
        `empreinte ${f.report.sha256.slice(0, 12)}.`,
    );
    if (draft && (draft.dirty || !files.some((f) => f.kind === 'documents'))) {
      lines.unshift(
        `Registre des documents : ${draft.name}, ${plural(draft.rows.length, 'ligne', 'lignes')}` +
          `${draft.dirty ? ', modifié dans cette page (non enregistré)' : ''} ; empreinte ${shown?.sha256.slice(0, 12) ?? '—'}.`,
      );
    }
    const origin = lines.length
      ? h('ul', { class: 'docs', id: 'registre-origine' }, ...lines.map((l) => h('li', {}, l)))
      : shown
        ? h(
            'p',
            { id: 'registre-origine' },
            `Registre livré avec l’outil : ${shown.path}, ${plural(shown.rows, 'ligne', 'lignes')}, ` +
              `empreinte ${shown.sha256.slice(0, 12)}.`,
          )
        : this.noRegistry();
    const own = lines.length > 0;
    // Above the figures: figures of the analyst's registry are never taken for the shipped registry's.
    const banner = byId('registre-bandeau');
    banner.hidden = !own;
    const names = [...new Set([...(draft ? [draft.name] : []), ...files.map((f) => f.file.name)])];
    const rejected = files.reduce((n, f) => n + f.report.rejected, 0);
    const read = files.reduce((n, f) => n + f.report.rows, 0);
    const head = own
      ? `Chiffres calculés sur votre registre (${names.join(', ')}${draft?.dirty ? ', modifié' : ''}), ` +
        'lu dans ce navigateur, pas sur le registre livré.'
      : '';
    // Rows left out are said where the figures are read, in the alert style, with the way to the list.
    banner.classList.toggle('alerte', own && rejected > 0);
    banner.setAttribute('role', own && rejected > 0 ? 'alert' : 'status');
    fill(
      banner,
      head,
      own && rejected > 0
        ? h(
            'strong',
            { id: 'registre-ecartees' },
            ` ${plural(rejected, 'ligne écartée', 'lignes écartées')} sur ${formatInteger(read)} : les chiffres ne les comptent pas. `,
          )
        : null,
      own && rejected > 0 ? inPageLink('registre-problemes', 'Voir les lignes écartées') : null,
    );
    const last = files[files.length - 1];
    fill(
      this.el,
      h('h2', {}, 'Registre'),
      origin,
      h(
        'div',
        { class: 'ligne' },
        h('label', { for: 'charger-registre', class: 'bouton' }, 'Charger un registre'),
        this.input,
        own
          ? this.button(
              'registre-livre',
              this.ctx.shippedRegistry ? 'Revenir au registre livré' : 'Retirer votre registre',
              () => this.backToShipped(),
            )
          : null,
      ),
      last && last.sheets.length > 1 ? this.sheetPicker(last) : null,
      shown || own
        ? h(
            'div',
            { class: 'ligne' },
            this.button('enregistrer-csv', 'Télécharger (CSV)', () => this.save('csv')),
            this.button('enregistrer-xlsx', 'Télécharger (.xlsx)', () => void this.save('xlsx')),
          )
        : null,
      h(
        'div',
        { class: 'ligne' },
        draft ? this.button('garder-local', 'Garder dans ce navigateur', () => void this.keep()) : null,
        this.kept
          ? this.button(
              'reprendre-local',
              `Reprendre ${this.kept.draft.name} (gardé le ${frenchDate(this.kept.keptAt.slice(0, 10))})`,
              () => void this.resume(),
            )
          : null,
        this.button('effacer-local', 'Effacer les données locales', () => void this.clear()),
      ),
      h(
        'p',
        { class: 'note' },
        'CSV (séparateur ; , ou tabulation, UTF-8, Windows-1252 ou UTF-16) ou classeur .xlsx : registre des ' +
          'documents, territoires prioritaires ou populations des QPV ; vous pouvez aussi déposer le fichier ' +
          'sur la page. Les fichiers sont lus et enregistrés dans votre navigateur : rien n’est envoyé.',
      ),
      this.status,
    );
    const report = draft ? this.ctx.registry.files.documents : last?.report;
    if (own && report) this.showReport(report, null);
  }

  /**
   * A region deployed without a registry: said plainly, with a template to fill (CSV and .xlsx, the
   * header only: no example row that could be counted) and what each column holds.
   */
  private noRegistry(): HTMLElement {
    const region = this.ctx.region;
    return h(
      'div',
      { id: 'registre-origine' },
      h(
        'p',
        {},
        `Aucun registre des CLS n’est livré pour la région ${region.name} : chargez le vôtre (CSV ou .xlsx) ` +
          'pour voir la couverture. Partez du modèle :',
      ),
      h(
        'div',
        { class: 'ligne' },
        this.button('modele-csv', 'Modèle (CSV)', () =>
          download(`modele-registre-cls-${region.code}.csv`, documentsCsv([]), 'text/csv;charset=utf-8'),
        ),
        this.button('modele-xlsx', 'Modèle (.xlsx)', () => void this.template()),
      ),
      h(
        'details',
        { id: 'modele-colonnes' },
        h('summary', {}, 'Les colonnes du registre'),
        h(
          'dl',
          { class: 'colonnes' },
          ...DOCUMENT_COLUMNS.flatMap((c) => [h('dt', {}, h('code', {}, c)), h('dd', {}, DOCUMENT_COLUMN_HELP[c])]),
        ),
      ),
    );
  }

  private async template(): Promise<void> {
    const { writeXlsxTable } = await import('@cls/tables');
    const bytes = await writeXlsxTable(DOCUMENT_COLUMNS, []);
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    download(
      `modele-registre-cls-${this.ctx.region.code}.xlsx`,
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
      type,
    );
  }

  private button(id: string, label: string, run: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'secondaire', id }, label);
    b.addEventListener('click', run);
    return b;
  }

  /** A workbook of several sheets: the sheet read, and the others to choose from. */
  private sheetPicker(last: LoadedFile): HTMLElement {
    const select = h('select', { id: 'registre-feuille' }, ...last.sheets.map((s) => h('option', { value: s }, s)));
    select.value = last.file.sheet ?? last.sheets[0]!;
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

  /** The documents table shown, as the draft being worked on or the shipped registry's rows. */
  private draft(): Draft {
    return draftShown(this.ctx.origin.draft, this.ctx.registry.documents);
  }

  private backToShipped(): void {
    if (this.ctx.origin.draft?.dirty && !confirm('Les modifications non enregistrées seront perdues. Continuer ?'))
      return;
    fill(this.status);
    this.ctx.useRegistry(null, { files: [], draft: null });
  }

  /** Downloads the documents table (every row, rejected ones too): CSV for Excel or `.xlsx`. */
  private async save(format: 'csv' | 'xlsx'): Promise<void> {
    const draft = this.draft();
    if (format === 'csv') {
      download(savedName(draft, 'csv'), documentsCsv(draft.rows.map((r) => r.values)), 'text/csv;charset=utf-8');
    } else {
      const { writeXlsxTable } = await import('@cls/tables');
      const bytes = await writeXlsxTable(DOCUMENT_COLUMNS, draft.rows.map(rowCells));
      const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      download(savedName(draft, 'xlsx'), new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), type);
    }
    if (this.ctx.origin.draft?.dirty) {
      this.ctx.origin.draft = { ...this.ctx.origin.draft, dirty: false };
      this.draw();
    }
  }

  private async keep(): Promise<void> {
    const { keepDraft, keptDraft } = await import('../local-store.ts');
    await keepDraft(this.ctx.region.code, this.draft());
    this.kept = await keptDraft(this.ctx.region.code);
    this.draw();
    fill(this.status, h('p', {}, `Registre gardé dans ce navigateur (${this.draft().name}).`));
  }

  private async resume(): Promise<void> {
    if (!this.kept) return;
    try {
      const { useDraft } = await import('../registry-edit.ts');
      await useDraft(this.ctx, this.kept.draft);
    } catch (e) {
      // A copy damaged in this browser's storage: said, with the way to clear it; the page stays as it was.
      fill(
        this.status,
        h(
          'p',
          { class: 'erreur', role: 'alert' },
          `Le registre gardé dans ce navigateur est illisible (${String((e as Error)?.message ?? e)}) : ` +
            'effacez les données locales puis chargez le fichier de nouveau.',
        ),
      );
    }
  }

  private async clear(): Promise<void> {
    const { clearKept } = await import('../local-store.ts');
    await clearKept(this.ctx.region.code);
    this.kept = null;
    this.draw();
    fill(this.status, h('p', {}, 'Données locales effacées : ce navigateur ne garde plus de registre.'));
  }

  private async readFile(file: File): Promise<void> {
    await this.read({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }

  private async read(file: UserFile): Promise<void> {
    fill(this.status, h('p', {}, `Lecture de ${file.name}…`));
    try {
      // Off the page's thread: a 50,000-row registry took 7 s of a frozen page.
      const { readUserFileOffThread } = await import('../registry-file.ts');
      const r = await readUserFileOffThread(file, this.ctx.registry, this.ctx.manifest, {
        referenceFor: () => this.ctx.validationReferences(),
        today: today(),
      });
      if (!r.registry) {
        this.showReport(r.report, r.unusable);
        return;
      }
      const loaded: LoadedFile = { kind: r.kind, file, read: r.read, sheets: r.sheets, report: r.report };
      const files = [...this.ctx.origin.files.filter((f) => f.kind !== r.kind), loaded];
      const draft = r.kind === 'documents' ? fileDraft(file.name, r.rows) : this.ctx.origin.draft;
      this.ctx.useRegistry(r.registry, { files, draft });
    } catch (e) {
      fill(
        this.status,
        h('p', { class: 'erreur', role: 'alert' }, `${file.name} : lecture impossible (${String(e)}).`),
      );
    }
  }
}
