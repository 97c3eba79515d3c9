import { sortedDepartments } from '@cls/core';
import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { fill, h } from '../dom.ts';

/** Fits the map to a department's communes, or to the whole region when `dep` is null. */
export function fitToDepartment(ctx: AppContext, dep: string | null): void {
  const s = ctx.snapshot();
  if (!dep || !s) {
    ctx.fitTo();
    return;
  }
  const depOf = new Map(s.coverage.reference.communes.map((c) => [c.code, c.department]));
  ctx.fitTo((code) => depOf.get(code) === dep);
}

/** The department filter and the view (communes or EPCI). */
export class FiltersPanel implements Panel {
  private el = h('div', {});
  private buttons: HTMLButtonElement[] = [];
  private ctx: AppContext | null = null;

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    const { store } = ctx;
    const state = store.get();
    const dep = h(
      'select',
      { id: 'filtre-departement' },
      h('option', { value: '' }, 'Toute la région'),
      ...sortedDepartments(this.ctx!.region.departments).map(([code, name]) =>
        h('option', { value: code, selected: state.department === code }, `${code} – ${name}`),
      ),
    );
    dep.addEventListener('change', () => {
      const department = dep.value || null;
      store.set({ department });
      fitToDepartment(ctx, department);
    });
    this.buttons = (['communes', 'epci'] as const).map((v) => {
      const b = h(
        'button',
        { type: 'button', class: 'secondaire', 'aria-pressed': String(state.view === v), 'data-vue': v },
        v === 'communes' ? 'Communes' : 'EPCI',
      );
      b.addEventListener('click', () => store.set({ view: v, highlight: null }));
      return b;
    });
    const regional = h('button', { type: 'button', class: 'secondaire', id: 'vue-regionale' }, 'Vue régionale');
    regional.addEventListener('click', () => fitToDepartment(ctx, ctx.store.get().department));
    fill(
      this.el,
      h('label', { for: 'filtre-departement' }, 'Département'),
      h('div', { class: 'ligne' }, dep, regional),
      h('p', { class: 'etiquette', id: 'vue-label' }, 'Vue'),
      h('div', { class: 'ligne', role: 'group', 'aria-labelledby': 'vue-label' }, ...this.buttons),
    );
    return this.el;
  }

  update(_s: Snapshot, changed: ReadonlySet<Change>): void {
    if (!changed.has('view') || !this.ctx) return;
    const view = this.ctx.store.get().view;
    for (const b of this.buttons) b.setAttribute('aria-pressed', String(b.dataset.vue === view));
  }

  onRemove(): void {
    this.el.remove();
  }
}
