import {
  DOC_TYPES,
  splitPerimeter,
  validateDocuments,
  today,
  type Diagnostic,
  type DocType,
  type DocumentColumn,
  type DocumentRow,
  type CogYear,
  type Reference,
  DOC_LABELS,
} from '@cls/core';
import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { fill, h } from '../dom.ts';
import { showOnly } from '../map-view.ts';
import { draftShown, putRow, removeRow, type Draft } from '../registry-draft.ts';
import { searchTerritories } from './search-panel.ts';

/** The form's text fields: column, label, input type, hint. */
const FIELDS: Array<[DocumentColumn, string, string, string]> = [
  ['id', 'Identifiant', 'text', 'unique, ex. lens-cls-2024'],
  ['territory', 'Territoire (libellé)', 'text', 'ex. CA de Lens-Liévin'],
  ['perimeter', 'Périmètre (codes)', 'text', 'SIREN d’EPCI ou codes INSEE séparés par |'],
  ['signed_on', 'Signé le', 'text', 'jj/mm/aaaa, mm/aaaa ou aaaa'],
  ['ends_on', 'Fin', 'text', 'jj/mm/aaaa (vide : sans fin connue)'],
  ['generation', 'Génération', 'number', '1 pour un premier CLS'],
  ['source_url', 'Source (lien)', 'url', 'https://…'],
  ['evidence', 'Citation de la source', 'text', 'ce que dit la source'],
];

const EMPTY: DocumentRow = {
  id: '',
  territory: '',
  perimeter: '',
  doc_type: 'cls',
  signed_on: '',
  ends_on: '',
  generation: '',
  verified: 'no',
  source_url: '',
  evidence: '',
};

/**
 * Adds or edits a document of the registry shown: territory picker (search, or clicks on the map
 * that add or remove EPCI and communes, the perimeter drawn as it grows), type, dates, generation,
 * verification, source (http/https) and quote. The row is validated as `cls validate` does at each
 * keystroke, and the map previews the registry with it; "Enregistrer dans le registre" keeps it,
 * "Annuler" goes back, "Défaire" undoes the last change kept.
 */
