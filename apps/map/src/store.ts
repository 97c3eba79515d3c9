/** A small store: one state object, shallow updates, listeners told which keys changed. */
export interface Store<S extends object> {
  get(): Readonly<S>;
  /** Merges `patch` into the state; listeners run once, with the keys whose value changed (none: no call). */
  set(patch: Partial<S>): void;
  /** Calls `listener` after every change; returns the function that removes it. */
  subscribe(listener: (state: Readonly<S>, changed: ReadonlySet<keyof S>) => void): () => void;
}

/**
 * Creates a store holding `initial`.
 * @example const s = createStore({ date: '2024-06-30' }); s.subscribe((st) => draw(st.date)); s.set({ date: '2025-01-01' });
 */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = { ...initial };
  const listeners = new Set<(state: Readonly<S>, changed: ReadonlySet<keyof S>) => void>();
  return {
    get: () => state,
    set(patch) {
      const changed = new Set<keyof S>();
      for (const k of Object.keys(patch) as Array<keyof S>) if (!Object.is(state[k], patch[k])) changed.add(k);
      if (changed.size === 0) return;
      state = { ...state, ...patch };
      for (const l of [...listeners]) l(state, changed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
