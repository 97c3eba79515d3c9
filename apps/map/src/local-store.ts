import type { Draft } from './registry-draft.ts';

const DB = 'cls-couverture';
const STORE = 'registre';
const KEY = 'brouillon';

/** A draft kept in this browser, with when it was kept. */
export interface KeptDraft {
  draft: Draft;
  keptAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = work(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps the draft in this browser's IndexedDB (never sent anywhere). */
export function keepDraft(draft: Draft): Promise<unknown> {
  const kept: KeptDraft = { draft: { ...draft, dirty: false }, keptAt: new Date().toISOString() };
  return run('readwrite', (s) => s.put(kept, KEY));
}

/** The draft kept in this browser, or null. */
export async function keptDraft(): Promise<KeptDraft | null> {
  return ((await run('readonly', (s) => s.get(KEY))) as KeptDraft | undefined) ?? null;
}

/** Removes everything this page keeps in the browser. */
export function clearKept(): Promise<unknown> {
  return run('readwrite', (s) => s.clear());
}