export class EditorPanel implements Panel {
  private el = h('div');
  private ctx!: AppContext;
  private inputs = new Map<DocumentColumn, HTMLInputElement | HTMLSelectElement>();
  private errors = new Map<DocumentColumn, HTMLElement>();
  private problems = h('ul', { id: 'edition-problemes', class: 'docs' });
  private summary = h('p', { id: 'edition-perimetre-resume', class: 'note' });
  private pick = h('button', { type: 'button', class: 'secondaire', id: 'edition-carte', 'aria-pressed': 'false' });
  private choose = h('select', { id: 'edition-document' });
  private form = h('form', { id: 'edition', hidden: true, novalidate: true });
  private keep = h('button', { type: 'submit', id: 'edition-valider' }, 'Enregistrer dans le registre');
  private undo = h('button', { type: 'button', class: 'secondaire', id: 'edition-defaire' }, 'Défaire');
  private remove = h('button', { type: 'button', class: 'secondaire', id: 'edition-supprimer' }, 'Supprimer');
  /** The draft before the form's preview, and the drafts before each change kept (for Défaire). */
  private committed: Draft | null = null;
  private history: Draft[] = [];
  /** The id of the row edited (null: a new row). */
  private editing: string | null = null;
  private timer: number | null = null;
  /** The references rows are validated with, as `cls validate` does (loaded when the form first opens). */
  private refs: ((cog: CogYear) => Reference) | null = null;

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    const open = h('button', { type: 'button', id: 'edition-ouvrir' }, 'Ajouter ou modifier un document');
    open.addEventListener('click', () => void this.start(null));
    this.choose.addEventListener('change', () => void this.start(this.choose.value || null));
    this.pick.addEventListener('click', () => this.togglePick());
    this.form.addEventListener('input', () => this.changed());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.commit();
    });
    this.undo.addEventListener('click', () => void this.undoLast());
    this.remove.addEventListener('click', () => void this.removeEdited());
    const cancel = h('button', { type: 'button', class: 'secondaire', id: 'edition-annuler' }, 'Annuler');
    cancel.addEventListener('click', () => void this.cancel());
    this.buildForm(cancel);
    fill(this.el, h('h2', {}, 'Modifier le registre'), h('div', { class: 'ligne' }, open, this.undo), this.form);
    this.undo.hidden = true;
    return this.el;
  }

  onRemove(): void {
    this.ctx.events.off('pick', this.onPick);
    this.el.remove();
  }

  /** A commune or an EPCI clicked on the map while picking: added to (or removed from) the perimeter. */
  private readonly onPick = (code: string) => this.toggleCode(code, null);

  update(_: Snapshot, changed: ReadonlySet<Change>): void {
    if (changed.has('snapshot') || changed.has('registry')) this.drawPerimeter();
  }

  private buildForm(cancel: HTMLButtonElement): void {
    const type = h(
      'select',
      { id: 'edition-doc_type' },
      ...DOC_TYPES.map((t) => h('option', { value: t }, DOC_LABELS[t as DocType])),
    );
    this.inputs.set('doc_type', type);
    const verified = h('input', { type: 'checkbox', id: 'edition-verified' });
    this.inputs.set('verified', verified);
    const search = h('input', {
      type: 'search',
      id: 'edition-recherche',
      placeholder: 'Ajouter un EPCI ou une commune',
    });
    const results = h('ul', { class: 'resultats', id: 'edition-resultats' });
    search.addEventListener('input', () => {
      const found = searchTerritories(this.reference(), search.value, 6);
      fill(
        results,
        ...found.map((f) => {
          const b = h('button', { type: 'button', class: 'secondaire' }, f.label);
          b.addEventListener('click', () => {
            this.toggleCode(f.code, true);
            search.value = '';
            fill(results);
          });
          return h('li', {}, b);
        }),
      );
    });
    this.pick.textContent = 'Choisir sur la carte';
    const field = (col: DocumentColumn, label: string, inputType: string, hint: string) => {
      const input = h('input', { type: inputType, id: `edition-${col}`, 'aria-describedby': `edition-${col}-aide` });
      this.inputs.set(col, input);
      const error = h('p', { class: 'erreur', id: `edition-${col}-erreur` });
      this.errors.set(col, error);
      return h(
        'div',
        { class: 'champ' },
        h('label', { for: `edition-${col}` }, label),
        input,
        h('p', { class: 'note', id: `edition-${col}-aide` }, hint),
        error,
      );
    };
    const [id, territory, perimeter, ...rest] = FIELDS.map((f) => field(...f));
    fill(
      this.form,
      h('label', { for: 'edition-document' }, 'Document'),
      this.choose,
      id,
      territory,
      perimeter,
      h('div', { class: 'ligne' }, search, this.pick),
      results,
      this.summary,
      h('div', { class: 'champ' }, h('label', { for: 'edition-doc_type' }, 'Type'), type),
      ...rest.slice(0, 3),
      h('div', { class: 'champ' }, h('label', {}, verified, ' Vérifié (date et périmètre lus dans la source)')),
      ...rest.slice(3),
      this.problems,
      h('div', { class: 'ligne' }, this.keep, cancel, this.remove),
    );
  }

  /** The reference the perimeter is searched and drawn in: the COG year of the date shown. */
  private reference(): Reference {
    const s = this.ctx.snapshot();
    return s ? s.coverage.reference : this.ctx.referenceFor(Math.max(...this.ctx.manifest.years.map((y) => y.cog)));
  }

  /** The draft worked on: the registry's, or the shipped documents as rows. */
  private draft(): Draft {
    return draftShown(this.ctx.origin.draft, this.ctx.registry.documents);
  }

  /** Opens the form on a row of the draft (its id), or on a new row. */
  private async start(id: string | null): Promise<void> {
    this.refs ??= await this.ctx.validationReferences();
    const draft = this.draft();
    this.committed = draft;
    this.editing = id;
    const row = id ? (draft.rows.find((r) => r.values.id === id)?.values as DocumentRow | undefined) : undefined;
    const values = row ?? EMPTY;
    // Appended in one fragment, not spread as arguments: a 200 000-row registry overflowed the call stack.
    const options = document.createDocumentFragment();
    options.append(h('option', { value: '' }, 'Nouveau document'));
    for (const r of draft.rows)
      options.append(h('option', { value: r.values.id ?? '' }, `${r.values.id} — ${r.values.territory}`));
    this.choose.replaceChildren(options);
    this.choose.value = id ?? '';
    for (const [col, input] of this.inputs) {
      if (input instanceof HTMLInputElement && input.type === 'checkbox')
        input.checked = /^(yes|oui)$/i.test(values[col]);
      else input.value = values[col];
    }
    this.remove.hidden = id === null;
    this.form.hidden = false;
    this.validate();
    this.drawPerimeter();
    this.inputs.get(id ? 'signed_on' : 'id')!.focus();
  }

  /** The row the form holds. */
  private row(): DocumentRow {
    const value = (col: DocumentColumn) => {
      const input = this.inputs.get(col)!;
      if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked ? 'yes' : 'no';
      return input.value.trim();
    };
    return Object.fromEntries(Object.keys(EMPTY).map((c) => [c, value(c as DocumentColumn)])) as DocumentRow;
  }

  /** Validates the form's row among the others (duplicate ids, COG year of the date), as the CLI does. */
  private validate(): { draft: Draft; errors: Diagnostic[] } {
    const base = this.committed ?? this.draft();
    const draft = putRow(base, this.row(), this.editing);
    const line =
      this.editing === null ? draft.rows.length + 1 : base.rows.findIndex((r) => r.values.id === this.editing) + 2;
    const options = {
      referenceFor: this.refs ?? this.ctx.referenceFor,
      cogYears: this.ctx.manifest.years.map((y) => y.cog),
      today: today(),
    };
    const result = validateDocuments(draft.rows, draft.name, options);
    const mine = result.diagnostics.filter((d) => d.line === line);
    for (const [col, el] of this.errors) {
      const own = mine.filter((d) => d.field === col);
      el.textContent = own.map((d) => d.message).join(' ; ');
      this.inputs.get(col)!.setAttribute('aria-invalid', String(own.some((d) => d.severity === 'error')));
    }
    fill(
      this.problems,
      ...mine
        .filter((d) => !d.field || !this.errors.has(d.field as DocumentColumn))
        .map((d) => h('li', { class: d.severity === 'error' ? 'erreur' : '' }, d.message)),
    );
    const errors = mine.filter((d) => d.severity === 'error');
    this.keep.disabled = errors.length > 0;
    return { draft, errors };
  }

  /** After a keystroke: validate at once, preview on the map once typing pauses. */
  private changed(): void {
    const { draft, errors } = this.validate();
    this.drawPerimeter();
    if (this.timer !== null) clearTimeout(this.timer);
    if (errors.length) return;
    this.timer = window.setTimeout(() => void this.show(draft), 300);
  }

  private async show(draft: Draft): Promise<void> {
    const { useDraft } = await import('../registry-edit.ts');
    await useDraft(this.ctx, draft);
  }

  private async commit(): Promise<void> {
    const { draft, errors } = this.validate();
    if (errors.length || !this.committed) return;
    this.history.push(this.committed);
    this.close();
    await this.show(draft);
  }

  private async cancel(): Promise<void> {
    const before = this.committed;
    this.close();
    if (before) await this.show(before);
  }

  private async removeEdited(): Promise<void> {
    if (!this.committed || this.editing === null) return;
    this.history.push(this.committed);
    const draft = removeRow(this.committed, this.editing);
    this.close();
    await this.show(draft);
  }

  private async undoLast(): Promise<void> {
    const before = this.history.pop();
    this.close();
    if (before) await this.show(before);
  }

  private close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.form.hidden = true;
    this.committed = null;
    this.editing = null;
    this.ctx.events.off('pick', this.onPick);
    this.pick.setAttribute('aria-pressed', 'false');
    this.undo.hidden = this.history.length === 0;
    showOnly(this.ctx.map, 'perimetre', 'code', []);
  }

  private togglePick(): void {
    const on = !this.ctx.events.listens('pick');
    if (on) this.ctx.events.on('pick', this.onPick);
    else this.ctx.events.off('pick', this.onPick);
    this.pick.setAttribute('aria-pressed', String(on));
  }

  /** Adds (or, clicked again, removes) a commune or an EPCI in the perimeter field. */
  private toggleCode(code: string, add: boolean | null): void {
    const input = this.inputs.get('perimeter')!;
    const codes = splitPerimeter(input.value);
    const has = codes.includes(code);
    const next = has && add !== true ? codes.filter((c) => c !== code) : has ? codes : [...codes, code];
    input.value = next.join('|');
    this.changed();
  }

  /** The perimeter drawn on the map and named under the field. */
  private drawPerimeter(): void {
    const s = this.ctx.snapshot();
    if (this.form.hidden || !s) return;
    const ref = s.coverage.reference;
    const codes = splitPerimeter(this.inputs.get('perimeter')!.value);
    const communes = new Set<string>();
    const names: string[] = [];
    for (const c of codes) {
      const epci = ref.epcis.find((e) => e.siren === c);
      const commune = ref.communes.find((x) => x.code === c);
      for (const m of epci?.members ?? (commune ? [c] : [])) communes.add(m);
      names.push(epci?.name ?? commune?.name ?? `${c} (inconnu en ${ref.cog})`);
    }
    const g = s.geometry;
    showOnly(
      this.ctx.map,
      'perimetre',
      'code',
      g.index.codes.filter((_, i) => communes.has(g.cogCodes[i]!)),
    );
    this.summary.textContent = codes.length
      ? `${names.join(', ')} : ${communes.size} commune${communes.size > 1 ? 's' : ''} (COG ${ref.cog}).`
      : 'Périmètre vide : cherchez un EPCI ou une commune, ou choisissez-les sur la carte.';
  }
}
