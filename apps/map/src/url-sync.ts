import type { Store } from './store.ts';
import { readUrlState, writeUrlState, type UrlState } from './url-state.ts';

/**
 * Keeps the page's link in step with its state, as MapLibre's `Hash` keeps a map's position in the
 * address bar: written once a change is drawn, at most every `throttleMs` (`history.replaceState`
 * costs 6-36 ms here, and Chrome refuses it when called too often: a slider dragged through a
 * hundred dates); the browser's back and forward (another link of the same page) are read back.
 * @example new UrlSync().addTo(store) // …; sync.remove()
 */
export class UrlSync<S extends UrlState> {
  private store: Store<S> | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: number | null = null;

  constructor(private readonly throttleMs = 150) {}

  addTo(store: Store<S>): this {
    this.store = store;
    this.unsubscribe = store.subscribe(() => this.writeSoon());
    addEventListener('popstate', this.onPopState);
    // The link as the page reads it (a corrected link loses what was dropped).
    this.writeSoon();
    return this;
  }

  remove(): this {
    this.unsubscribe?.();
    removeEventListener('popstate', this.onPopState);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.store = null;
    return this;
  }

  /** The link of the state now (`?date=2024-06-30&dep=62`), or the bare path. */
  link(): string {
    return (this.store && writeUrlState(this.store.get())) || location.pathname;
  }

  private writeSoon(): void {
    if (this.timer !== null) return;
    this.timer = window.setTimeout(() => {
      this.timer = null;
      if (this.store) history.replaceState(null, '', this.link());
    }, this.throttleMs);
  }

  private readonly onPopState = () => {
    if (!this.store) return;
    const next = readUrlState(location.search);
    // What the link does not say keeps its value (the date defaults to the one shown).
    this.store.set({ ...next, date: next.date ?? this.store.get().date } as Partial<S>);
  };
}
