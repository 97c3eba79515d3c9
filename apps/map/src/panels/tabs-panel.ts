import type { AppContext, Change, Panel, Snapshot } from '../context.ts';
import { h } from '../dom.ts';
import { TABS, type TabId } from '../url-state.ts';

/** Each tab's label and the block it shows. */
const TAB_BLOCKS: Record<TabId, { label: string; block: string }> = {
  evolution: { label: 'Évolution', block: 'bloc-graphique' },
  tableau: { label: 'Tableau par département', block: 'bloc-tableau' },
  prioritaires: { label: 'Territoires prioritaires', block: 'bloc-prioritaires' },
  documents: { label: 'Documents du registre', block: 'bloc-documents' },
  sources: { label: 'Sources et millésimes', block: 'bloc-sources' },
};

/**
 * The blocks below the map as tabs (the WAI-ARIA tabs pattern: one panel shown, ←/→, Home and
 * End move between tabs); the tab shown is in the store, hence in the link (`?onglet=documents`).
 * The blocks stay in the page: printing and the panels that draw them do not depend on the tab.
 */
export class TabsPanel implements Panel {
  private el: HTMLElement = document.createElement('div');
  private ctx!: AppContext;
  private readonly tabs = new Map<TabId, HTMLButtonElement>();

  onAdd(ctx: AppContext): HTMLElement {
    this.ctx = ctx;
    this.el = h('div', { role: 'tablist', class: 'onglets', 'aria-label': 'Sous la carte' });
    for (const id of TABS) {
      const { label, block } = TAB_BLOCKS[id];
      const tab = h('button', { type: 'button', role: 'tab', id: `onglet-${id}`, 'aria-controls': block }, label);
      tab.addEventListener('click', () => ctx.store.set({ tab: id }));
      tab.addEventListener('keydown', (e) => this.onKey(e, id));
      this.tabs.set(id, tab);
      this.el.append(tab);
      const panel = document.getElementById(block);
      panel?.setAttribute('role', 'tabpanel');
      panel?.setAttribute('aria-labelledby', tab.id);
      panel?.setAttribute('tabindex', '0');
    }
    this.show(ctx.store.get().tab);
    this.label();
    return this.el;
  }

  update(_: Snapshot, changed: ReadonlySet<Change>): void {
    if (changed.has('tab')) this.show(this.ctx.store.get().tab);
    if (changed.has('view')) this.label();
  }

  /** The table's tab says what the table shows: departments, or EPCI in the EPCI view. */
  private label(): void {
    const tab = this.tabs.get('tableau');
    if (tab) tab.textContent = this.ctx.store.get().view === 'epci' ? 'Tableau par EPCI' : TAB_BLOCKS.tableau.label;
  }

  onRemove(): void {
    this.el.remove();
  }

  private show(shown: TabId): void {
    for (const [id, tab] of this.tabs) {
      const selected = id === shown;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(TAB_BLOCKS[id].block);
      if (panel) panel.hidden = !selected;
    }
  }

  /** Arrows, Home and End select the neighbouring, first or last tab and move the focus to it. */
  private onKey(e: KeyboardEvent, from: TabId): void {
    const i = TABS.indexOf(from);
    const to =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : null;
    if (!to) return;
    e.preventDefault();
    this.ctx.store.set({ tab: to });
    this.show(to);
    this.tabs.get(to)?.focus();
  }
}
