import { describe, expect, it } from 'vitest';
import { createStore } from './store.ts';

describe('createStore', () => {
  it('tells listeners which keys changed, and stays silent when nothing did', () => {
    const s = createStore({ date: '2024-06-30', department: null as string | null });
    const calls: string[][] = [];
    const off = s.subscribe((_, changed) => calls.push([...changed] as string[]));
    s.set({ date: '2024-06-30' });
    s.set({ date: '2025-01-01', department: null });
    s.set({ department: '62' });
    expect(calls).toEqual([['date'], ['department']]);
    expect(s.get()).toEqual({ date: '2025-01-01', department: '62' });
    off();
    s.set({ department: '59' });
    expect(calls).toHaveLength(2);
  });
});
